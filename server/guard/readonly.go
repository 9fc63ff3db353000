package guard

import (
	"fmt"
	"net/http"

	"mlscope/app/mlflow"
)

// checkWrite refuses, in read-only mode, every request that could change
// the tree: any method but GET, HEAD and OPTIONS, except the searches that
// MLflow defines as POST.
func (g *Guard) checkWrite(w http.ResponseWriter, r *http.Request) *refusal {
	if !g.cfg.ReadOnly || isReadOnly(r) {
		return nil
	}
	return &refusal{http.StatusForbidden, mlflow.CodePermissionDenied, fmt.Sprintf(
		"this mlscope server is read-only (--read-only): %s %s would change the "+
			"tracking data and is refused", r.Method, r.URL.Path)}
}
