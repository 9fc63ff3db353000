package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
)

// Sizes of the compare view's plots, in CSS pixels.
const (
	parallelHeight = 360
	scatterSize    = 420
	// parallelAxisWidth is the room each axis of the parallel plot gets.
	parallelAxisWidth = 120
)

// plots draws the parallel-coordinates plot of every row and the scatter
// plot of two chosen rows.
func (v *CompareView) plots(rows []compareRow) app.UI {
	dims := make([]chart.Dimension, len(rows))
	for i, r := range rows {
		dims[i] = dimensionOf(r)
	}
	colors := chart.RunColors(v.RunIDs)
	marks := make([]chart.Mark, len(v.runs))
	for i, r := range v.runs {
		marks[i] = chart.Mark{Label: runLabel(r), Color: colors[r.Info.RunID]}
	}
	x, y := v.scatterAxes(dims)
	width := float64(max(480, min(1400, parallelAxisWidth*len(dims))))
	return app.Div().Class("compare-plots").Body(
		app.Section().Class("compare-section").ID("compare-parallel").Body(
			app.H2().Text("Parallel coordinates"),
			&SVGFigure{Name: "parallel-coordinates", Draw: func(t chart.Theme) string {
				return chart.Parallel("", dims, marks, width, parallelHeight, t)
			}},
		),
		app.Section().Class("compare-section").ID("compare-scatter").Body(
			app.H2().Text("Scatter"),
			app.Div().Class("toolbar").Body(
				dimensionPicker("scatter-x", "X axis", dims, x, v.onScatter(&v.scatterX)),
				dimensionPicker("scatter-y", "Y axis", dims, y, v.onScatter(&v.scatterY)),
			),
			&SVGFigure{Name: "scatter", Draw: func(t chart.Theme) string {
				return chart.Scatter("", dims[x], dims[y], marks, scatterSize, scatterSize, t)
			}},
		),
	)
}

// scatterAxes are the indexes of the scatter plot's dimensions: the chosen
// ones, else the first param and the first metric (or the first two rows).
func (v *CompareView) scatterAxes(dims []chart.Dimension) (x, y int) {
	x, y = -1, -1
	for i, d := range dims {
		if d.Name == v.scatterX {
			x = i
		}
		if d.Name == v.scatterY {
			y = i
		}
	}
	if x < 0 {
		x = 0
	}
	if y < 0 {
		y = min(1, len(dims)-1)
		for i, d := range dims {
			if strings.HasPrefix(d.Name, "metrics.") {
				y = i // the first metric
				break
			}
		}
	}
	return x, y
}

func (v *CompareView) onScatter(into *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *into = ctx.JSSrc().Get("value").String() }
}

// dimensionPicker is a labelled list of the dimensions.
func dimensionPicker(id, label string, dims []chart.Dimension, chosen int,
	onChange app.EventHandler) app.UI {
	return app.Label().Class("picker").Body(
		app.Span().Text(label+" "),
		app.Select().ID(id).OnChange(onChange, id).Body(
			app.Range(dims).Slice(func(i int) app.UI {
				return app.Option().Value(dims[i].Name).Selected(i == chosen).Text(dims[i].Name)
			}),
		),
	)
}
