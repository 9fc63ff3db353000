package ui

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// rowsPerStep is how many rows the table draws at first and adds per "show
// more": go-app builds DOM nodes slowly, so thousands of rows at once would
// freeze the page.
const rowsPerStep = 200

// column is one column of the runs table.
type column struct {
	id    string // "attr:name", "metric:<key>" or "param:<key>"
	label string
	kind  string // "attr", "metric", "param"
	key   string
}

// RunsTable shows runs with a column per attribute, metric and param;
// clicking a header sorts by it.
type RunsTable struct {
	app.Compo
	ExperimentID string
	Runs         []*mlflow.Run
	// OnRestore, when set (the trash view), adds a Restore button per run.
	OnRestore func(ctx app.Context, runID string)

	sortBy   string
	sortDesc bool
	shown    int
}

var attrColumns = []column{
	{"attr:name", "Run name", "attr", "name"},
	{"attr:created", "Created", "attr", "created"},
	{"attr:duration", "Duration", "attr", "duration"},
	{"attr:status", "Status", "attr", "status"},
	{"attr:user", "User", "attr", "user"},
	{"attr:source", "Source", "attr", "source"},
}

// columns returns the attribute columns, then one per metric key and one
// per param key found in the runs, each group sorted by key.
func columns(runs []*mlflow.Run) []column {
	metrics, params := map[string]bool{}, map[string]bool{}
	for _, r := range runs {
		for _, m := range r.Data.Metrics {
			metrics[m.Key] = true
		}
		for _, p := range r.Data.Params {
			params[p.Key] = true
		}
	}
	cols := append([]column(nil), attrColumns...)
	for _, k := range sortedKeys(metrics) {
		cols = append(cols, column{"metric:" + k, k, "metric", k})
	}
	for _, k := range sortedKeys(params) {
		cols = append(cols, column{"param:" + k, k, "param", k})
	}
	return cols
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (t *RunsTable) onSort(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if t.sortBy == id {
			t.sortDesc = !t.sortDesc
		} else {
			t.sortBy, t.sortDesc = id, id == "attr:created"
		}
	}
}

func (t *RunsTable) onMore(ctx app.Context, e app.Event) { t.shown += rowsPerStep }

// Render draws the table.
func (t *RunsTable) Render() app.UI {
	cols := columns(t.Runs)
	runs := sortRuns(t.Runs, cols, t.sortBy, t.sortDesc)
	limit := max(t.shown, rowsPerStep)
	hidden := 0
	if len(runs) > limit {
		hidden = len(runs) - limit
		runs = runs[:limit]
	}
	now := time.Now()
	nMetrics, nParams := 0, 0
	for _, c := range cols {
		switch c.kind {
		case "metric":
			nMetrics++
		case "param":
			nParams++
		}
	}
	return app.Div().Class("table-wrap").Body(
		app.Table().Class("runs").ID("runs-table").Body(
			app.THead().Body(
				app.Tr().Class("groups").Body(
					app.If(t.OnRestore != nil, app.Th()),
					app.Th().ColSpan(len(attrColumns)),
					app.If(nMetrics > 0, app.Th().ColSpan(nMetrics).Class("group").Text("Metrics")),
					app.If(nParams > 0, app.Th().ColSpan(nParams).Class("group").Text("Parameters")),
				),
				app.Tr().Body(
					app.If(t.OnRestore != nil, app.Th().Aria("label", "Actions")),
					app.Range(cols).Slice(func(i int) app.UI { return t.header(cols[i]) }),
				),
			),
			app.TBody().Body(app.Range(runs).Slice(func(i int) app.UI {
				return t.row(runs[i], cols, now)
			})),
		),
		app.If(hidden > 0, app.Button().Class("more").
			Text("Show "+itoa(min(hidden, rowsPerStep))+" more of "+itoa(hidden)).
			OnClick(t.onMore)),
	)
}

func (t *RunsTable) header(c column) app.UI {
	arrow, sortState := "", "none"
	if t.sortBy == c.id {
		arrow, sortState = " ▲", "ascending"
		if t.sortDesc {
			arrow, sortState = " ▼", "descending"
		}
	}
	cls := "col-" + c.kind
	return app.Th().Class(cls).Aria("sort", sortState).Title(c.label).Body(
		app.Button().Class("sort").OnClick(t.onSort(c.id)).Text(c.label + arrow),
	)
}

func (t *RunsTable) row(r *mlflow.Run, cols []column, now time.Time) app.UI {
	cls := ""
	if r.Info.LifecycleStage == mlflow.StageDeleted {
		cls = "deleted"
	}
	id := r.Info.RunID
	return app.Tr().Class(cls).DataSet("run-id", id).Body(
		app.If(t.OnRestore != nil, app.Td().Body(app.Button().Class("link-button restore").
			Aria("label", "Restore run "+r.Info.RunName).Text("Restore").
			OnClick(func(ctx app.Context, e app.Event) { t.OnRestore(ctx, id) }))),
		app.Range(cols).Slice(func(i int) app.UI { return t.cell(r, cols[i], now) }),
	)
}

func (t *RunsTable) cell(r *mlflow.Run, c column, now time.Time) app.UI {
	switch c.id {
	case "attr:name":
		name := r.Info.RunName
		if name == "" {
			name = shortID(r.Info.RunID)
		}
		return app.Td().Class("name").Body(
			app.A().Href(experimentPath(t.ExperimentID, r.Info.RunID)).Title(name).Text(name),
		)
	case "attr:created":
		return app.Td().Class("time").Title(formatTime(r.Info.StartTime)).
			Text(formatAgo(millis(r.Info.StartTime), now))
	case "attr:duration":
		return app.Td().Class("num").Text(runDuration(r.Info, now))
	case "attr:status":
		return app.Td().Body(statusBadge(r.Info.Status))
	case "attr:user":
		return textCell(r.Info.UserID)
	case "attr:source":
		src, _ := r.Tag(mlflow.TagSourceName)
		return textCell(baseName(src))
	}
	if c.kind == "metric" {
		if m, ok := r.Metric(c.key); ok {
			v := float64(m.Value)
			return app.Td().Class("num").Title(exactNumber(v)).Text(formatNumber(v))
		}
		return app.Td().Class("num missing")
	}
	v, ok := r.Param(c.key)
	if !ok {
		return app.Td().Class("missing")
	}
	return textCell(v)
}

func textCell(s string) app.UI { return app.Td().Title(s).Text(s) }

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 && i < len(p)-1 {
		return p[i+1:]
	}
	return p
}

// runDuration is end minus start, or time so far for a running run.
func runDuration(info mlflow.RunInfo, now time.Time) string {
	if info.StartTime == 0 {
		return "-"
	}
	end := info.EndTime
	if end == 0 {
		if info.Status != mlflow.StatusRunning {
			return "-"
		}
		end = now.UnixMilli()
	}
	return formatDuration(time.Duration(end-info.StartTime) * time.Millisecond)
}

func statusBadge(s mlflow.RunStatus) app.UI {
	name := strings.ToLower(s.String())
	return app.Span().Class("status status-"+name).Body(
		app.Span().Class("dot").Aria("hidden", "true"),
		app.Text(name),
	)
}

// sortRuns returns the runs ordered by a column; runs without a value come
// last in both directions, as in MLflow.
func sortRuns(runs []*mlflow.Run, cols []column, by string, desc bool) []*mlflow.Run {
	out := append([]*mlflow.Run(nil), runs...)
	if by == "" {
		return out
	}
	var col column
	for _, c := range cols {
		if c.id == by {
			col = c
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, aok := sortValue(out[i], col)
		b, bok := sortValue(out[j], col)
		if aok != bok {
			return aok
		}
		if !aok {
			return false
		}
		c := compareValues(a, b)
		if desc {
			return c > 0
		}
		return c < 0
	})
	return out
}

// sortValue is a run's value in a column: a float64 or a string.
func sortValue(r *mlflow.Run, c column) (any, bool) {
	switch c.id {
	case "attr:name":
		return strings.ToLower(r.Info.RunName), true
	case "attr:created":
		return float64(r.Info.StartTime), true
	case "attr:duration":
		if r.Info.EndTime == 0 {
			return nil, false
		}
		return float64(r.Info.EndTime - r.Info.StartTime), true
	case "attr:status":
		return r.Info.Status.String(), true
	case "attr:user":
		return r.Info.UserID, true
	case "attr:source":
		v, ok := r.Tag(mlflow.TagSourceName)
		return baseName(v), ok
	}
	if c.kind == "metric" {
		m, ok := r.Metric(c.key)
		if !ok || math.IsNaN(float64(m.Value)) {
			return nil, false
		}
		return float64(m.Value), true
	}
	v, ok := r.Param(c.key)
	return v, ok
}

func compareValues(a, b any) int {
	if x, ok := a.(float64); ok {
		y := b.(float64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	x, y := a.(string), b.(string)
	// Params are strings, but most hold numbers: "10" sorts after "9".
	if fx, err := strconv.ParseFloat(x, 64); err == nil {
		if fy, err := strconv.ParseFloat(y, 64); err == nil {
			return compareValues(fx, fy)
		}
	}
	return strings.Compare(x, y)
}
