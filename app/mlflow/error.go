package mlflow

import "fmt"

// Error codes of MLflow's error envelope that mlscope returns or reads.
const (
	CodeInvalidParameterValue = "INVALID_PARAMETER_VALUE"
	CodeBadRequest            = "BAD_REQUEST"
	CodeResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS"
	CodeResourceDoesNotExist  = "RESOURCE_DOES_NOT_EXIST"
	CodeEndpointNotFound      = "ENDPOINT_NOT_FOUND"
	CodeInvalidState          = "INVALID_STATE"
	CodeInternalError         = "INTERNAL_ERROR"
	CodeNotImplemented        = "NOT_IMPLEMENTED"
	CodeRequestLimitExceeded  = "REQUEST_LIMIT_EXCEEDED"
	CodeUnauthenticated       = "UNAUTHENTICATED"
	CodePermissionDenied      = "PERMISSION_DENIED"
	CodeTemporarilyUnavail    = "TEMPORARILY_UNAVAILABLE"
)

// Error is MLflow's error envelope: a code from the list above and a message
// in MLflow's words. The store returns it for conditions MLflow reports to
// clients; the HTTP layer sends it as it is.
type Error struct {
	Code    string `json:"error_code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}
