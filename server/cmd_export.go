package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"mlscope/server/export"
	"mlscope/server/mlruns"
)

// runExport writes a static, read-only site of a tree (issue 10):
// `mlscope export --backend-store-uri DIR --out SITE`.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := export.Options{Version: version}
	fs := flag.NewFlagSet("mlscope export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	uri := fs.String("backend-store-uri", "./mlruns", "the mlruns folder, as a path or file: URI")
	fs.StringVar(&o.Out, "out", "", "the folder to write the site into (empty, or an earlier export)")
	ids := fs.String("experiment-ids", "", "comma-separated experiments to export (default: all active)")
	fs.IntVar(&o.RunsPerPage, "runs-per-page", 1000, "runs per runs page file")
	fs.StringVar(&o.Artifacts, "with-artifacts", export.ArtifactsSmall,
		"artifact files to copy: none, small (up to 1 MiB each) or all; model files always")
	fs.IntVar(&o.Workers, "workers", 2, "runs exported at once")
	if help, err := parseCommand(fs, args); help || err != nil {
		return err
	}
	o.ExperimentIDs = splitIDs(*ids)
	if *ids != "" && len(o.ExperimentIDs) == 0 {
		return usageError{fmt.Sprintf("--experiment-ids %q names no experiment", *ids)}
	}
	if o.Workers < 1 {
		return usageError{fmt.Sprintf("--workers %d: use 1 or more", o.Workers)}
	}
	if err := o.Validate(); err != nil {
		return usageError{err.Error()}
	}
	root, err := storePath(*uri)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return fmt.Errorf("--backend-store-uri %s: no such folder", root)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	store, err := mlruns.Open(root, mlruns.Options{Logger: log})
	if err != nil {
		return err
	}
	o.Logger = log
	if isTerminal(stdout) {
		o.Progress = progressBar(stdout)
	} else {
		o.Progress = progressLog(stderr)
	}
	sum, err := export.Export(ctx, store, o)
	if isTerminal(stdout) && sum.Runs > 0 {
		fmt.Fprintln(stdout)
	}
	if err != nil {
		return err
	}
	ratio := 0.0
	if sum.RunFileBytes > 0 {
		ratio = float64(sum.DataBytes) / float64(sum.RunFileBytes)
	}
	fmt.Fprintf(stdout, "exported %d runs in %d experiments to %s: %d files, %s "+
		"(data %s, %.2f× the runs' %s in the tree), %.1f s\n",
		sum.Runs, sum.Experiments, o.Out, sum.Files, byteSize(sum.Bytes), byteSize(sum.DataBytes),
		ratio, byteSize(sum.RunFileBytes), sum.Elapsed.Seconds())
	return nil
}

// progressBar draws "[#####.....] 1200/10000 runs" on a terminal, at most
// ten times a second, and always the last time.
func progressBar(w io.Writer) func(done, total int) {
	return throttled(func(done, total int) {
		const width = 30
		filled := width * done / max(total, 1)
		fmt.Fprintf(w, "\r[%s%s] %d/%d runs", strings.Repeat("#", filled),
			strings.Repeat(".", width-filled), done, total)
	})
}

// progressLog writes a plain line every tenth of the runs, for logs.
func progressLog(w io.Writer) func(done, total int) {
	next := 0
	return func(done, total int) {
		if done >= next || done == total {
			fmt.Fprintf(w, "exported %d of %d runs\n", done, total)
			next = done + max(total/10, 1)
		}
	}
}

// parseCommand parses a command's flags; help is true when -h asked for
// them (printed already). Arguments left over are a usage error.
func parseCommand(fs *flag.FlagSet, args []string) (help bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return false, usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return false, nil
}
