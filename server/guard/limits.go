package guard

import (
	"fmt"
	"net/http"
	"time"

	"mlscope/app/mlflow"
)

// bodyLimit is the largest body a request may carry: MaxUpload for an
// artifact upload, MaxBody for anything else.
func (g *Guard) bodyLimit(r *http.Request) int64 {
	if isUpload(r) {
		return g.cfg.MaxUpload
	}
	return g.cfg.MaxBody
}

// limitBody refuses a body whose announced length passes the limit, before
// a byte of it is read. A body sent without a length is cut at the limit
// while it is read (see watchTransfer).
func (g *Guard) limitBody(w http.ResponseWriter, r *http.Request) *refusal {
	limit := g.bodyLimit(r)
	if r.ContentLength <= limit {
		return nil
	}
	return &refusal{http.StatusRequestEntityTooLarge, mlflow.CodeBadRequest, fmt.Sprintf(
		"request body of %s is larger than the limit of %s for %s %s",
		FormatSize(r.ContentLength), FormatSize(limit), r.Method, r.URL.Path)}
}

// acquireHeavy takes a slot for a heavy request, waiting up to heavyWait
// for one, and returns the function that gives it back. When none frees
// up, the answer is 503 TEMPORARILY_UNAVAILABLE with Retry-After: MLflow's
// Python client retries those with a backoff.
func (g *Guard) acquireHeavy(w http.ResponseWriter, r *http.Request) (func(), *refusal) {
	if !isHeavy(r) {
		return func() {}, nil
	}
	release := func() { <-g.heavy }
	select {
	case g.heavy <- struct{}{}:
		return release, nil
	default:
	}
	t := time.NewTimer(heavyWait)
	defer t.Stop()
	select {
	case g.heavy <- struct{}{}:
		return release, nil
	case <-t.C:
	case <-r.Context().Done():
	}
	w.Header().Set("Retry-After", "1")
	return nil, &refusal{http.StatusServiceUnavailable, mlflow.CodeTemporarilyUnavail,
		fmt.Sprintf("the server is busy with %d heavy requests (run searches, artifact "+
			"transfers, bulk metric history); try again shortly, or start mlscope with a "+
			"higher --max-heavy-requests", cap(g.heavy))}
}
