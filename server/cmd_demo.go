package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"mlscope/server/demo"
	"mlscope/server/mlruns"
)

// runDemo writes a generated mlruns tree (issue 4): `mlscope demo --out DIR`.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := demo.DefaultOptions()
	fs := flag.NewFlagSet("mlscope demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "the mlruns folder to write into (created if missing)")
	fs.IntVar(&o.Experiments, "experiments", o.Experiments, "experiments to create")
	fs.IntVar(&o.Runs, "runs", o.Runs, "runs in all, spread evenly over the experiments")
	fs.IntVar(&o.Params, "params", o.Params, "params per run")
	fs.IntVar(&o.Metrics, "metrics", o.Metrics, "metric keys per run")
	fs.IntVar(&o.Steps, "steps", o.Steps, "values per metric key (failed runs log fewer)")
	fs.IntVar(&o.Tags, "tags", o.Tags, "user tags per run, besides MLflow's mlflow.* tags")
	fs.Int64Var(&o.Seed, "seed", o.Seed, "the same seed writes the same content")
	fs.IntVar(&o.Workers, "workers", 0, "runs written at once (0: four per CPU)")
	if help, err := parseCommand(fs, args); help || err != nil {
		return err
	}
	if *out == "" {
		return usageError{"--out is required: the folder to write the tree into"}
	}
	if err := o.Validate(); err != nil {
		return usageError{err.Error()}
	}
	root, err := storePath(*out)
	if err != nil {
		return err
	}
	store, err := mlruns.Open(root, mlruns.Options{})
	if err != nil {
		return err
	}
	if isTerminal(stderr) {
		o.Progress = progressLine(stderr)
	}
	sum, err := demo.Generate(ctx, store, o)
	if o.Progress != nil && sum.Runs > 0 {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d runs in %d experiments to %s: %d files, %s, %.1f s\n",
		sum.Runs, len(sum.Experiments), store.Root(), sum.Files, byteSize(sum.Bytes),
		sum.Elapsed.Seconds())
	return nil
}

// progressLine prints "\r12000/100000 runs" at most ten times a second,
// and always the last time. demo.Generate calls it from one goroutine at a
// time.
func progressLine(w io.Writer) func(done, total int) {
	return throttled(func(done, total int) { fmt.Fprintf(w, "\r%d/%d runs", done, total) })
}

// throttled calls f at most ten times a second, and always for the last
// item (done == total).
func throttled(f func(done, total int)) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		f(done, total)
	}
}

// isTerminal reports whether w is a terminal (a character device), where
// a progress line that rewrites itself makes sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// byteSize spells a size with a binary unit: 512 B, 3.4 MiB.
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, suffix := float64(n)/unit, "KiB"
	for _, s := range []string{"MiB", "GiB", "TiB"} {
		if v < unit {
			break
		}
		v, suffix = v/unit, s
	}
	return fmt.Sprintf("%.1f %s", v, suffix)
}
