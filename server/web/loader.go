package web

import (
	"bytes"
	_ "embed"
	"errors"
	"net/http"
	"net/http/httptest"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// loaderJS replaces go-app's fetchWithProgress, the last function of its
// app.js: see loader.js for why.
//
//go:embed loader.js
var loaderJS string

// goAppLoader is where go-app's fetchWithProgress begins in its app.js.
const goAppLoader = "async function fetchWithProgress("

// appJS is go-app's app.js with mlscope's loader of the module.
func appJS(pages *app.Handler) ([]byte, error) {
	rec := httptest.NewRecorder()
	pages.ServeHTTP(rec, httptest.NewRequest("GET", "/app.js", nil))
	js := rec.Body.Bytes()
	i := bytes.Index(js, []byte(goAppLoader))
	if rec.Code != http.StatusOK || i < 0 {
		return nil, errors.New("go-app's app.js has no fetchWithProgress to replace " +
			"(has go-app changed?)")
	}
	return append(js[:i:i], loaderJS...), nil
}
