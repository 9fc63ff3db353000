package ui

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

func TestDecodeGroupRows(t *testing.T) {
	// A grouped answer: a header of 0.5 with rmse aggregates and none for
	// acc, one run, and the header of the runs without alpha.
	const body = `{"fields":["run_id","run_name","status","start_time","end_time",
		"user_id","source","parent_run_id","depth","children","group","group_runs"],
		"columns":["metrics.rmse","params.alpha","metrics.acc"],
		"rows":[[null,null,null,null,null,null,null,null,0,0,"0.5",2,
			[0.1,0.2,"Infinity",2],null,null],
		["r1","owl","FINISHED",5,null,"u","s","",0,0,null,null,0.1,"0.5",null],
		[null,null,null,null,null,null,null,null,0,0,null,1,["NaN",1,2,1],null,null]]}`
	var a tableAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatal(err)
	}
	rows, err := decodeRows(a, a.Rows)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  *groupHead
		want *groupHead
	}{
		{"header with a value", rows[0].Group, &groupHead{Value: "0.5", Runs: 2,
			Aggs: []groupAgg{{0.1, 0.2, math.Inf(1), 2, true}, {}, {}}}},
		{"a run's row", rows[1].Group, nil},
		{"header of the runs without one", rows[2].Group, &groupHead{None: true, Runs: 1,
			Aggs: []groupAgg{{math.NaN(), 1, 2, 1, true}, {}, {}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want != nil && tt.got != nil && math.IsNaN(tt.got.Aggs[0].min) {
				tt.got.Aggs[0].min, tt.want.Aggs[0].min = 0, 0 // NaN != NaN
			}
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("group %+v, want %+v", tt.got, tt.want)
			}
		})
	}
	if rows[1].ID != "r1" || len(rows[1].Values) != 3 || rows[1].Values[0].num != 0.1 {
		t.Errorf("run row %+v", rows[1])
	}
}

func TestCollapsedList(t *testing.T) {
	got := collapsedList([]string{"\x00", "0.5", ""})
	b, _ := json.Marshal(got)
	if want := `[null,"0.5",""]`; string(b) != want {
		t.Errorf("collapsed_groups %s, want %s", b, want)
	}
	if k := (&groupHead{None: true}).key(); k != "\x00" {
		t.Errorf("key of the runs without a value %q", k)
	}
}
