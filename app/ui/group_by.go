package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// GroupBySelect chooses what the runs table groups by: nothing, a param,
// a tag or the datasets, from Keys. Value is the group_by shown ("" for
// none); each choice goes to OnChange.
type GroupBySelect struct {
	app.Compo
	Keys     tableKeys
	Value    string
	OnChange func(ctx app.Context, groupBy string)
}

// groupByDatasets is the group_by of the "Dataset" choice.
const groupByDatasets = "datasets"

func (g *GroupBySelect) onChange(ctx app.Context, e app.Event) {
	if g.OnChange != nil {
		g.OnChange(ctx, ctx.JSSrc().Get("value").String())
	}
}

// Render draws a labelled select; the keys of each kind come in an
// option group, at most chooserLimit of them, plus the one chosen.
func (g *GroupBySelect) Render() app.UI {
	return app.Label().Class("group-by").Body(
		app.Span().Class("group-by-label").Text("Group by"),
		app.Select().ID("group-by").Class("select").OnChange(g.onChange).Body(
			g.option("", "None"),
			g.option(groupByDatasets, "Dataset"),
			g.optGroup("Parameters", "params", g.Keys.Params),
			g.optGroup("Tags", "tags", g.Keys.Tags),
		),
	)
}

func (g *GroupBySelect) optGroup(label, kind string, keys []string) app.UI {
	opts := groupOptions(kind, keys, g.Value)
	if len(opts) == 0 {
		return nil
	}
	return app.OptGroup().Label(label).Body(app.Range(opts).Slice(func(i int) app.UI {
		_, key := colKind(opts[i])
		return g.option(opts[i], key)
	}))
}

func (g *GroupBySelect) option(value, text string) app.UI {
	return app.Option().Value(value).Selected(value == g.Value).Text(text)
}

// groupOptions lists the group_by values of a kind's keys: the first
// chooserLimit keys and, when it is of the kind, the current choice.
func groupOptions(kind string, keys []string, current string) []string {
	out := make([]string, 0, min(len(keys), chooserLimit)+1)
	has := false
	for _, k := range keys[:min(len(keys), chooserLimit)] {
		out = append(out, kind+"."+k)
		has = has || kind+"."+k == current
	}
	if !has && strings.HasPrefix(current, kind+".") {
		out = append(out, current)
	}
	return out
}
