package export

import (
	"strings"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
	"mlscope/server/web"
)

// shell writes the browser app and a copy of its page at each address
// the app has for the exported data (experiments, runs, compare, and the
// registry's models and versions, modelPages),
// so that a static server finds a page when one is opened or reloaded.
// A run's artifacts are shown at the run's own address in an export
// (exportfmt.ArtifactParam), which needs no copy of its own.
func (e *exporter) shell(exps []*mlflow.Experiment, runs []*mlflow.Run, modelPages []string) error {
	sh, err := web.NewExportShell(e.o.Version)
	if err != nil {
		return err
	}
	for _, name := range sh.Names() {
		b := sh.Files[name]
		if name == "app-worker.js" {
			// The worker's cache is named after the export, so that a new
			// export replaces what browsers stored of the old one.
			id := strings.NewReplacer(" ", "", "/", "-").Replace(e.o.Version) + "-" +
				exportID()
			b = []byte(strings.Replace(string(b), web.ExportIDMarker, id, 1))
		}
		// The worker stores the page as "./", and itself needs no entry;
		// the plain module is for browsers that cannot unpack the gzipped.
		listed := name != "index.html" && name != "app-worker.js" && name != web.ExportPlainWASM
		if err := e.w.write(name, b, listed); err != nil {
			return err
		}
	}
	pages := append([]string{"models", "compare-runs", "compare-experiments"}, modelPages...)
	for _, x := range exps {
		pages = append(pages, "experiments/"+x.ExperimentID)
	}
	for _, r := range runs {
		pages = append(pages, "experiments/"+r.Info.ExperimentID+"/runs/"+r.Info.RunID)
	}
	for _, p := range pages {
		dir, ok := exportfmt.PageDir(p)
		if !ok {
			e.log.Warn("no copy of the page for this address: it opens once the "+
				"service worker holds the export", "address", p)
			continue
		}
		if err := e.w.write(dir+"/index.html", sh.Page(strings.Count(dir, "/")+1), false); err != nil {
			return err
		}
	}
	return nil
}
