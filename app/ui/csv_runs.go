package ui

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"slices"
	"time"
)

// csvAttrHeader names the attribute columns of a runs CSV, as the table
// labels them; the value columns follow under their full names
// ("metrics.rmse", "params.alpha", "tags.team").
var csvAttrHeader = []string{"Run name", "Created", "Duration", "Status", "User", "Source"}

// runsCSV writes rows of the runs table as CSV: a header, then one line
// per row. cols are the value columns the rows carry, in their order; the
// CSV puts them in the table's order: metrics, then params, then tags.
// Created is UTC in RFC 3339 with milliseconds; Duration is spelled as in
// the table, counted to now for a running run; Source is the whole source
// name; metrics have every digit, with NaN, Infinity and -Infinity as
// MLflow spells them. A missing value is an empty field. A table of
// several experiments (several) gets an "Experiment ID" field after the
// run name.
func runsCSV(cols []string, rows []runRow, now time.Time, several bool) (string, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	shown := tableCols(cols)[len(attrCols):]
	header := append([]string(nil), csvAttrHeader...)
	if several {
		header = slices.Insert(header, 1, "Experiment ID")
	}
	for _, c := range shown {
		header = append(header, c.id)
	}
	if err := w.Write(header); err != nil {
		return "", fmt.Errorf("write the CSV header: %w", err)
	}
	for i, r := range rows {
		if len(r.Values) != len(cols) {
			return "", fmt.Errorf("row %d has %d values for %d columns", i, len(r.Values),
				len(cols))
		}
		rec := csvRecord(r, shown, now)
		if several {
			rec = slices.Insert(rec, 1, r.Experiment)
		}
		if err := w.Write(rec); err != nil {
			return "", fmt.Errorf("write CSV row %d: %w", i, err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return "", fmt.Errorf("write the CSV: %w", err)
	}
	return buf.String(), nil
}

// csvRecord is one row's fields, the values in the order of cols.
func csvRecord(r runRow, cols []tableCol, now time.Time) []string {
	created := ""
	if r.Start != 0 {
		created = millis(r.Start).UTC().Format("2006-01-02T15:04:05.000Z07:00")
	}
	dur := rowDuration(r, now)
	if dur == "-" {
		dur = ""
	}
	rec := []string{r.Name, created, dur, r.Status, r.User, r.Source}
	for _, c := range cols {
		rec = append(rec, csvValue(r.Values[c.value], c.id))
	}
	return rec
}

// csvValue spells one value of column col.
func csvValue(v cellValue, col string) string {
	if !v.ok {
		return ""
	}
	if kind, _ := colKind(col); kind != "metrics" {
		return v.text
	}
	switch {
	case math.IsNaN(v.num):
		return "NaN"
	case math.IsInf(v.num, 1):
		return "Infinity"
	case math.IsInf(v.num, -1):
		return "-Infinity"
	}
	return exactNumber(v.num)
}
