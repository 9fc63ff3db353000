package ui

import (
	"sort"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
	"mlscope/app/mlflow"
)

// tableCol is a column of the runs table. id is what sorting by it means,
// as a column name ("attributes.start_time", "metrics.rmse"); "" for a
// column the server cannot sort by. value is the index of the column's
// values in the rows, -1 for the fixed columns.
type tableCol struct {
	id    string
	label string
	group string // "attr", "metric", "param" or "tag"
	width int    // px
	value int
}

// attrCols are the columns every table has.
var attrCols = []tableCol{
	{"attributes.run_name", "Run name", "attr", 260, -1},
	{"attributes.start_time", "Created", "attr", 110, -1},
	{"", "Duration", "attr", 100, -1},
	{"attributes.status", "Status", "attr", 105, -1},
	{"attributes.user_id", "User", "attr", 110, -1},
	{"tags.mlflow.source.name", "Source", "attr", 150, -1},
}

// groupWidths are the widths of value columns by group.
var groupWidths = map[string]int{"metric": 110, "param": 120, "tag": 150}

// tableCols returns the attribute columns, then the value columns
// grouped as metrics, params and tags, each group in the given order.
func tableCols(names []string) []tableCol {
	cols := append([]tableCol(nil), attrCols...)
	for _, g := range []struct{ kind, group string }{
		{"metrics", "metric"}, {"params", "param"}, {"tags", "tag"},
	} {
		for i, n := range names {
			if kind, key := colKind(n); kind == g.kind {
				cols = append(cols, tableCol{n, key, g.group, groupWidths[g.group], i})
			}
		}
	}
	return cols
}

// groupSpans counts the columns of each group, in order, for the header's
// group row.
func groupSpans(cols []tableCol) []struct {
	group string
	n     int
} {
	var out []struct {
		group string
		n     int
	}
	for _, c := range cols {
		if len(out) > 0 && out[len(out)-1].group == c.group {
			out[len(out)-1].n++
			continue
		}
		out = append(out, struct {
			group string
			n     int
		}{c.group, 1})
	}
	return out
}

var groupLabels = map[string]string{"attr": "", "metric": "Metrics", "param": "Parameters",
	"tag": "Tags"}

// cell draws one cell of a run's row.
func cell(r runRow, c tableCol, now time.Time) app.HTMLTd {
	switch c.id {
	case "attributes.start_time":
		return app.Td().Class("time").Title(formatTime(r.Start)).
			Text(formatAgo(millis(r.Start), now))
	case "":
		return app.Td().Class("num").Text(rowDuration(r, now))
	case "attributes.status":
		return app.Td().Body(statusLabel(r.Status))
	case "attributes.user_id":
		return textCell(r.User)
	case "tags.mlflow.source.name":
		return app.Td().Title(r.Source).Text(baseName(r.Source))
	}
	v := r.Values[c.value]
	switch {
	case !v.ok && c.group == "metric":
		return app.Td().Class("num missing")
	case !v.ok:
		return app.Td().Class("missing")
	case c.group == "metric":
		return app.Td().Class("num").Title(exactNumber(v.num)).Text(formatNumber(v.num))
	}
	return textCell(v.text)
}

func textCell(s string) app.HTMLTd { return app.Td().Title(s).Text(s) }

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 && i < len(p)-1 {
		return p[i+1:]
	}
	return p
}

// runSwatch is a run's colour, as the charts draw it. The charts of a
// set of runs take chart.RunColors, which moves a run off a hue another
// run of the set has; the table shows each run's own hue (RunColor), so
// two runs in view may share one where the charts would tell them apart.
func runSwatch(id string) app.UI {
	c := chart.RunColor(id)
	return app.Span().Class("run-swatch").Style("background", c).DataSet("color", c).
		Aria("hidden", "true")
}

// rowDuration is a row's end minus start, or the time so far while it
// runs.
func rowDuration(r runRow, now time.Time) string {
	st, err := mlflow.ParseRunStatus(r.Status)
	if err != nil {
		st = 0
	}
	return runDuration(mlflow.RunInfo{StartTime: r.Start, EndTime: r.End, Status: st}, now)
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

// statusBadge shows a run status as a coloured dot and its name.
func statusBadge(s mlflow.RunStatus) app.UI { return statusLabel(s.String()) }

// statusLabel is statusBadge for a status name ("FINISHED").
func statusLabel(name string) app.UI {
	name = strings.ToLower(name)
	return app.Span().Class("status status-"+name).Body(
		app.Span().Class("dot").Aria("hidden", "true"),
		app.Text(name),
	)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
