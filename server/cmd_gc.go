package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mlscope/server/mlruns"
)

// olderThanPattern is mlflow gc's --older-than format, such as 2d8h5m20s.
var olderThanPattern = regexp.MustCompile(`^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$`)

// parseOlderThan reads mlflow gc's duration format.
func parseOlderThan(s string) (time.Duration, error) {
	m := olderThanPattern.FindStringSubmatch(s)
	if m == nil || s == "" {
		return 0, fmt.Errorf("--older-than %q: use a duration such as 1d2h3m4s", s)
	}
	var d time.Duration
	for i, unit := range []time.Duration{24 * time.Hour, time.Hour, time.Minute, time.Second} {
		if m[i+1] != "" {
			n, err := strconv.Atoi(m[i+1])
			if err != nil {
				return 0, fmt.Errorf("--older-than %q: %w", s, err)
			}
			d += time.Duration(n) * unit
		}
	}
	return d, nil
}

func splitIDs(s string) []string {
	var out []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// runGC removes deleted runs and experiments for good, as mlflow gc does.
func runGC(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mlscope gc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	uri := fs.String("backend-store-uri", "./mlruns", "the mlruns folder, as a path or file: URI")
	dest := fs.String("artifacts-destination", "./mlartifacts",
		"where mlflow-artifacts: URIs are stored")
	olderThan := fs.String("older-than", "", "only runs deleted at least this long ago (1d2h3m4s)")
	runIDs := fs.String("run-ids", "", "comma-separated ids of deleted runs to remove")
	expIDs := fs.String("experiment-ids", "", "comma-separated ids of deleted experiments to remove")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	opt := mlruns.GCOptions{RunIDs: splitIDs(*runIDs), ExperimentIDs: splitIDs(*expIDs)}
	if *olderThan != "" {
		d, err := parseOlderThan(*olderThan)
		if err != nil {
			return usageError{err.Error()}
		}
		opt.OlderThanMillis = d.Milliseconds()
	}
	root, err := storePath(*uri)
	if err != nil {
		return err
	}
	store, err := mlruns.Open(root, mlruns.Options{ArtifactsDestination: *dest})
	if err != nil {
		return err
	}
	last := time.Now()
	opt.Progress = func(done, total int) {
		if time.Since(last) > time.Second || done == total {
			fmt.Fprintf(stderr, "\rremoved %d of %d runs", done, total)
			last = time.Now()
		}
	}
	res, err := store.GC(opt)
	if res.Runs > 0 {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "removed %d runs and %d experiments for good\n", res.Runs, res.Experiments)
	return nil
}
