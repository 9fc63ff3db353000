package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// chartsPerGroup is how many charts a group shows before "Show more": a
// run with thousands of metrics builds a few dozen chart cards, not
// thousands, and each card loads its values only once it is scrolled to.
const chartsPerGroup = 24

// ChartGroups draws a chart per metric key, in groups by prefix, with a
// box that narrows the keys charted ("loss" charts the keys containing
// it) and, past chartsPerGroup in a group, a button for the rest.
type ChartGroups struct {
	app.Compo
	Keys    []string
	Runs    []chartRun
	Options chartOptions
	Overlay bool   // the page shows the runs' legend
	Other   string // the title of the keys without a prefix

	filter string
	shown  map[string]int // charts shown per group beyond chartsPerGroup
}

// chosenKeys are the keys the filter leaves, case-insensitively.
func chosenKeys(keys []string, filter string) []string {
	f := strings.ToLower(strings.TrimSpace(filter))
	if f == "" {
		return keys
	}
	var out []string
	for _, k := range keys {
		if strings.Contains(strings.ToLower(k), f) {
			out = append(out, k)
		}
	}
	return out
}

func (g *ChartGroups) onFilter(ctx app.Context, e app.Event) {
	g.filter = ctx.JSSrc().Get("value").String()
}

func (g *ChartGroups) onMore(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if g.shown == nil {
			g.shown = map[string]int{}
		}
		g.shown[name] += chartsPerGroup * 4
	}
}

// Render draws the filter box and the groups.
func (g *ChartGroups) Render() app.UI {
	keys := chosenKeys(g.Keys, g.filter)
	groups := groupKeys(keys)
	titled := len(groups) > 1 || (len(groups) == 1 && groups[0].Name != "")
	return app.Div().Class("chart-groups").Body(
		app.If(len(g.Keys) > 4, app.Input().Type("search").ID("chart-filter").
			Class("chart-filter").Placeholder("Filter metrics").
			Aria("label", "Filter the metrics charted").Value(g.filter).OnInput(g.onFilter)),
		app.If(len(keys) == 0 && len(g.Keys) > 0,
			app.P().Class("muted").Text("No metric matches the filter.")),
		app.Range(groups).Slice(func(i int) app.UI {
			grp := groups[i]
			title := grp.Name
			if title == "" {
				title = g.Other
			}
			limit := chartsPerGroup + g.shown[grp.Name]
			shown := grp.Keys[:min(limit, len(grp.Keys))]
			rest := len(grp.Keys) - len(shown)
			return app.Section().Class("chart-group").DataSet("group", grp.Name).Body(
				app.If(titled || g.Overlay, app.H3().Class("chart-group-title").Text(title)),
				app.Div().Class("chart-grid").Body(
					app.Range(shown).Slice(func(j int) app.UI {
						return &MetricChart{Key: shown[j], Runs: g.Runs, Options: g.Options,
							Overlay: g.Overlay}
					}),
				),
				app.If(rest > 0, app.Button().Class("button chart-more").
					Text("Show "+plural(min(rest, chartsPerGroup*4), "more charts")+
						" of "+itoa(rest)).
					OnClick(g.onMore(grp.Name), grp.Name)),
			)
		}),
	)
}
