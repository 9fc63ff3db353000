package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"mlscope/app/mlflow"
)

// statusOf maps MLflow error codes to HTTP statuses, as MLflow's own table
// does (RESOURCE_ALREADY_EXISTS is 400 and INVALID_STATE 500 there too).
var statusOf = map[string]int{
	mlflow.CodeInvalidParameterValue: http.StatusBadRequest,
	mlflow.CodeBadRequest:            http.StatusBadRequest,
	mlflow.CodeResourceAlreadyExists: http.StatusBadRequest,
	mlflow.CodeUnauthenticated:       http.StatusUnauthorized,
	mlflow.CodePermissionDenied:      http.StatusForbidden,
	mlflow.CodeResourceDoesNotExist:  http.StatusNotFound,
	mlflow.CodeEndpointNotFound:      http.StatusNotFound,
	mlflow.CodeRequestLimitExceeded:  http.StatusTooManyRequests,
	mlflow.CodeNotImplemented:        http.StatusNotImplemented,
	mlflow.CodeTemporarilyUnavail:    http.StatusServiceUnavailable,
}

// writeJSON sends v as a 200 JSON response.
func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encode response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// writeError sends err in MLflow's envelope. An *mlflow.Error goes out as it
// is; anything else is an internal error, logged here and sent without its
// text.
func writeError(w http.ResponseWriter, log *slog.Logger, r *http.Request, err error) {
	var me *mlflow.Error
	if !errors.As(err, &me) {
		log.Error("request failed", "path", r.URL.Path, "err", err)
		me = mlflow.Errorf(mlflow.CodeInternalError, "internal error; see the server log")
	}
	status, ok := statusOf[me.Code]
	if !ok {
		status = http.StatusInternalServerError
	}
	b, _ := json.Marshal(me)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}
