package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// OfflineStore is the offline storage menu: it keeps the experiment on
// screen offline (fetched ahead), lists the experiments kept, says what the
// stored data takes, and clears it. ExperimentID is the experiment on
// screen, or "" on other pages.
type OfflineStore struct {
	app.Compo
	ExperimentID string

	open    bool
	load    loadState
	usage   storeUsage
	keeping string // the experiment being fetched ahead, or ""
	done    int    // its requests done
	total   int    // its requests known so far
	result  string // what the last keep fetched
	err     error  // the last action's failure
}

// storeUsage is the service worker's account of the stored data (the
// "usage" reply of server/web/worker.js); sizes are in bytes.
type storeUsage struct {
	shell        float64
	recent       float64
	recentCount  int
	recentOldest float64 // epoch ms
	kept         []keptExperiment
	used, quota  float64 // the browser's estimate for the whole site
}

type keptExperiment struct {
	id, name string
	count    int
	bytes    float64
	storedAt float64 // the latest, epoch ms
}

func (s *OfflineStore) onToggle(ctx app.Context, e app.Event) {
	s.open = !s.open
	if s.open {
		s.refresh(ctx)
	}
}

// refresh asks the service worker what is stored.
func (s *OfflineStore) refresh(ctx app.Context) {
	s.load = loading
	ctx.Async(func() {
		v, err := askWorker("usage", nil)
		var u storeUsage
		if err == nil {
			u = readUsage(v)
		}
		ctx.Dispatch(func(ctx app.Context) {
			s.load, s.usage = s.load.done(err), u
		})
	})
}

func readUsage(v app.Value) storeUsage {
	u := storeUsage{
		shell:        v.Get("shell").Get("bytes").Float(),
		recent:       v.Get("recent").Get("bytes").Float(),
		recentCount:  v.Get("recent").Get("count").Int(),
		recentOldest: v.Get("recent").Get("oldest").Float(),
	}
	if v.Get("usage").Truthy() {
		u.used, u.quota = v.Get("usage").Float(), v.Get("quota").Float()
	}
	kept := v.Get("kept")
	for i := 0; i < kept.Length(); i++ {
		k := kept.Index(i)
		u.kept = append(u.kept, keptExperiment{
			id: k.Get("id").String(), name: k.Get("name").String(),
			count: k.Get("count").Int(), bytes: k.Get("bytes").Float(),
			storedAt: k.Get("storedAt").Float(),
		})
	}
	return u
}

// keep fetches an experiment ahead, showing progress.
func (s *OfflineStore) keep(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if s.keeping != "" {
			return
		}
		s.keeping, s.done, s.total, s.result, s.err = id, 0, 0, "", nil
		ctx.Async(func() {
			sum, err := keepOffline(id, func(done, total int) {
				ctx.Dispatch(func(ctx app.Context) { s.done, s.total = done, total })
			})
			ctx.Dispatch(func(ctx app.Context) {
				s.keeping, s.err = "", err
				if err == nil {
					s.result = keptText(sum)
				}
				s.refresh(ctx)
			})
		})
	}
}

func keptText(k keepSummary) string {
	runs := itoa(k.Runs) + " runs"
	if k.Runs == 1 {
		runs = "1 run"
	}
	text := "Kept " + k.Name + " offline: " + runs + ", " + itoa(k.Requests) + " answers."
	if k.Failed > 0 {
		text += " " + itoa(k.Failed) + " could not be fetched; try again to complete it."
	}
	return text
}

// drop removes what was kept for an experiment.
func (s *OfflineStore) drop(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s.act(ctx, "drop", map[string]any{"experiment": id})
	}
}

func (s *OfflineStore) onClear(ctx app.Context, e app.Event) {
	total := formatBytes(int64(s.usage.recent + s.keptBytes()))
	if app.Window().Call("confirm", "Delete the data stored for offline use ("+total+
		")? The app itself stays, and pages are stored again as you open them.").Bool() {
		s.result = ""
		s.act(ctx, "clear", nil)
	}
}

func (s *OfflineStore) act(ctx app.Context, op string, fields map[string]any) {
	s.err = nil
	ctx.Async(func() {
		_, err := askWorker(op, fields)
		ctx.Dispatch(func(ctx app.Context) {
			s.err = err
			s.refresh(ctx)
		})
	})
}

func (s *OfflineStore) keptBytes() float64 {
	n := 0.0
	for _, k := range s.usage.kept {
		n += k.bytes
	}
	return n
}

// Render draws the menu button and, when open, the panel.
func (s *OfflineStore) Render() app.UI {
	return app.Div().Class("offline-store").Body(
		app.Button().Class("conn-button").ID("offline-menu").
			Aria("expanded", s.open).Aria("controls", "offline-panel").
			Text("Offline data").OnClick(s.onToggle),
		app.If(s.open, app.Div().Class("offline-panel").ID("offline-panel").Body(
			app.H3().Text("Offline data"),
			s.keepRow(),
			app.If(s.err != nil, errorBox("That did not work.", s.err)),
			s.stored(),
		)),
	)
}

// keepRow offers to keep the experiment on screen, or shows the progress.
func (s *OfflineStore) keepRow() app.UI {
	if s.ExperimentID == "" {
		return app.P().Class("muted").Text("Open an experiment to keep it offline.")
	}
	if len(experimentIDs(s.ExperimentID)) > 1 {
		// TODO: a page of several experiments keeps none of them; each is
		// kept from its own page.
		return app.P().Class("muted").Text("Open one experiment to keep it offline.")
	}
	label := "Keep this experiment offline"
	for _, k := range s.usage.kept {
		if k.id == s.ExperimentID {
			label = "Update its offline copy"
		}
	}
	busy := s.keeping != ""
	if busy {
		label = "Fetching " + itoa(s.done) + " of " + itoa(s.total) + "…"
	}
	return app.Div().Class("keep-row").Body(
		app.Button().Class("button").ID("keep-offline").Disabled(busy).Aria("busy", busy).
			Text(label).OnClick(s.keep(s.ExperimentID)),
		app.If(s.result != "", app.P().ID("keep-result").Text(s.result)),
		app.P().Class("muted").Text("Its runs, metric histories, models and small "+
			"files are fetched now, so that they open without the server."),
	)
}

// stored lists what is stored, in its loading, failed or loaded state.
func (s *OfflineStore) stored() app.UI {
	switch s.load.status {
	case statusLoading:
		return app.Div().Body(skeletonItems(3)...)
	case statusFailed:
		return errorBox("What is stored could not be read.", s.load.err)
	}
	u := s.usage
	now := time.Now()
	recent := "Pages read recently: none yet."
	if u.recentCount > 0 {
		recent = "Pages read recently: " + itoa(u.recentCount) + " answers, " +
			formatBytes(int64(u.recent)) + ", the oldest fetched " +
			formatAgo(millis(int64(u.recentOldest)), now) + "."
	}
	return app.Div().ID("offline-usage").Body(
		app.H4().Text("Kept offline"),
		s.keptList(now),
		app.P().ID("recent-usage").Text(recent),
		app.P().Text("The app itself: "+formatBytes(int64(u.shell))+"."),
		app.If(u.quota > 0, app.P().Class("muted").Text("In all, this site uses "+
			formatBytes(int64(u.used))+" of the "+formatBytes(int64(u.quota))+
			" this browser allows it.")),
		app.Button().Class("button danger").ID("clear-offline").Text("Clear stored data").
			OnClick(s.onClear),
	)
}

func (s *OfflineStore) keptList(now time.Time) app.UI {
	kept := s.usage.kept
	if len(kept) == 0 {
		return app.P().Class("muted").Text("No experiment is kept offline.")
	}
	return app.Ul().Class("kept-list").ID("kept-list").Body(
		app.Range(kept).Slice(func(i int) app.UI {
			k := kept[i]
			name := k.name
			if name == "" {
				name = "Experiment " + k.id
			}
			return app.Li().DataSet("experiment-id", k.id).Body(
				app.A().Href(experimentPath(k.id, "")).Text(name),
				app.Span().Class("muted").Text(" "+itoa(k.count)+" answers · "+
					formatBytes(int64(k.bytes))+" · fetched "+formatAgo(millis(int64(k.storedAt)), now)),
				app.Button().Class("conn-button").Text("Remove").
					Aria("label", "Remove "+name+" from offline data").OnClick(s.drop(k.id)),
			)
		}),
	)
}
