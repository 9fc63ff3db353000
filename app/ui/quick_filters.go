package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/search"
)

// QuickFilters offers one-click filters on the runs' state and creation
// time. Each adds its clause (attributes.status = 'FINISHED',
// attributes.start_time >= <ms>) to Filter in place of any clause of the
// same sort, and hands the new filter to OnChange.
type QuickFilters struct {
	app.Compo
	Filter   string
	OnChange func(ctx app.Context, filter string)
}

// stateChoices are the state filters; "Active" is every run that is not
// deleted, whatever its status.
var stateChoices = []struct{ label, status string }{
	{"Active", ""}, {"Finished", "FINISHED"}, {"Failed", "FAILED"}, {"Running", "RUNNING"},
}

// timeChoices are the creation time filters; zero is all time.
var timeChoices = []struct {
	label string
	ago   time.Duration
}{
	{"Last hour", time.Hour}, {"Last day", 24 * time.Hour}, {"Last week", 7 * 24 * time.Hour},
	{"All time", 0},
}

func (q *QuickFilters) onState(status string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		clause := ""
		if status != "" {
			clause = "attributes.status = '" + status + "'"
		}
		q.OnChange(ctx, replaceClause(q.Filter, isStatusClause, clause))
	}
}

func (q *QuickFilters) onTime(ago time.Duration) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		clause := ""
		if ago > 0 {
			since := nowFunc().Add(-ago).UnixMilli()
			clause = "attributes.start_time >= " + strconv.FormatInt(since, 10)
		}
		q.OnChange(ctx, replaceClause(q.Filter, isSinceClause, clause))
	}
}

// Render draws the two groups of buttons; the pressed ones say what the
// filter holds now.
func (q *QuickFilters) Render() app.UI {
	status := currentStatus(q.Filter)
	since := sinceChoice(q.Filter, nowFunc())
	return app.Div().Class("quick-filters").Body(
		app.Div().Class("segmented").ID("state-filters").Aria("label", "State").
			Attr("role", "group").Body(
			app.Range(stateChoices).Slice(func(i int) app.UI {
				c := stateChoices[i]
				return app.Button().Aria("pressed", c.status == status).
					DataSet("status", strings.ToLower(c.label)).Text(c.label).
					Title(stateTitle(c.status)).OnClick(q.onState(c.status), c.status)
			}),
		),
		app.Div().Class("segmented").ID("time-filters").Aria("label", "Created").
			Attr("role", "group").Body(
			app.Range(timeChoices).Slice(func(i int) app.UI {
				c := timeChoices[i]
				return app.Button().Aria("pressed", i == since).Text(c.label).
					OnClick(q.onTime(c.ago), c.ago)
			}),
		),
	)
}

func stateTitle(status string) string {
	if status == "" {
		return "Every run that is not deleted, whatever its status"
	}
	return "Runs whose status is " + status
}

// replaceClause drops the clauses of filter that drop picks and adds
// clause (unless empty). The other clauses keep their text and order. A
// filter that does not parse is left as it is, with clause appended.
func replaceClause(filter string, drop func(search.Clause) bool, clause string) string {
	var parts []string
	f, err := search.ParseRunFilter(filter)
	if err != nil {
		if s := strings.TrimSpace(filter); s != "" {
			parts = append(parts, s)
		}
	} else {
		for _, c := range f.Clauses {
			if !drop(c) {
				parts = append(parts, filter[c.Pos:c.Pos+c.Len])
			}
		}
	}
	if clause != "" {
		parts = append(parts, clause)
	}
	return strings.Join(parts, " and ")
}

func isStatusClause(c search.Clause) bool {
	return c.Kind == search.KindAttribute && c.Key == "status"
}

func isSinceClause(c search.Clause) bool {
	return c.Kind == search.KindAttribute && c.Key == "start_time" &&
		(c.Comparator == ">=" || c.Comparator == ">")
}

// currentStatus is the status an "attributes.status = '...'" clause of
// the filter asks for, "" when there is none.
func currentStatus(filter string) string {
	f, err := search.ParseRunFilter(filter)
	if err != nil {
		return ""
	}
	for _, c := range f.Clauses {
		if isStatusClause(c) && c.Comparator == "=" {
			return strings.ToUpper(c.Value)
		}
	}
	return ""
}

// sinceChoice is the index in timeChoices that the filter's
// "start_time >= ..." clause is closest to, judged from now; the last
// (all time) when there is none.
func sinceChoice(filter string, now time.Time) int {
	all := len(timeChoices) - 1
	f, err := search.ParseRunFilter(filter)
	if err != nil {
		return all
	}
	for _, c := range f.Clauses {
		ms, err := strconv.ParseInt(c.Value, 10, 64)
		if !isSinceClause(c) || err != nil {
			continue
		}
		ago := now.Sub(time.UnixMilli(ms))
		best, diff := all, time.Duration(1<<62)
		for i, tc := range timeChoices[:all] {
			if d := absDuration(ago - tc.ago); d < diff {
				best, diff = i, d
			}
		}
		return best
	}
	return all
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
