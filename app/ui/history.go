package ui

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// overviewSteps is how many steps a chart asks the server for: MLflow's
// limit for get-history-bulk-interval. A chart is far narrower than that
// in pixels, and chart.Build reduces the values to its width with LTTB.
const overviewSteps = 2500

// overviewValues bounds the values an overview of several runs brings:
// an overlay of 100 runs asks for fewer steps of each, since its lines
// share the same pixels, and zooming in loads the detail.
const overviewValues = 25_000

// stepsFor is how many steps to ask for of each of n runs.
func stepsFor(n int) int {
	return max(min(overviewSteps, overviewValues/max(n, 1)), 250)
}

// stepRange is a range of steps to load, both ends included; the zero
// value means the whole history.
type stepRange struct {
	From, To int64
	Set      bool
}

// sampledHistory is what get-history-bulk-interval gave for one metric of
// several runs: each run's values by run id, and whether steps were left
// out to stay within overviewSteps.
type sampledHistory struct {
	Runs    map[string][]mlflow.Metric
	Sampled bool
}

// bulkHistory loads a metric of up to 100 runs through MLflow's
// get-history-bulk-interval: every step when there are at most
// stepsFor(runs) in the range, else that many chosen evenly, plus each
// run's first and last step. It blocks; call it from ctx.Async.
func bulkHistory(runIDs []string, key string, r stepRange) (sampledHistory, error) {
	steps := stepsFor(len(runIDs))
	q := url.Values{"run_ids": runIDs, "metric_key": {key},
		"max_results": {strconv.Itoa(steps)}}
	if r.Set {
		q.Set("start_step", strconv.FormatInt(r.From, 10))
		q.Set("end_step", strconv.FormatInt(r.To, 10))
	}
	u := apiBase + "metrics/get-history-bulk-interval?" + q.Encode()
	b, err := fetchBytes(u)
	if err != nil {
		return sampledHistory{}, err
	}
	ms, err := mlflow.DecodeBulkHistory(b)
	if err != nil {
		return sampledHistory{}, fmt.Errorf("decode the history of %s: %w", key, err)
	}
	h := sampledHistory{Runs: make(map[string][]mlflow.Metric, len(runIDs))}
	seen := map[int64]bool{}
	for _, m := range ms {
		h.Runs[m.RunID] = append(h.Runs[m.RunID], m.Metric)
		seen[m.Step] = true
	}
	// The server sends every step when there are at most the steps asked.
	h.Sampled = len(seen) >= steps
	return h, nil
}

// fetchBytes gets a URL's body as bytes: through an ArrayBuffer, which
// skips the UTF-16 string a text() answer makes the browser build. Any
// status but 200 is an error carrying MLflow's message when there is one.
// It blocks; call it from ctx.Async.
func fetchBytes(u string) ([]byte, error) {
	if !app.IsClient {
		return nil, errNotInBrowser
	}
	if inExport() {
		status, b, err := exportFetch("GET", u, nil)
		if err == nil && status != 200 {
			err = statusError("GET", u, status, b)
		}
		return b, err
	}
	resp, err := await(app.Window().Call("fetch", u))
	if err != nil {
		return nil, fmt.Errorf("GET %s: the server cannot be reached (%v)", u, err)
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("GET %s: reading the answer failed (%v)", u, err)
	}
	arr := app.Window().Get("Uint8Array").New(buf)
	b := make([]byte, arr.Length())
	app.CopyBytesToGo(b, arr)
	if status := resp.Get("status").Int(); status != 200 {
		return nil, statusError("GET", u, status, b)
	}
	return b, nil
}

// metricHistory loads every value of a run's metric through
// metrics/get-history. It decodes with mlflow.DecodeHistory rather than
// through getJSON, because a history may hold millions of values and
// encoding/json is several times slower at that size. Charts load
// bulkHistory instead; this is for keeping whole histories. It blocks;
// call it from ctx.Async.
func metricHistory(runID, key string) ([]mlflow.Metric, error) {
	u := apiBase + "metrics/get-history?" +
		url.Values{"run_id": {runID}, "metric_key": {key}}.Encode()
	b, err := fetchBytes(u)
	if err != nil {
		return nil, err
	}
	h, err := mlflow.DecodeHistory(b)
	if err != nil {
		return nil, fmt.Errorf("decode the history of %s: %w", key, err)
	}
	// TODO: follow NextPageToken once the server pages long histories;
	// today it sends them whole.
	return h.Metrics, nil
}
