package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// csvPageLimit is how many rows one request for a CSV asks for: the
// server's most (tableMaxLimit in server/api/table.go).
const csvPageLimit = 1000

// CSVDownload is the "Download CSV" button of an experiment page: it asks
// the table endpoint for every row the table shows (the state's filter,
// sort and columns), page by page, and offers them as a CSV file.
//
// TODO: child runs are left out even where the table shows them under an
// expanded parent; which parents are expanded is the table's own state.
type CSVDownload struct {
	app.Compo
	ExperimentID string
	Name         string // the experiment's, for the file name
	State        tableState

	busy bool
	err  error
}

func (d *CSVDownload) onClick(ctx app.Context, e app.Event) {
	if d.busy {
		return
	}
	req := tableRequest{ExperimentIDs: experimentIDs(d.ExperimentID), ViewType: "ACTIVE_ONLY",
		Filter: d.State.Filter, Columns: d.State.Cols, Limit: csvPageLimit,
		PinnedRuns: d.State.PinRuns}
	if d.State.Trash {
		req.ViewType = "DELETED_ONLY"
	}
	if d.State.Sort != "" {
		req.OrderBy = []string{d.State.Sort}
	}
	name := fileName(d.Name+" runs", ".csv")
	d.busy, d.err = true, nil
	ctx.Async(func() {
		cols, rows, err := fetchAllRows(req)
		text := ""
		if err == nil {
			text, err = runsCSV(cols, rows, nowFunc(), len(req.ExperimentIDs) > 1)
		}
		ctx.Dispatch(func(ctx app.Context) {
			d.busy, d.err = false, err
			if err == nil {
				saveFile(ctx, name, "text/csv;charset=utf-8", text)
			}
		})
	})
}

// fetchAllRows asks for req's rows from offset 0 on, page by page, until
// it has them all, and returns them with their columns, the pinned runs
// first, as the table shows them. Later pages ask for the first page's
// columns, so that every row carries the same ones. It blocks; call it
// from ctx.Async.
func fetchAllRows(req tableRequest) ([]string, []runRow, error) {
	var all, pinned []runRow
	var cols []string
	for {
		req.Offset = len(all)
		ans, rows, err := fetchTable(req)
		if err != nil {
			return nil, nil, err
		}
		if req.Offset == 0 {
			cols, req.Columns, pinned = ans.Columns, ans.Columns, ans.PinnedRows
		}
		all = append(all, rows...)
		if len(rows) == 0 || len(all) >= ans.Total {
			return cols, append(pinned, all...), nil
		}
	}
}

// Render draws the button and, after a failure, what went wrong.
func (d *CSVDownload) Render() app.UI {
	label := "Download CSV"
	if d.busy {
		label = "Preparing CSV…"
	}
	return app.Span().Class("csv-download").Body(
		app.Button().Class("button").ID("download-csv").Disabled(d.busy).
			Title("The rows of the table, with its search, sort and columns").
			Text(label).OnClick(d.onClick),
		app.If(d.err != nil, errorBox("The CSV could not be made.", d.err)),
	)
}
