package web

import _ "embed"

// workerJS is the template of mlscope's service worker, given to go-app as
// its ServiceWorkerTemplate: go-app fills in the version and the shell's
// files and serves it as /app-worker.js. What it caches, and how the page
// learns that an answer came from the cache, is described in worker.js.
//
//go:embed worker.js
var workerJS string
