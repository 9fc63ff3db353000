package ui

import (
	"encoding/json"
	"math"
	"testing"
)

func TestDecodeRows(t *testing.T) {
	const answer = `{"total": 2, "matched": 2, "runs_in_view": 3, "offset": 0,
		"fields": ["run_id","run_name","status","start_time","end_time","user_id","source",
			"parent_run_id","depth","children"],
		"columns": ["metrics.loss","params.lr","metrics.nan"],
		"rows": [
			["a","owl","FINISHED",1700000000000,1700000060000,"alice","train.py","",0,2,0.5,"0.1","NaN"],
			["b","fox","RUNNING",1700000000001,null,"","","a",1,0,null,null,"-Infinity"]
		]}`
	var a tableAnswer
	if err := json.Unmarshal([]byte(answer), &a); err != nil {
		t.Fatal(err)
	}
	rows, err := decodeRows(a, a.Rows)
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	if r.ID != "a" || r.Name != "owl" || r.Start != 1700000000000 || r.End != 1700000060000 ||
		r.User != "alice" || r.Source != "train.py" || r.Children != 2 {
		t.Errorf("row 0 = %+v", r)
	}
	if v := r.Values; !v[0].ok || v[0].num != 0.5 || v[1].text != "0.1" || !math.IsNaN(v[2].num) {
		t.Errorf("row 0 values = %+v", v)
	}
	r = rows[1]
	if r.End != 0 || r.Parent != "a" || r.Depth != 1 || r.Values[0].ok || r.Values[1].ok ||
		!math.IsInf(r.Values[2].num, -1) {
		t.Errorf("row 1 = %+v", r)
	}
	a.Rows[1] = a.Rows[1][:5]
	if _, err := decodeRows(a, a.Rows); err == nil {
		t.Errorf("a short row is accepted")
	}
}
