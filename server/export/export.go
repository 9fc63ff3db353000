// Package export writes a static, read-only copy of an mlruns tree that
// any static web host can serve (mlscope export, issue 10): the browser
// app's shell (server/web), and the data as JSON files that hold the
// answers the app gets from the API, laid out by package exportfmt.
package export

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
	"mlscope/server/api"
	"mlscope/server/mlruns"
)

// Artifact modes (--with-artifacts).
const (
	ArtifactsNone  = "none"
	ArtifactsSmall = "small"
	ArtifactsAll   = "all"
)

// DefaultSmallLimit is the largest artifact "small" copies.
const DefaultSmallLimit = 1 << 20

// Options say what to export and where.
type Options struct {
	Out           string   // the site's folder, created if missing
	ExperimentIDs []string // nil: every active experiment
	RunsPerPage   int      // runs per runs page
	Artifacts     string   // ArtifactsNone, ArtifactsSmall or ArtifactsAll
	SmallLimit    int64    // for ArtifactsSmall; 0 is DefaultSmallLimit
	Version       string   // mlscope's version
	Workers       int      // runs exported at once; 0 is 2
	// Progress, when set, is called after each run, from one goroutine at
	// a time.
	Progress func(done, total int)
	Logger   *slog.Logger
}

// Validate checks the options that do not need the tree.
func (o *Options) Validate() error {
	switch {
	case o.Out == "":
		return errors.New("--out is required: the folder to write the site into")
	case o.RunsPerPage < 1 || o.RunsPerPage > 50000:
		return fmt.Errorf("--runs-per-page %d: use 1 to 50000", o.RunsPerPage)
	}
	switch o.Artifacts {
	case ArtifactsNone, ArtifactsSmall, ArtifactsAll:
	default:
		return fmt.Errorf("--with-artifacts %q: use none, small or all", o.Artifacts)
	}
	return nil
}

// Summary is what an export wrote.
type Summary struct {
	Experiments, Runs int
	Files             int
	Bytes             int64 // of every file written
	DataBytes         int64 // of the files written for the runs (not the shell)
	RunFileBytes      int64 // of the exported runs' folders in the tree
	Elapsed           time.Duration
}

// exporter is one export under way.
type exporter struct {
	o     Options
	store *mlruns.Store
	api   *api.Server
	w     *siteWriter
	log   *slog.Logger
}

// Export writes the site.
func Export(ctx context.Context, store *mlruns.Store, o Options) (Summary, error) {
	start := time.Now()
	if err := o.Validate(); err != nil {
		return Summary{}, err
	}
	if o.SmallLimit == 0 {
		o.SmallLimit = DefaultSmallLimit
	}
	if o.Workers < 1 {
		o.Workers = 2
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	exps, err := chooseExperiments(store, o.ExperimentIDs)
	if err != nil {
		return Summary{}, err
	}
	if err := prepareOut(o.Out); err != nil {
		return Summary{}, err
	}
	e := &exporter{o: o, store: store, w: newSiteWriter(o.Out), log: o.Logger,
		api: api.New(store, api.Options{Version: o.Version, Logger: o.Logger})}
	sum := Summary{Experiments: len(exps)}
	m, runs, err := e.experiments(exps)
	if err != nil {
		return sum, err
	}
	sum.Runs = len(runs)
	if sum.RunFileBytes, err = e.runs(ctx, runs); err != nil {
		return sum, err
	}
	sum.DataBytes = e.w.bytes // the runs' data, for the ratio to their files
	modelPages, err := e.registry(runs)
	if err != nil {
		return sum, err
	}
	for _, x := range exps {
		if err := e.loggedModels(x.ExperimentID); err != nil {
			return sum, err
		}
	}
	if err := e.shell(exps, runs, modelPages); err != nil {
		return sum, err
	}
	m.Files = e.w.listedFiles()
	if err := e.w.writeJSON(exportfmt.ManifestPath, m); err != nil {
		return sum, err
	}
	sum.Files, sum.Bytes, sum.Elapsed = e.w.files, e.w.bytes, time.Since(start)
	return sum, nil
}

// chooseExperiments returns the active experiments asked for, every one
// when ids is empty; an id that names none, or a deleted one, is an error.
func chooseExperiments(store *mlruns.Store, ids []string) ([]*mlflow.Experiment, error) {
	if len(ids) == 0 {
		return store.Experiments(mlflow.ViewActiveOnly)
	}
	var out []*mlflow.Experiment
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		exp, err := store.Experiment(id)
		if err != nil {
			return nil, fmt.Errorf("--experiment-ids: no experiment %q in %s", id, store.Root())
		}
		if exp.LifecycleStage != mlflow.StageActive {
			return nil, fmt.Errorf("--experiment-ids: experiment %q (%s) is deleted", id, exp.Name)
		}
		out = append(out, exp)
	}
	return out, nil
}

// prepareOut makes the site's folder, which must be empty or an earlier
// export (whose data and pages are replaced).
func prepareOut(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("--out %s: %w", out, err)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("--out %s: %w", out, err)
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(exportfmt.ManifestPath))); err != nil {
			return fmt.Errorf("--out %s is not empty and holds no earlier export "+
				"(no %s): choose an empty folder", out, exportfmt.ManifestPath)
		}
		for _, d := range []string{"data", "experiments", "models", "compare-runs", "web"} {
			if err := os.RemoveAll(filepath.Join(out, d)); err != nil {
				return fmt.Errorf("--out %s: remove the earlier export's %s: %w", out, d, err)
			}
		}
	}
	probe := filepath.Join(out, ".mlscope-write-test")
	if err := os.WriteFile(probe, nil, 0o644); err != nil {
		return fmt.Errorf("--out %s cannot be written: %w", out, err)
	}
	return os.Remove(probe)
}
