package runtable

import (
	"slices"

	"mlscope/app/mlflow"
)

// Pinned runs (issue 11), as in MLflow's runs table: runs the user pins
// stay above the table whatever its filter, sort, groups or scroll. The
// request's pinned_runs names them; the answer's pinned holds their rows,
// in the order of pinned_runs, in every window, and the runs are left out
// of the table's own rows so that none is drawn twice. A pinned id that is
// not among the runs of the experiments and view (a run since deleted, a
// link from another experiment) is skipped. A pinned parent's child runs
// are not under it: they become top-level rows of the table when they
// match.

// pinnedRuns finds the runs whose ids are in ids, in the order of ids.
func pinnedRuns(runs []*mlflow.Run, ids []string) []*mlflow.Run {
	if len(ids) == 0 {
		return nil
	}
	at := make(map[string]int, len(ids))
	for i, id := range ids {
		if _, dup := at[id]; !dup {
			at[id] = i
		}
	}
	found := make([]*mlflow.Run, len(ids))
	for _, r := range runs {
		if i, ok := at[r.Info.RunID]; ok {
			found[i] = r
		}
	}
	return slices.DeleteFunc(found, func(r *mlflow.Run) bool { return r == nil })
}

// withoutPinned returns the matches less the pinned runs, in a new slice
// when there are any to take out.
func withoutPinned(matched, pinned []*mlflow.Run) []*mlflow.Run {
	if len(pinned) == 0 {
		return matched
	}
	return slices.DeleteFunc(slices.Clone(matched), func(r *mlflow.Run) bool {
		return slices.Contains(pinned, r)
	})
}

// pinnedRows are the pinned runs' rows: top-level, with gap empty fields
// (the group fields of a grouped answer) before the column values.
func pinnedRows(pinned []*mlflow.Run, cols []tableColumn, gap int) [][]any {
	var rows [][]any
	for _, r := range pinned {
		rows = append(rows, tableRow(r, treeRow{}, "", cols, gap))
	}
	return rows
}
