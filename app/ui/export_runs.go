package ui

import (
	"encoding/json"
	"fmt"
	"sync"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
	"mlscope/app/runtable"
	"mlscope/app/search"
)

// exportData holds what the page read of the export: its manifest, and
// the runs of the experiments it searched, read once per page load (an
// export does not change).
var exportData struct {
	sync.Mutex
	manifest *exportfmt.Manifest
	runs     map[string]*expRuns // by experiment id
}

// expRuns are an experiment's runs, read once however many views ask
// for them at the same time.
type expRuns struct {
	once sync.Once
	runs []*mlflow.Run
	err  error
}

// exportManifest reads data/export.json once.
func exportManifest() (*exportfmt.Manifest, error) {
	exportData.Lock()
	defer exportData.Unlock()
	if exportData.manifest != nil {
		return exportData.manifest, nil
	}
	var m exportfmt.Manifest
	if err := exportJSON(exportfmt.ManifestPath, &m); err != nil {
		return nil, err
	}
	exportData.manifest = &m
	return &m, nil
}

// exportRuns returns the active runs of the experiments, reading their
// runs pages the first time. An experiment not exported has none.
//
// Known limit: the page decodes every run of the experiment (about 2.5
// KB of JSON a run), so an experiment of 100,000 runs takes tens of
// seconds to open from an export; a server sends only the rows on screen.
func exportRuns(expIDs []string) ([]*mlflow.Run, error) {
	m, err := exportManifest()
	if err != nil {
		return nil, err
	}
	var out []*mlflow.Run
	for _, id := range expIDs {
		runs, err := exportExperimentRuns(m, id)
		if err != nil {
			return nil, err
		}
		out = append(out, runs...)
	}
	return out, nil
}

func exportExperimentRuns(m *exportfmt.Manifest, id string) ([]*mlflow.Run, error) {
	exportData.Lock()
	if exportData.runs == nil {
		exportData.runs = map[string]*expRuns{}
	}
	e := exportData.runs[id]
	if e == nil {
		e = &expRuns{}
		exportData.runs[id] = e
	}
	exportData.Unlock()
	e.once.Do(func() { e.runs, e.err = readExperimentRuns(m, id) })
	if e.err != nil { // the next request tries again
		exportData.Lock()
		if exportData.runs[id] == e {
			delete(exportData.runs, id)
		}
		exportData.Unlock()
	}
	return e.runs, e.err
}

// readExperimentRuns reads an experiment's runs pages.
func readExperimentRuns(m *exportfmt.Manifest, id string) ([]*mlflow.Run, error) {
	for _, e := range m.Experiments {
		if e.ID != id {
			continue
		}
		runs := make([]*mlflow.Run, 0, e.Runs)
		for n := range e.Pages {
			var page runsPage
			if err := exportJSON(exportfmt.RunsPagePath(id, n), &page); err != nil {
				return nil, err
			}
			runs = append(runs, page.Runs...)
		}
		return runs, nil
	}
	return nil, nil
}

// searchBody is the part of a runs/search request an export answers.
type searchBody struct {
	ExperimentIDs []string `json:"experiment_ids"`
	Filter        string   `json:"filter"`
	OrderBy       []string `json:"order_by"`
	MaxResults    int      `json:"max_results"`
	PageToken     string   `json:"page_token"`
	ViewType      string   `json:"run_view_type"`
}

// exportSearchRuns answers runs/search over the exported runs with the
// same grammar and order as the server (package search).
func exportSearchRuns(body []byte) (any, error) {
	var req searchBody
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, fmt.Errorf("read a runs/search request: %w", err)
	}
	if req.ViewType == "DELETED_ONLY" {
		return runsPage{Runs: []*mlflow.Run{}}, nil // only active runs are exported
	}
	runs, err := exportRuns(req.ExperimentIDs)
	if err != nil {
		return nil, err
	}
	if req.MaxResults <= 0 {
		req.MaxResults = 1000
	}
	page, next, err := search.SearchRuns(runs, req.Filter, req.OrderBy, req.MaxResults,
		req.PageToken)
	if err != nil {
		return nil, &mlflow.Error{Code: "INVALID_PARAMETER_VALUE", Message: err.Error()}
	}
	return runsPage{Runs: page, NextPageToken: next}, nil
}

// exportTable answers the runs table over the exported runs with the
// server's own code (package runtable).
func exportTable(body []byte) (any, error) {
	var req tableRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, fmt.Errorf("read a runs table request: %w", err)
	}
	if req.ViewType == "DELETED_ONLY" {
		req.ExperimentIDs = nil // only active runs are exported
	}
	runs, err := exportRuns(req.ExperimentIDs)
	if err != nil {
		return nil, err
	}
	q := runtable.Query{Filter: req.Filter, OrderBy: req.OrderBy, Offset: req.Offset,
		Limit: min(max(req.Limit, 0), runtable.MaxLimit), Columns: req.Columns,
		Expanded: map[string]bool{}, Keys: req.Keys, GroupBy: req.GroupBy,
		Collapsed: map[string]bool{}, Pinned: req.PinnedRuns}
	for _, id := range req.Expanded {
		q.Expanded[id] = true
	}
	for _, v := range req.Collapsed {
		if v == nil {
			q.CollapsedNone = true
		} else {
			q.Collapsed[*v] = true
		}
	}
	ans, err := runtable.Build(runs, q)
	if f, ok := err.(*runtable.Fault); ok {
		return nil, &tableError{Code: "INVALID_PARAMETER_VALUE", Message: f.Err.Msg,
			Field: f.Field, Position: f.Err.Pos, Length: f.Err.Len}
	}
	return ans, err
}
