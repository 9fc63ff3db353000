package ui

import (
	"encoding/json"
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// liveBase is the server's stream of new metric values of running runs:
// mlscope's own endpoint, not MLflow's.
const liveBase = "/ajax-api/2.0/mlscope/live"

// actionLive carries a liveEvent from the page that follows the stream to
// the charts that show its runs.
const actionLive = "chart-live"

// liveEvent is one message of the live stream: new values of a metric of
// a run ("metrics"), a history to load again because too much arrived at
// once ("reload"), or a run's new status ("status").
type liveEvent struct {
	Kind       string
	RunID      string         `json:"run_id"`
	Key        string         `json:"key"`
	Steps      []int64        `json:"steps"`
	Timestamps []int64        `json:"timestamps"`
	Values     []mlflow.Float `json:"values"`
	Status     string         `json:"status"`
}

// metrics returns the values of a "metrics" event as MLflow's entities.
func (e liveEvent) metrics() []mlflow.Metric {
	n := min(len(e.Steps), len(e.Timestamps), len(e.Values))
	out := make([]mlflow.Metric, n)
	for i := range out {
		out[i] = mlflow.Metric{Key: e.Key, Value: e.Values[i], Timestamp: e.Timestamps[i],
			Step: e.Steps[i]}
	}
	return out
}

// liveFeed follows the live stream of some runs with the browser's
// EventSource: the server pushes, the page never polls. Each event is
// posted as actionLive. The stream ends by itself once none of the runs
// is running; the EventSource reconnects after a network failure.
type liveFeed struct {
	es    app.Value
	funcs []app.Func
}

// followLive opens the stream of runIDs; call stop on the returned feed
// when the page goes away. Outside a browser it does nothing.
func followLive(ctx app.Context, runIDs []string) *liveFeed {
	f := &liveFeed{}
	ctor := app.Window().Get("EventSource")
	if !app.IsClient || len(runIDs) == 0 || !ctor.Truthy() || inExport() {
		return f
	}
	f.es = ctor.New(liveBase + "?" + url.Values{"run_ids": runIDs}.Encode())
	on := func(kind string) {
		fn := app.FuncOf(func(this app.Value, args []app.Value) any {
			var ev liveEvent
			if kind != "end" {
				if err := json.Unmarshal([]byte(args[0].Get("data").String()), &ev); err != nil {
					app.Logf("mlscope: live %s event: %v", kind, err)
					return nil
				}
			}
			ev.Kind = kind
			if kind == "end" {
				f.stop() // or the EventSource would connect again
			}
			ctx.NewActionWithValue(actionLive, ev)
			return nil
		})
		f.funcs = append(f.funcs, fn)
		f.es.Call("addEventListener", kind, fn)
	}
	for _, kind := range []string{"metrics", "reload", "status", "end"} {
		on(kind)
	}
	return f
}

// stop closes the stream. The callbacks stay until release, since one of
// them may be running.
func (f *liveFeed) stop() {
	if f != nil && f.es != nil && f.es.Truthy() {
		f.es.Call("close")
	}
}

// release closes the stream and frees its callbacks; call it when the
// component that opened it is dismounted.
func (f *liveFeed) release() {
	if f == nil {
		return
	}
	f.stop()
	for _, fn := range f.funcs {
		fn.Release()
	}
	f.funcs = nil
}
