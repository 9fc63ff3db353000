package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ExportOffline says, in an export's note, how far the export's service
// worker (server/web/export_worker.js) has stored the export for offline
// use: it asks every few seconds until the whole export is stored or the
// browser refuses to store more. Asking also keeps the worker, and so the
// storing, going while the page is open.
type ExportOffline struct {
	app.Compo
	known  bool // the worker has answered
	status exportStatus
}

// exportStatus is the worker's answer.
type exportStatus struct {
	done, full            bool
	stored, total, failed int
	problem               string
}

// exportPoll is how often the page asks.
const exportPoll = 2 * time.Second

// OnMount starts asking.
func (o *ExportOffline) OnMount(ctx app.Context) {
	ctx.Async(func() {
		for {
			v, err := askWorker("export-status", nil)
			if err == nil {
				st := exportStatus{done: v.Get("done").Bool(), full: v.Get("full").Bool(),
					stored: v.Get("stored").Int(), total: v.Get("total").Int(),
					failed: v.Get("failed").Int(), problem: v.Get("problem").String()}
				ctx.Dispatch(func(ctx app.Context) { o.known, o.status = true, st })
				if st.done || st.full {
					return
				}
			}
			// No worker yet (the first visit, until it takes over), or
			// none at all (plain http from another machine): ask again.
			time.Sleep(exportPoll)
		}
	})
}

// Render draws the state, or nothing before the worker answers.
func (o *ExportOffline) Render() app.UI {
	st := o.status
	text, cls := "", "export-offline"
	switch {
	case !o.known:
	case st.full:
		text, cls = "The browser refused to store more of this export (its storage quota is "+
			"full): "+formatCount(st.stored)+" of "+formatCount(st.total)+" files are available "+
			"offline. Free some space for this site, or ask the browser to keep it, then reload.",
			cls+" warn"
	case st.done && st.failed > 0:
		text = "Available offline, but for " + formatCount(st.failed) + " files the host did not send."
	case st.done:
		text = "Available offline."
	default:
		text = "Storing for offline use: " + formatCount(st.stored) + " of " +
			formatCount(st.total) + " files."
		if st.problem != "" {
			text += " Paused (" + st.problem + "); it goes on at the next visit."
		}
	}
	return app.Span().ID("export-offline").Class(cls).Aria("live", "polite").
		DataSet("done", st.done).DataSet("stored", st.stored).DataSet("total", st.total).
		Text(text)
}
