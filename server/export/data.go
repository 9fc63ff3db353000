package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
)

// The data files are the API's own answers: the exporter asks the REST
// handlers in-process, as the browser would, and stores what they say.

// call asks the API one RPC and returns its body; any status but 200 is
// an error.
func (e *exporter) call(method, rpc string, q url.Values, body any) ([]byte, error) {
	u := "/ajax-api/2.0/mlflow/" + rpc
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var r *http.Request
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rpc, err)
		}
		r = httptest.NewRequest(method, u, bytes.NewReader(b))
		r.Header.Set("Content-Type", "application/json")
	} else {
		r = httptest.NewRequest(method, u, nil)
	}
	status, b := e.serve(r)
	if status != http.StatusOK {
		return nil, fmt.Errorf("%s %s: HTTP %d: %s", method, u, status, b)
	}
	return b, nil
}

// serve answers r with the server's handlers and returns the status and
// the body.
func (e *exporter) serve(r *http.Request) (int, []byte) {
	rec := httptest.NewRecorder()
	e.api.ServeHTTP(rec, r)
	return rec.Code, rec.Body.Bytes()
}

// runsPage is one page of runs/search.
type runsPage struct {
	Runs          []*mlflow.Run `json:"runs"`
	NextPageToken string        `json:"next_page_token"`
}

// experiments writes the experiments list, each experiment and its runs
// pages, and returns the manifest so far and the runs.
func (e *exporter) experiments(exps []*mlflow.Experiment) (*exportfmt.Manifest, []*mlflow.Run, error) {
	m := &exportfmt.Manifest{Format: exportfmt.FormatVersion, Generator: "mlscope " + e.o.Version,
		RunsPerPage: e.o.RunsPerPage, Artifacts: e.o.Artifacts, SmallLimit: e.o.SmallLimit,
		CreatedAt: time.Now().UnixMilli()}
	b, err := e.call("GET", "experiments/search", url.Values{"max_results": {"50000"},
		"view_type": {"ACTIVE_ONLY"}}, nil)
	if err != nil {
		return nil, nil, err
	}
	var list struct {
		Experiments []json.RawMessage `json:"experiments"`
	}
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, nil, fmt.Errorf("experiments/search: %w", err)
	}
	chosen := map[string]bool{}
	for _, x := range exps {
		chosen[x.ExperimentID] = true
	}
	kept := []json.RawMessage{}
	for _, raw := range list.Experiments {
		var id struct {
			ID string `json:"experiment_id"`
		}
		if json.Unmarshal(raw, &id) == nil && chosen[id.ID] {
			kept = append(kept, raw)
		}
	}
	if err := e.w.writeJSON(exportfmt.ExperimentsPath, map[string]any{"experiments": kept}); err != nil {
		return nil, nil, err
	}
	var all []*mlflow.Run
	for _, x := range exps {
		id := x.ExperimentID
		b, err := e.call("GET", "experiments/get", url.Values{"experiment_id": {id}}, nil)
		if err != nil {
			return nil, nil, err
		}
		if err := e.w.write(exportfmt.ExperimentPath(id), b, true); err != nil {
			return nil, nil, err
		}
		runs, pages, err := e.runsPages(id)
		if err != nil {
			return nil, nil, err
		}
		m.Experiments = append(m.Experiments, exportfmt.ManifestExperiment{ID: id, Name: x.Name,
			Runs: len(runs), Pages: pages})
		all = append(all, runs...)
	}
	return m, all, nil
}

// runsPages writes an experiment's active runs, newest first, as pages of
// runs/search.
func (e *exporter) runsPages(expID string) ([]*mlflow.Run, int, error) {
	var runs []*mlflow.Run
	token := ""
	for n := 0; ; n++ {
		body := map[string]any{"experiment_ids": []string{expID}, "run_view_type": "ACTIVE_ONLY",
			"max_results": e.o.RunsPerPage}
		if token != "" {
			body["page_token"] = token
		}
		b, err := e.call("POST", "runs/search", nil, body)
		if err != nil {
			return nil, 0, err
		}
		var page runsPage
		if err := json.Unmarshal(b, &page); err != nil {
			return nil, 0, fmt.Errorf("runs/search of experiment %s: %w", expID, err)
		}
		if err := e.w.write(exportfmt.RunsPagePath(expID, n), b, true); err != nil {
			return nil, 0, err
		}
		runs = append(runs, page.Runs...)
		if token = page.NextPageToken; token == "" || len(page.Runs) == 0 {
			return runs, n + 1, nil
		}
	}
}
