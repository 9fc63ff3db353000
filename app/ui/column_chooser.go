package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ColumnChooser picks the metric, param and tag columns of the runs
// table from Keys, with a search box over them. Each change hands the new
// list to OnChange; nil there means the default columns.
type ColumnChooser struct {
	app.Compo
	Keys     tableKeys
	Chosen   []string // the columns shown now
	OnChange func(ctx app.Context, cols []string)

	open   bool
	filter string
}

// chooserLimit bounds the keys listed per group; the search box finds the
// others.
const chooserLimit = 100

func (c *ColumnChooser) onOpen(ctx app.Context, e app.Event) { c.open = !c.open }

func (c *ColumnChooser) onClose(ctx app.Context, e app.Event) { c.open = false }

func (c *ColumnChooser) onKey(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Escape" {
		c.open = false
	}
}

func (c *ColumnChooser) onFilter(ctx app.Context, e app.Event) {
	c.filter = ctx.JSSrc().Get("value").String()
}

func (c *ColumnChooser) onToggle(col string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.OnChange(ctx, toggleCol(c.Chosen, col))
	}
}

func (c *ColumnChooser) onDefault(ctx app.Context, e app.Event) { c.OnChange(ctx, nil) }

// toggleCol removes col from cols, or adds it at the end.
func toggleCol(cols []string, col string) []string {
	out := make([]string, 0, len(cols)+1)
	found := false
	for _, c := range cols {
		if c == col {
			found = true
			continue
		}
		out = append(out, c)
	}
	if !found {
		out = append(out, col)
	}
	return out
}

// Render draws the button and, when open, the panel.
func (c *ColumnChooser) Render() app.UI {
	return app.Div().Class("column-chooser").Body(
		app.Button().ID("columns-button").Class("button").Aria("expanded", c.open).
			Aria("controls", "column-panel").OnClick(c.onOpen).
			Text("Columns · "+itoa(len(c.Chosen))),
		app.If(c.open, c.panel()),
	)
}

func (c *ColumnChooser) panel() app.UI {
	chosen := make(map[string]bool, len(c.Chosen))
	for _, col := range c.Chosen {
		chosen[col] = true
	}
	return app.Div().ID("column-panel").Class("column-panel").Attr("role", "dialog").
		Aria("label", "Columns").OnKeyDown(c.onKey).Body(
		app.Input().Type("search").ID("column-search").Placeholder("Find a metric, param or tag").
			Aria("label", "Find a column").Value(c.filter).AutoFocus(true).OnInput(c.onFilter),
		app.Div().Class("column-groups").Body(
			c.group("Metrics", "metrics", c.Keys.Metrics, chosen),
			c.group("Parameters", "params", c.Keys.Params, chosen),
			c.group("Tags", "tags", c.Keys.Tags, chosen),
		),
		app.Div().Class("actions").Body(
			app.Button().Class("button").ID("columns-default").Text("Default columns").
				OnClick(c.onDefault),
			app.Button().Class("button primary").Text("Done").OnClick(c.onClose),
		),
	)
}

func (c *ColumnChooser) group(title, kind string, keys []string, chosen map[string]bool) app.UI {
	f := strings.ToLower(c.filter)
	var shown []string
	more := 0
	for _, k := range keys {
		if f != "" && !strings.Contains(strings.ToLower(k), f) {
			continue
		}
		if len(shown) == chooserLimit {
			more++
			continue
		}
		shown = append(shown, k)
	}
	return app.Section().Class("column-group").Body(
		app.H3().Text(title+" ("+itoa(len(shown)+more)+")"),
		app.If(len(shown) == 0, app.P().Class("muted").Text("None")),
		app.Ul().Body(app.Range(shown).Slice(func(i int) app.UI {
			col := kind + "." + shown[i]
			return app.Li().Body(app.Label().Class("column-option").Title(shown[i]).Body(
				app.Input().Type("checkbox").Checked(chosen[col]).DataSet("col", col).
					OnChange(c.onToggle(col), col),
				app.Span().Text(shown[i]),
			))
		})),
		app.If(more > 0, app.P().Class("muted").Text(itoa(more)+" more match; "+
			"narrow the search to see them.")),
	)
}
