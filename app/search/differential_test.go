package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

// The differential test: random queries over random runs, each answered by
// the package and by a plain scan written here from the semantics alone
// (missing keys never match, metrics compare their latest value, LIKE is a
// whole-string wildcard match, ILIKE ignores case).

type refClause struct {
	kind, key, op string
	num           float64
	str           string
}

func genRuns(rng *rand.Rand, n int) []*mlflow.Run {
	statuses := []mlflow.RunStatus{mlflow.StatusFinished, mlflow.StatusFailed, mlflow.StatusRunning}
	words := []string{"adam", "sgd", "Adam", "rmsprop", "a_b", "50%"}
	runs := make([]*mlflow.Run, n)
	for i := range runs {
		r := &mlflow.Run{}
		r.Info = mlflow.RunInfo{RunID: fmt.Sprintf("%032x", i), RunName: fmt.Sprintf("run-%d", i%37),
			Status: statuses[rng.IntN(3)], StartTime: int64(1000 + rng.IntN(500)),
			UserID: words[rng.IntN(2)], LifecycleStage: "active"}
		for k := 0; k < 4; k++ {
			if rng.IntN(5) > 0 { // some runs lack some keys
				v := math.Round(rng.Float64()*100) / 10
				if rng.IntN(40) == 0 {
					v = math.NaN()
				}
				r.Data.Metrics = append(r.Data.Metrics, mlflow.Metric{Key: "m" + strconv.Itoa(k), Value: mlflow.Float(v)})
			}
			if rng.IntN(5) > 0 {
				r.Data.Params = append(r.Data.Params, mlflow.Param{Key: "p" + strconv.Itoa(k), Value: words[rng.IntN(len(words))]})
			}
			if rng.IntN(5) > 0 {
				r.Data.Tags = append(r.Data.Tags, mlflow.Tag{Key: "t" + strconv.Itoa(k), Value: strconv.Itoa(rng.IntN(4))})
			}
		}
		runs[i] = r
	}
	return runs
}

func genQuery(rng *rand.Rand) (string, []refClause) {
	var parts []string
	var clauses []refClause
	for n := 1 + rng.IntN(3); n > 0; n-- {
		k := strconv.Itoa(rng.IntN(4))
		switch rng.IntN(5) {
		case 0:
			op := []string{"=", "!=", "<", "<=", ">", ">="}[rng.IntN(6)]
			v := float64(rng.IntN(100)) / 10
			parts = append(parts, fmt.Sprintf("metrics.m%s %s %g", k, op, v))
			clauses = append(clauses, refClause{kind: "metric", key: "m" + k, op: op, num: v})
		case 1:
			op := []string{"=", "!=", "LIKE", "ILIKE"}[rng.IntN(4)]
			v := []string{"adam", "ADAM", "a%", "%d%", "_dam", "a\\_b", "50%"}[rng.IntN(7)]
			parts = append(parts, fmt.Sprintf("params.p%s %s '%s'", k, op, v))
			clauses = append(clauses, refClause{kind: "param", key: "p" + k, op: op, str: v})
		case 2:
			op := []string{"=", "!="}[rng.IntN(2)]
			v := strconv.Itoa(rng.IntN(4))
			parts = append(parts, fmt.Sprintf("tags.t%s %s '%s'", k, op, v))
			clauses = append(clauses, refClause{kind: "tag", key: "t" + k, op: op, str: v})
		case 3:
			v := []string{"FINISHED", "FAILED", "RUNNING"}[rng.IntN(3)]
			parts = append(parts, "attributes.status = '"+v+"'")
			clauses = append(clauses, refClause{kind: "status", op: "=", str: v})
		default:
			v := float64(1000 + rng.IntN(500))
			parts = append(parts, fmt.Sprintf("attributes.start_time > %g", v))
			clauses = append(clauses, refClause{kind: "start", op: ">", num: v})
		}
	}
	return strings.Join(parts, " AND "), clauses
}

func refLike(pattern, s string, fold bool) bool {
	var re strings.Builder
	re.WriteString("^")
	if fold {
		re.WriteString("(?i)")
	}
	for _, c := range pattern {
		switch c {
		case '%':
			re.WriteString(".*")
		case '_':
			re.WriteString(".")
		default:
			re.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	re.WriteString("$")
	return regexp.MustCompile(re.String()).MatchString(s)
}

func refCompare(a float64, op string, b float64) bool {
	switch op {
	case "=":
		return a == b
	case "!=":
		return a != b
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	}
	return a >= b
}

func refMatch(r *mlflow.Run, cs []refClause) bool {
	for _, c := range cs {
		ok := false
		switch c.kind {
		case "metric":
			m, has := r.Metric(c.key)
			ok = has && refCompare(float64(m.Value), c.op, c.num)
		case "param", "tag":
			v, has := r.Param(c.key)
			if c.kind == "tag" {
				v, has = r.Tag(c.key)
			}
			switch c.op {
			case "=":
				ok = has && v == c.str
			case "!=":
				ok = has && v != c.str
			case "LIKE":
				ok = has && refLike(c.str, v, false)
			case "ILIKE":
				ok = has && refLike(c.str, v, true)
			}
		case "status":
			ok = r.Info.Status.String() == c.str
		case "start":
			ok = float64(r.Info.StartTime) > c.num
		}
		if !ok {
			return false
		}
	}
	return true
}

func TestDifferentialSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	runs := genRuns(rng, 2000)
	for q := 0; q < 400; q++ {
		query, clauses := genQuery(rng)
		page, _, err := SearchRuns(runs, query, nil, 50000, "")
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		var got, want []string
		for _, r := range page {
			got = append(got, r.Info.RunID)
		}
		for _, r := range runs {
			if refMatch(r, clauses) {
				want = append(want, r.Info.RunID)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d runs, the plain scan finds %d", query, len(got), len(want))
		}
	}
}

// TestDifferentialOrder checks order_by on a metric or param against a
// plain sort: base order start_time DESC then run_id, the key on top; NaN
// values and then runs without the value come last in both directions (the
// order of MLflow's sort key).
func TestDifferentialOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	runs := genRuns(rng, 500)
	for q := 0; q < 100; q++ {
		k := strconv.Itoa(rng.IntN(4))
		desc := rng.IntN(2) == 0
		metric := rng.IntN(2) == 0
		key := "metrics.m" + k
		if !metric {
			key = "params.p" + k
		}
		dir := " ASC"
		if desc {
			dir = " DESC"
		}
		page, _, err := SearchRuns(runs, "", []string{key + dir}, 50000, "")
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(runs)
		slices.SortStableFunc(want, func(a, b *mlflow.Run) int {
			if a.Info.StartTime != b.Info.StartTime {
				return -cmpInt(a.Info.StartTime, b.Info.StartTime)
			}
			return strings.Compare(a.Info.RunID, b.Info.RunID)
		})
		// rank: 0 a value, 1 NaN, 2 missing.
		value := func(r *mlflow.Run) (float64, string, int) {
			if metric {
				m, ok := r.Metric("m" + k)
				switch {
				case !ok:
					return 0, "", 2
				case math.IsNaN(float64(m.Value)):
					return 0, "", 1
				}
				return float64(m.Value), "", 0
			}
			v, ok := r.Param("p" + k)
			if !ok {
				return 0, "", 2
			}
			return 0, v, 0
		}
		slices.SortStableFunc(want, func(a, b *mlflow.Run) int {
			fa, sa, ra := value(a)
			fb, sb, rb := value(b)
			if ra != rb || ra != 0 {
				return ra - rb
			}
			c := strings.Compare(sa, sb)
			if metric {
				c = cmpFloat(fa, fb)
			}
			if desc {
				c = -c
			}
			return c
		})
		for i := range want {
			if page[i].Info.RunID != want[i].Info.RunID {
				t.Fatalf("order_by %s: position %d is %s, the plain sort has %s", key+dir, i,
					page[i].Info.RunID, want[i].Info.RunID)
			}
		}
	}
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
