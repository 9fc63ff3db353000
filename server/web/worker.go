package web

import _ "embed"

// workerJS is the template of mlscope's service worker, given to go-app as
// its ServiceWorkerTemplate: go-app fills in the version and the shell's
// files and serves it as /app-worker.js. What it caches, and how the page
// learns that an answer came from the cache, is described in worker.js.
//
//go:embed worker.js
var workerJS string

// exportWorkerJS is the service worker of a static export: it stores the
// whole export at its first visit (export_worker.js).
//
//go:embed export_worker.js
var exportWorkerJS string

// ExportIDMarker is the placeholder of the export's id in the export's
// service worker, which the exporter replaces.
const ExportIDMarker = "MLSCOPE_EXPORT_ID"
