package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// groupRow draws a group's header row: a fold toggle, the value and the
// count across the check boxes and the columns before the first metric,
// then in each metric column the group's "min / mean / max". Pinned
// metric columns come right after the name and stick as in run rows.
func (t *RunsTable) groupRow(g *groupHead, cols []tableCol, lefts []int) app.HTMLTr {
	key, open := g.key(), !t.collapsed[g.key()]
	ico, verb := "chevron-down", "Fold"
	if !open {
		ico, verb = "chevron-right", "Unfold"
	}
	lead := groupLead(cols)
	label := g.label()
	head := app.Td().Class("group-head").ColSpan(t.extraCols() + lead).Body(
		app.Div().Class("name-cell").Body(
			app.Button().Class("tree-toggle group-toggle").Aria("expanded", open).
				Aria("label", verb+" the group "+label).
				OnClick(t.onFoldGroup(key), key).Body(icon(ico)),
			app.Span().Class("group-value").Title(label).Text(label),
			app.Span().Class("child-count group-count").
				Title(plural(g.Runs, "runs")).Text(plural(g.Runs, "runs")),
		),
	)
	if lastSticky(lefts) >= lead-1 {
		head = stick(head, 0, lastSticky(lefts) == lead-1)
	}
	cls := "group-row"
	if t.current == groupRowKey(key) {
		cls += " current"
	}
	return app.Tr().Class(cls).DataSet("group", label).Aria("level", 1).
		Aria("current", t.current == groupRowKey(key)).Body(
		head,
		app.Range(cols[lead:]).Slice(func(i int) app.UI {
			j := lead + i
			return stick(groupCell(g, cols[j]), lefts[j], lastSticky(lefts) == j)
		}),
	)
}

// groupLead is how many columns a header row's first cell covers: the
// name and the columns after it up to the first metric.
func groupLead(cols []tableCol) int {
	lead := 1
	for lead < len(cols) && cols[lead].group != "metric" {
		lead++
	}
	return lead
}

// groupRowKey is the keyboard's current-row key of a group's header row,
// told apart from run ids by a prefix no run id has.
func groupRowKey(key string) string { return "group\x00" + key }

// groupCell is a value column's cell of a header row: the aggregate of a
// metric, empty otherwise.
func groupCell(g *groupHead, c tableCol) app.HTMLTd {
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
	return func(ctx app.Context, e app.Event) { t.foldGroup(ctx, key) }
}

func (t *RunsTable) foldGroup(ctx app.Context, key string) {
	if t.collapsed[key] {
		delete(t.collapsed, key)
	} else {
		t.collapsed[key] = true
	}
	t.reload(ctx, false)
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
