package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
)

// SVGFigure shows a chart drawn as an SVG document (bars, parallel
// coordinates, scatter) with buttons that save it as SVG or PNG. Draw makes
// the document in a theme; the figure reads the page's theme from its own
// element once mounted, so that it follows light and dark.
type SVGFigure struct {
	app.Compo
	Name string // the saved file's name, without extension
	Draw func(chart.Theme) string

	theme  chart.Theme
	themed bool
}

// OnMount reads the page's chart colours.
func (f *SVGFigure) OnMount(ctx app.Context) {
	if el := f.JSValue(); el != nil && el.Truthy() {
		f.theme, f.themed = chartTheme(el), true
	}
}

func (f *SVGFigure) svg() string {
	t := chart.LightTheme
	if f.themed {
		t = f.theme
	}
	if f.Draw == nil {
		return "<svg></svg>"
	}
	return f.Draw(t)
}

func (f *SVGFigure) onSave(ctx app.Context, e app.Event) {
	saveFile(ctx, fileName(f.Name, ".svg"), "image/svg+xml", f.svg())
}

func (f *SVGFigure) onSavePNG(ctx app.Context, e app.Event) {
	savePNG(ctx, fileName(f.Name, ".png"), f.svg())
}

// Render draws the document and the save buttons.
func (f *SVGFigure) Render() app.UI {
	return app.Figure().Class("svg-figure chart-card").DataSet("name", f.Name).Body(
		app.Div().Class("svg-holder").Body(app.Raw(f.svg())),
		app.Div().Class("chart-actions").Body(
			app.Button().Class("link-button save-svg").Text("Save SVG").OnClick(f.onSave),
			app.Button().Class("link-button save-png").Text("Save PNG").OnClick(f.onSavePNG),
		),
	)
}
