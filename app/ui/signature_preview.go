package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/signature"
)

// previewRows is the page size of the data preview: a request may hold
// millions of rows, and the page only ever draws this many.
const previewRows = 50

// preview shows the data as the model would receive it: a page of the
// converted table with faulty cells marked, the tensors' shapes, or a
// note that the request goes to the model as it is.
func (c *SignatureCheck) preview() app.UI {
	in := c.res.Input
	switch {
	case in == nil:
		return app.Text("")
	case in.Table != nil:
		return c.tablePreview(in.Table)
	case len(in.Tensors) > 0:
		return tensorList(in.Tensors)
	}
	return app.Div().Class("check-preview").ID("signature-preview").Body(
		app.H4().Text("Data"),
		app.P().Class("muted").Text("The model receives the request as it is, unparsed."))
}

func (c *SignatureCheck) tablePreview(t *signature.Table) app.UI {
	pages := max(1, (t.Rows+previewRows-1)/previewRows)
	page := min(max(c.page, 0), pages-1)
	first, last := page*previewRows, min(t.Rows, (page+1)*previewRows)
	rows := make([]int, 0, last-first)
	for i := first; i < last; i++ {
		rows = append(rows, i)
	}
	why := c.cellProblems(first, last)
	return app.Div().Class("check-preview").ID("signature-preview").Body(
		app.Div().Class("part-head").Body(
			app.H4().Text("Data as the model receives it"),
			c.pager(page, pages, first, last, t.Rows),
		),
		app.Div().Class("table-wrap").Body(app.Table().Class("preview").Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Class("num").Text("#"),
				app.Range(t.Columns).Slice(func(j int) app.UI {
					col := &t.Columns[j]
					return app.Th().Title(col.Name+": "+col.Type+", "+col.Dtype).Body(
						app.Span().Class("col-name").Text(col.Name),
						app.Span().Class("col-type").Text(col.Type))
				}),
			)),
			app.TBody().Body(app.Range(rows).Slice(func(k int) app.UI {
				return previewRow(t, rows[k], why)
			})),
		)),
	)
}

func previewRow(t *signature.Table, i int, why map[[2]int]*signature.Problem) app.UI {
	return app.Tr().DataSet("row", i).Body(
		app.Td().Class("num muted").Text(strconv.Itoa(i)),
		app.Range(t.Columns).Slice(func(j int) app.UI {
			col := &t.Columns[j]
			if col.Faulty(i) {
				return faultyCell(col.Text(i), why[[2]int{i, j}])
			}
			text := col.Text(i)
			td := app.Td().Title(text).Text(text)
			if numericDtype(col.Dtype) {
				td = td.Class("num")
			}
			return td
		}),
	)
}

// faultyCell shows what the request held where the conversion failed
// (the converted value there is only a placeholder, such as NaN), with
// the problem on hover.
func faultyCell(converted string, p *signature.Problem) app.UI {
	text, title := converted, "A problem was found here"
	if p != nil {
		title = orText(p.Detail, p.Message)
		if p.Found != "" {
			text = p.Found
		}
	}
	return app.Td().Class("faulty").DataSet("faulty", true).Title(title).Text(text)
}

// cellProblems maps the cells of rows [first, last) to their first
// problem.
func (c *SignatureCheck) cellProblems(first, last int) map[[2]int]*signature.Problem {
	why := map[[2]int]*signature.Problem{}
	for k := range c.res.Problems {
		p := &c.res.Problems[k]
		if p.Row < first || p.Row >= last || p.ColumnIndex < 0 {
			continue
		}
		cell := [2]int{p.Row, p.ColumnIndex}
		if _, ok := why[cell]; !ok {
			why[cell] = p
		}
	}
	return why
}

func (c *SignatureCheck) pager(page, pages, first, last, total int) app.UI {
	label := "rows " + formatCount(first) + "–" + formatCount(max(last-1, 0)) + " of " +
		formatCount(total)
	if total == 0 {
		label = "no rows"
	}
	return app.Div().Class("pager").ID("signature-pager").Body(
		app.Span().Class("muted num").Text(label),
		app.Button().Class("button small").ID("signature-prev").Disabled(page == 0).
			Text("Previous").OnClick(c.onPage(page-1), page-1),
		app.Button().Class("button small").ID("signature-next").Disabled(page >= pages-1).
			Text("Next").OnClick(c.onPage(page+1), page+1),
	)
}

// tensorList shows the name, dtype and shape of each tensor.
func tensorList(ts []signature.Tensor) app.UI {
	return app.Div().Class("check-preview").ID("signature-preview").Body(
		app.H4().Text("Tensors as the model receives them"),
		app.Table().Class("kv signature").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("Name"), app.Th().Text("Dtype"),
				app.Th().Text("Shape"))),
			app.TBody().Body(app.Range(ts).Slice(func(i int) app.UI {
				t := ts[i]
				dims := make([]string, len(t.Shape))
				for k, d := range t.Shape {
					dims[k] = strconv.Itoa(d)
				}
				return app.Tr().Body(app.Td().Class("key").Text(orDash(t.Name)),
					app.Td().Class("type").Text(t.Dtype),
					app.Td().Class("num").Text("("+strings.Join(dims, ", ")+")"))
			})),
		),
	)
}

func numericDtype(d string) bool {
	return strings.HasPrefix(d, "int") || strings.HasPrefix(d, "uint") ||
		strings.HasPrefix(d, "float")
}

func orText(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
