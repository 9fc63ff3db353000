package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/ui"
)

// loaderJS replaces go-app's fetchWithProgress, the last function of its
// app.js: see loader.js for why.
//
//go:embed loader.js
var loaderJS string

// prefetchJS starts the first requests of the page before the module
// runs: see prefetch.js.
//
//go:embed prefetch.js
var prefetchJS string

// prefetchMarker stands for the experiment's id in the plan of prefetch.js.
const prefetchMarker = "mlscope_experiment_id"

// prefetchPlan is the plan prefetch.js follows, as JavaScript.
func prefetchPlan() string {
	plan := struct {
		Marker   string            `json:"marker"`
		Requests []ui.FirstRequest `json:"requests"`
	}{prefetchMarker, ui.ExperimentFirstRequests(prefetchMarker)}
	b, _ := json.Marshal(plan) // strings only: it cannot fail
	return string(b)
}

// goAppLoader is where go-app's fetchWithProgress begins in its app.js.
const goAppLoader = "async function fetchWithProgress("

// appJS is go-app's app.js with mlscope's first requests before it and
// mlscope's loader of the module in it.
func appJS(pages *app.Handler) ([]byte, error) {
	rec := httptest.NewRecorder()
	pages.ServeHTTP(rec, httptest.NewRequest("GET", "/app.js", nil))
	js := rec.Body.Bytes()
	i := bytes.Index(js, []byte(goAppLoader))
	if rec.Code != http.StatusOK || i < 0 {
		return nil, errors.New("go-app's app.js has no fetchWithProgress to replace " +
			"(has go-app changed?)")
	}
	out := strings.Replace(prefetchJS, "MLSCOPE_PREFETCH_PLAN", prefetchPlan(), 1)
	return append(append([]byte(out), js[:i]...), loaderJS...), nil
}
