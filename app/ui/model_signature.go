package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlmodel"
)

// modelSignature shows a signature's inputs, outputs and params as tables,
// with the JSON MLflow stored folded below.
func modelSignature(s *mlmodel.Signature) app.UI {
	part := app.Div().Class("model-part").ID("model-signature")
	if s == nil {
		return part.Body(app.H3().Text("Signature"),
			app.P().Class("muted").Text("This model was logged without a signature, "+
				"so MLflow checks no inputs when it is served."))
	}
	return part.Body(
		app.H3().Text("Signature"),
		app.Div().Class("signature-grid").Body(
			specTable("Inputs", "signature-inputs", s.Inputs, s.InputsJSON),
			specTable("Outputs", "signature-outputs", s.Outputs, s.OutputsJSON),
		),
		app.If(len(s.Params) > 0 || s.ParamsJSON != "", paramTable(s.Params)),
		app.Details().Class("raw-json").Body(
			app.Summary().Text("Signature as stored"),
			app.Pre().Class("code-block").Text(rawSignature(s)),
		),
	)
}

// specTable shows a schema's columns or tensors; tensor schemas get dtype
// and shape columns, column schemas the required flag.
func specTable(title, id string, specs []mlmodel.Spec, raw string) app.UI {
	box := app.Div().Class("spec").ID(id)
	if len(specs) == 0 {
		msg := "None."
		if raw != "" {
			msg = "Not readable; see the stored signature below."
		}
		return box.Body(app.H4().Text(title), app.P().Class("muted").Text(msg))
	}
	tensors := specs[0].Type == "tensor"
	head := app.Tr().Body(app.Th().Text("Name"), app.Th().Text("Type"))
	if tensors {
		head = app.Tr().Body(app.Th().Text("Name"), app.Th().Text("Dtype"), app.Th().Text("Shape"))
	}
	return box.Body(
		app.H4().Body(app.Text(title+" "), app.Span().Class("count").Text("("+itoa(len(specs))+")")),
		app.Table().Class("kv signature").Body(
			app.THead().Body(head),
			app.TBody().Body(app.Range(specs).Slice(func(i int) app.UI {
				sp := specs[i]
				name := app.Td().Class("key").Title(sp.Name).Text(orDash(sp.Name))
				if tensors {
					return app.Tr().Body(name, app.Td().Class("type").Text(sp.DType),
						app.Td().Class("num").Text(sp.Shape))
				}
				return app.Tr().Body(name, app.Td().Class("type").Title(sp.Type).Body(
					app.Text(sp.Type),
					app.If(!sp.Required, app.Span().Class("optional").Text(" optional")),
				))
			})),
		),
	)
}

func paramTable(params []mlmodel.Param) app.UI {
	box := app.Div().Class("spec").ID("signature-params").Body(app.H4().Text("Params"))
	if len(params) == 0 {
		return box.Body(app.P().Class("muted").Text("Not readable; see the stored signature below."))
	}
	return box.Body(app.Table().Class("kv signature").Body(
		app.THead().Body(app.Tr().Body(app.Th().Text("Name"), app.Th().Text("Type"),
			app.Th().Text("Default"), app.Th().Text("Shape"))),
		app.TBody().Body(app.Range(params).Slice(func(i int) app.UI {
			p := params[i]
			return app.Tr().Body(
				app.Td().Class("key").Text(p.Name), app.Td().Class("type").Text(p.Type),
				app.Td().Title(p.Default).Body(app.Code().Text(orDash(p.Default))),
				app.Td().Class("num").Text(orDash(p.Shape)))
		})),
	))
}

func rawSignature(s *mlmodel.Signature) string {
	var b strings.Builder
	for _, part := range []struct{ name, text string }{
		{"inputs", s.InputsJSON}, {"outputs", s.OutputsJSON}, {"params", s.ParamsJSON},
	} {
		text := part.text
		if text == "" {
			text = "null"
		}
		b.WriteString(part.name + ": " + text + "\n")
	}
	return b.String()
}

// flavorDetails shows each flavor's configuration, folded.
func flavorDetails(flavors []mlmodel.Flavor) app.UI {
	return app.Div().Class("model-part").ID("model-flavors").Body(
		app.H3().Text("Flavors"),
		app.Range(flavors).Slice(func(i int) app.UI {
			f := flavors[i]
			settings := f.Settings()
			return app.Details().Class("flavor").DataSet("flavor", f.Name).Body(
				app.Summary().Body(app.Code().Text(f.Name),
					app.Span().Class("muted").Text(" "+f.Version())),
				app.Table().Class("kv").Body(app.TBody().Body(
					app.Range(settings).Slice(func(j int) app.UI {
						return app.Tr().Body(
							app.Td().Class("key").Text(settings[j].Key),
							app.Td().Class("value").Text(settings[j].Value))
					}))),
			)
		}),
	)
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

// joinNonEmpty joins the non-empty words with a space.
func joinNonEmpty(words ...string) string {
	var out []string
	for _, w := range words {
		if w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
