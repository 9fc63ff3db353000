package demo

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"mlscope/app/mlflow"
)

// exampleRows draws n rows of the theme's columns.
func exampleRows(t theme, r *rand.Rand, n int) [][]any {
	rows := make([][]any, n)
	for i := range rows {
		row := make([]any, len(t.columns))
		for j, c := range t.columns {
			row[j] = c.gen(r)
		}
		rows[i] = row
	}
	return rows
}

// predictionsCSV is a small evaluation table: some validation rows with the
// true label, the prediction and its probability.
func predictionsCSV(t theme, r *rand.Rand, skill float64) []byte {
	var b strings.Builder
	for _, c := range t.columns {
		b.WriteString(c.name + ",")
	}
	b.WriteString(t.target + ",prediction,probability\n")
	for _, row := range exampleRows(t, r, 20) {
		for _, v := range row {
			s := fmt.Sprint(v)
			if f, ok := v.(float64); ok {
				s = mlflow.PythonString(f)
			}
			b.WriteString(s + ",")
		}
		label := r.IntN(2)
		p := math.Round((0.5+(r.Float64()-0.5)*0.9)*10000) / 10000
		pred := label
		if r.Float64() > 0.7+0.25*skill {
			pred = 1 - label
		}
		if (pred == 1) != (p >= 0.5) {
			p = 1 - p
		}
		fmt.Fprintf(&b, "%d,%d,%s\n", label, pred, mlflow.PythonString(p))
	}
	return []byte(b.String())
}

// trainLog is the training script's log: a line every tenth of the run,
// and a traceback when the run failed.
func trainLog(o Options, p *runPlan, c *curve) []byte {
	loss, val, acc := c.values(o, p, 0), c.values(o, p, 1), c.values(o, p, 3)
	var b strings.Builder
	at := func(ms int64) string {
		return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04:05,000")
	}
	fmt.Fprintf(&b, "%s INFO train.py: training %s with %s (lr=%s, batch_size=%d)\n",
		at(p.start), p.h.model, p.h.optimizer, mlflow.PythonString(p.h.lr), p.h.batch)
	every := max(1, c.total/10)
	for t := 0; t < p.steps; t++ {
		if t%every != 0 && t != p.steps-1 {
			continue
		}
		fmt.Fprintf(&b, "%s INFO train.py: epoch %d/%d loss=%.4f val_loss=%.4f "+
			"val_accuracy=%.4f\n", at(loss[t].Timestamp), t+1, c.total,
			float64(loss[t].Value), float64(val[t].Value), float64(acc[t].Value))
	}
	switch p.status {
	case mlflow.StatusFailed:
		reason := "ValueError: Input contains NaN, infinity or a value too large " +
			"for dtype('float64')."
		if !p.diverged {
			reason = "MemoryError: Unable to allocate 3.1 GiB for an array with shape " +
				"(412000, 1024) and data type float64"
		}
		fmt.Fprintf(&b, "%s ERROR train.py: training failed\nTraceback (most recent call "+
			"last):\n  File \"train.py\", line 118, in <module>\n    model.fit(X_train, "+
			"y_train)\n%s\n", at(p.end), reason)
	case mlflow.StatusFinished:
		fmt.Fprintf(&b, "%s INFO train.py: done\n", at(p.end))
	}
	return []byte(b.String())
}

// dataset is the theme's training data, as mlflow.log_input records a
// pandas DataFrame read from a CSV file.
func dataset(t theme) mlflow.DatasetInput {
	sum := md5.Sum([]byte(t.dataset))
	cols := make([]any, len(t.columns))
	for i, c := range t.columns {
		cols[i] = obj{{"type", c.typ}, {"name", c.name}, {"required", true}}
	}
	cols = append(cols, obj{{"type", "long"}, {"name", t.target}, {"required", true}})
	return mlflow.DatasetInput{
		Tags: []mlflow.Tag{{Key: "mlflow.data.context", Value: "training"}},
		Dataset: mlflow.Dataset{
			Name:       t.dataset,
			Digest:     hex.EncodeToString(sum[:4]),
			SourceType: "local",
			Source:     pyJSON(obj{{"uri", "/data/" + t.dataset + ".csv"}}),
			Schema:     pyJSON(obj{{"mlflow_colspec", cols}}),
			Profile: pyJSON(obj{{"num_rows", t.rows},
				{"num_elements", t.rows * len(cols)}}),
		},
	}
}
