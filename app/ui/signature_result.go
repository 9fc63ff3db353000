package ui

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/signature"
)

// problemsShown caps the problems listed; the rest are counted.
const problemsShown = 100

// result draws a finished validation: the summary first, then the
// problems, the data as the model would receive it, params and notes.
func (c *SignatureCheck) result() app.UI {
	res := c.res
	return app.Div().Class("check-result").Body(
		c.summary(),
		app.If(len(res.Problems) > 0, c.problemList()),
		c.preview(),
		app.If(len(res.Params) > 0, paramValues(res.Params)),
		app.If(len(res.Notes) > 0, app.Div().Class("check-notes").ID("signature-notes").Body(
			app.H4().Text("Notes"),
			app.Ul().Body(app.Range(res.Notes).Slice(func(i int) app.UI {
				return app.Li().Text(res.Notes[i])
			})),
		)),
	)
}

// summary says accepted or rejected, with a word and a mark beside the
// colour, and what MLflow would answer.
func (c *SignatureCheck) summary() app.UI {
	res := c.res
	verdict, mark := "accepted", "✓"
	if !res.Accepted {
		verdict, mark = "rejected", "✗"
	}
	answer := "HTTP " + itoa(res.HTTPStatus)
	if res.ErrorCode != "" {
		answer += " " + res.ErrorCode
	}
	return app.Div().ID("signature-summary").Class("check-summary "+verdict).
		DataSet("verdict", verdict).DataSet("run", c.runs).Aria("live", "polite").Body(
		app.Div().Class("verdict").Body(
			app.Span().Class("mark").Aria("hidden", true).Text(mark),
			app.Span().Class("word").Text(map[bool]string{true: "Accepted",
				false: "Rejected"}[res.Accepted]),
			app.If(res.Category != "", app.Code().Class("category").Text(string(res.Category))),
		),
		app.Dl().Class("facts check-facts").Body(
			fact("Request", app.Span().Body(app.Code().Text(c.req.name),
				app.Span().Class("muted").Text(" "+formatBytes(int64(len(c.req.body)))))),
			fact("Format", app.Text(formatName(res.Format))),
			c.sizeFact(),
			fact("Problems", app.Span().Class("num").Text(strconv.Itoa(res.ProblemCount))),
			fact("MLflow answers", app.Span().Class("num").Text(answer)),
			fact("Checked in", app.Span().Class("num").ID("signature-took").
				DataSet("ms", c.took.Milliseconds()).Text(formatTook(c.took))),
		),
		app.If(res.Message != "", app.Pre().Class("code-block mlflow-message").Text(res.Message)),
	)
}

func (c *SignatureCheck) sizeFact() app.UI {
	in := c.res.Input
	switch {
	case in == nil:
		return app.Text("")
	case in.Table != nil:
		return fact("Data", app.Span().Class("num").Text(formatCount(in.Table.Rows)+" rows × "+
			formatCount(len(in.Table.Columns))+" columns"))
	case len(in.Tensors) > 0:
		return fact("Data", app.Span().Class("num").Text(itoa(len(in.Tensors))+" tensors"))
	}
	return fact("Data", app.Text("passed to the model as sent"))
}

// problemList lists the problems with their places, up to problemsShown.
// A row number pages the preview to that row.
func (c *SignatureCheck) problemList() app.UI {
	res := c.res
	list := res.Problems
	if len(list) > problemsShown {
		list = list[:problemsShown]
	}
	more := res.ProblemCount - len(list)
	return app.Div().Class("check-problems").ID("signature-problems").Body(
		app.H4().Body(app.Text("Problems "), app.Span().Class("count").
			Text("("+formatCount(res.ProblemCount)+")")),
		app.Div().Class("table-wrap").Body(app.Table().Class("problems").Body(
			app.THead().Body(app.Tr().Body(app.Th().Class("num").Text("Row"), app.Th().Text("Column"),
				app.Th().Text("Path"), app.Th().Text("Expected"), app.Th().Text("Found"),
				app.Th().Text("Problem"))),
			app.TBody().Body(app.Range(list).Slice(func(i int) app.UI {
				return c.problemRow(list[i])
			})),
		)),
		app.If(more > 0, app.P().Class("muted more-problems").
			Text("and "+formatCount(more)+" more")),
	)
}

func (c *SignatureCheck) problemRow(p signature.Problem) app.UI {
	row := app.Td().Class("num").Text("–")
	if p.Row >= 0 {
		row = app.Td().Class("num").Body(app.Button().Class("link-button").
			Title("Show this row below").Text(strconv.Itoa(p.Row)).OnClick(c.onShowRow(p.Row), p.Row))
	}
	col := p.Column
	if col == "" && p.ColumnIndex >= 0 {
		col = strconv.Itoa(p.ColumnIndex)
	}
	detail := p.Detail
	if detail == "" {
		detail = p.Message
	}
	return app.Tr().DataSet("row", p.Row).DataSet("column", col).Body(
		row,
		app.Td().Class("key").Title(col).Text(orDash(col)),
		app.Td().Body(app.Code().Text(p.Path)),
		app.Td().Class("type").Title(p.Expected).Text(orDash(p.Expected)),
		app.Td().Class("type").Title(p.Found).Text(orDash(p.Found)),
		app.Td().Class("detail").Title(p.Message).Body(
			app.Code().Class("category").Text(string(p.Category)), app.Text(" "+detail)),
	)
}

// paramValues lists the params as predict would receive them.
func paramValues(params []signature.Param) app.UI {
	return app.Div().Class("check-params").ID("signature-param-values").Body(
		app.H4().Text("Params"),
		app.Table().Class("kv signature").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("Name"), app.Th().Text("Type"),
				app.Th().Text("Value"))),
			app.TBody().Body(app.Range(params).Slice(func(i int) app.UI {
				p := params[i]
				value := app.Code().Text(p.Value.Raw())
				if p.Default {
					value = app.Code().Title("the default").Text(p.Value.Raw() + " (default)")
				}
				return app.Tr().Class(map[bool]string{true: "", false: "faulty"}[p.Valid]).Body(
					app.Td().Class("key").Text(p.Name), app.Td().Class("type").Text(p.Type),
					app.Td().Body(value))
			})),
		),
	)
}

// formatName names a request format for people.
func formatName(f signature.Format) string {
	switch f {
	case signature.FormatUnknown:
		return "not readable"
	case signature.FormatCSV:
		return "CSV"
	case signature.FormatLLM:
		return "unified LLM request"
	}
	return string(f)
}

// formatTook shows a duration in ms below a second, else in seconds.
func formatTook(d time.Duration) string {
	if d < time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
}
