package ui

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestRunsCSV(t *testing.T) {
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	start := now.Add(-time.Hour).UnixMilli()
	num := func(v float64) cellValue { return cellValue{num: v, ok: true} }
	text := func(s string) cellValue { return cellValue{text: s, ok: true} }
	done := runRow{ID: "r1", Name: "gentle-owl-42", Status: "FINISHED", Start: start,
		End: start + 72_500, User: "ana", Source: "/home/ana/train.py"}
	const header = "Run name,Created,Duration,Status,User,Source"
	tests := []struct {
		name    string
		cols    []string
		rows    []runRow
		several bool
		want    string
	}{
		{"no rows", nil, nil, false, header + "\n"},
		{"attributes only", []string{}, []runRow{done}, false,
			header + "\ngentle-owl-42,2024-03-01T11:00:00.000Z,1 min 12 s,FINISHED,ana," +
				"/home/ana/train.py\n"},
		// Value columns come in the table's order: metrics, params, tags.
		{"values", []string{"tags.team", "params.alpha", "metrics.rmse"},
			[]runRow{withValues(done, text("ml, core"), text("0.5"), num(0.70710678))}, false,
			header + ",metrics.rmse,params.alpha,tags.team\n" +
				"gentle-owl-42,2024-03-01T11:00:00.000Z,1 min 12 s,FINISHED,ana," +
				"/home/ana/train.py,0.70710678,0.5,\"ml, core\"\n"},
		{"missing and special", []string{"metrics.a", "metrics.b", "metrics.c", "params.p"},
			[]runRow{withValues(runRow{Name: `say "hi"`, Status: "RUNNING", Start: start},
				num(math.NaN()), num(math.Inf(1)), num(math.Inf(-1)), cellValue{})}, false,
			header + ",metrics.a,metrics.b,metrics.c,params.p\n" +
				`"say ""hi""",2024-03-01T11:00:00.000Z,1 h 0 min,RUNNING,,,NaN,Infinity,` +
				"-Infinity,\n"},
		// No start time: no Created and no Duration.
		{"not started", []string{}, []runRow{{Name: "x", Status: "SCHEDULED"}}, false,
			header + "\nx,,,SCHEDULED,,\n"},
		// A table of several experiments says each run's.
		{"several experiments", []string{}, []runRow{{Name: "x", Status: "SCHEDULED",
			Experiment: "17"}}, true,
			"Run name,Experiment ID,Created,Duration,Status,User,Source\nx,17,,,SCHEDULED,,\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := runsCSV(tt.cols, tt.rows, now, tt.several)
			if err != nil {
				t.Fatalf("runsCSV(%v): %v", tt.cols, err)
			}
			if got != tt.want {
				t.Errorf("runsCSV(%v) =\n%s\nwant\n%s", tt.cols, got, tt.want)
			}
		})
	}
}

func TestRunsCSVMismatch(t *testing.T) {
	_, err := runsCSV([]string{"metrics.a"}, []runRow{{Name: "x"}}, time.Now(), false)
	if err == nil || !strings.Contains(err.Error(), "row 0") {
		t.Errorf("runsCSV with a row lacking values: error %v, want one naming row 0", err)
	}
}

func withValues(r runRow, v ...cellValue) runRow {
	r.Values = v
	return r
}
