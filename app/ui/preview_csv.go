package ui

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
)

// csvRows reads the records of a chunk of a CSV or TSV file. Unless eof
// says the chunk reaches the end of the file, its last record may be cut
// short, so it is left for the next chunk: next is the offset, within b,
// where the records not returned begin. Rows may differ in length.
func csvRows(b []byte, sep rune, eof bool) (rows [][]string, next int64, err error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	var ends []int64
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if !eof {
				break // most likely a quoted field cut by the chunk's end
			}
			return rows, r.InputOffset(), err
		}
		rows = append(rows, rec)
		ends = append(ends, r.InputOffset())
	}
	if eof || len(rows) == 0 {
		return rows, r.InputOffset(), nil
	}
	last := ends[len(ends)-1]
	if last == int64(len(b)) && bytes.HasSuffix(b, []byte("\n")) {
		return rows, last, nil // the chunk ends exactly after a record
	}
	rows = rows[:len(rows)-1]
	if len(ends) < 2 {
		return rows, 0, nil
	}
	return rows, ends[len(ends)-2], nil
}

// separator is the field separator of a table file: tab for .tsv.
func separator(name string) rune {
	if strings.HasSuffix(strings.ToLower(name), ".tsv") {
		return '\t'
	}
	return ','
}

// sortRows orders rows by column col, in place and stably. The column is
// compared as numbers when every non-empty value in it is one, else as
// text; rows without the column and empty values go last either way.
func sortRows(rows [][]string, col int, desc bool) {
	numeric := true
	for _, r := range rows {
		if v := csvCell(r, col); v != "" {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				numeric = false
				break
			}
		}
	}
	less := func(a, b string) bool { return a < b }
	if numeric {
		less = func(a, b string) bool {
			x, _ := strconv.ParseFloat(a, 64)
			y, _ := strconv.ParseFloat(b, 64)
			return x < y
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := csvCell(rows[i], col), csvCell(rows[j], col)
		if a == "" || b == "" {
			return a != "" && b == ""
		}
		if desc {
			return less(b, a)
		}
		return less(a, b)
	})
}

func csvCell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}
