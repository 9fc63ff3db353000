package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// groupRow draws a group's header row: a fold toggle, the value and the
// count across the check box and attribute columns, then in each metric
// column the group's "min / mean / max".
func (t *RunsTable) groupRow(g *groupHead, cols []tableCol) app.UI {
	key, open := g.key(), !t.collapsed[g.key()]
	ico, verb := "chevron-down", "Fold"
	if !open {
		ico, verb = "chevron-right", "Unfold"
	}
	span := t.extraCols()
	for _, c := range cols {
		if c.group == "attr" {
			span++
		}
	}
	label := g.label()
	return app.Tr().Class("group-row").DataSet("group", label).Aria("level", 1).Body(
		app.Td().Class("group-head").ColSpan(span).Body(
			app.Div().Class("name-cell").Body(
				app.Button().Class("tree-toggle group-toggle").Aria("expanded", open).
					Aria("label", verb+" the group "+label).
					OnClick(t.onFoldGroup(key), key).Body(icon(ico)),
				app.Span().Class("group-value").Title(label).Text(label),
				app.Span().Class("child-count group-count").
					Title(plural(g.Runs, "runs")).Text(plural(g.Runs, "runs")),
			),
		),
		app.Range(cols[span-t.extraCols():]).Slice(func(i int) app.UI {
			return groupCell(g, cols[span-t.extraCols()+i])
		}),
	)
}

// groupCell is a value column's cell of a header row: the aggregate of a
// metric, empty otherwise.
func groupCell(g *groupHead, c tableCol) app.UI {
	if c.group != "metric" || c.value >= len(g.Aggs) || !g.Aggs[c.value].ok {
		return app.Td().Class("num group-agg missing").DataSet("col", c.id)
	}
	a := g.Aggs[c.value]
	exact := "min " + exactNumber(a.min) + ", mean " + exactNumber(a.mean) + ", max " +
		exactNumber(a.max) + " over " + plural(a.n, "runs")
	return app.Td().Class("num group-agg").DataSet("col", c.id).Title(exact).Aria("label", exact).Text(
		formatNumber(a.min) + " / " + formatNumber(a.mean) + " / " + formatNumber(a.max))
}

// onFoldGroup folds or unfolds a group; the server then sends its runs
// or only its header.
func (t *RunsTable) onFoldGroup(key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if t.collapsed[key] {
			delete(t.collapsed, key)
		} else {
			t.collapsed[key] = true
		}
		t.reload(ctx, false)
	}
}

// groupAggWidth is the width of a metric column in a grouped table, which
// holds three numbers in its header rows.
const groupAggWidth = 210

// groupedCols widens the metric columns when the table is grouped.
func (t *RunsTable) groupedCols(cols []tableCol) []tableCol {
	if t.State.Group == "" {
		return cols
	}
	out := append([]tableCol(nil), cols...)
	for i := range out {
		if out[i].group == "metric" {
			out[i].width = max(out[i].width, groupAggWidth)
		}
	}
	return out
}
