package ui

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"mlscope/app/search"
)

// tableState is what the runs table shows, as the page URL holds it:
// /experiments/{id}?q=<filter>&sort=<order_by>&cols=<columns>&pin=<columns>
// &pinruns=<run ids>&group=<group_by>&view=deleted&tab=charts&sel=<run ids>
// &hide=<run ids>, or the same after /compare-experiments?experiments=<ids>
// for the runs of several experiments. Every change
// goes through the URL, so that back, forward and shared links restore the
// table, its selection and the tab shown.
type tableState struct {
	Filter string // MLflow filter, "" for every run
	Sort   string // one MLflow order_by entry, "" for the default (newest first)
	// Cols lists "metrics.<key>", "params.<key>" and "tags.<key>". Nil
	// means the server's default columns; an empty, non-nil list means no
	// value columns.
	Cols []string
	// Pin lists the value columns (names as in Cols) kept at the left,
	// after the run name, in the order they were pinned; nil for none.
	Pin []string
	// PinRuns are the runs kept above the table, in the order pinned.
	PinRuns []string
	// Group is the runs table's group_by: "params.<key>", "tags.<key>"
	// or "datasets"; "" for no groups.
	Group string
	Trash bool // the deleted runs instead of the active ones
	// Charts shows the charts of the selected runs instead of the table.
	Charts bool
	// Selected are the runs chosen for charts and comparison, in the
	// order they were chosen.
	Selected []string
	// Hidden are the runs the charts leave out (the eye of a table row,
	// or a click on the charts' legend).
	Hidden []string
}

// parseTableState reads the table's part of a page's query string.
// Nothing is checked here: a faulty filter is shown with its error.
func parseTableState(q url.Values) tableState {
	s := tableState{Filter: q.Get("q"), Sort: q.Get("sort"), Group: q.Get("group"),
		Trash: q.Get("view") == "deleted", Charts: q.Get("tab") == "charts"}
	if v, ok := q["cols"]; ok {
		s.Cols = splitCols(strings.Join(v, ","))
	}
	if pin := splitCols(q.Get("pin")); len(pin) > 0 {
		s.Pin = pin
	}
	if sel := splitCols(q.Get("sel")); len(sel) > 0 {
		s.Selected = sel
	}
	if ids := splitCols(q.Get("pinruns")); len(ids) > 0 {
		s.PinRuns = ids
	}
	if ids := splitCols(q.Get("hide")); len(ids) > 0 {
		s.Hidden = ids
	}
	return s
}

// query returns the state as a query string, "" for the default state.
// Parameters come in a fixed order (q, sort, cols, pin, pinruns, group,
// view, tab, sel, hide), so that the same state always has the same URL.
func (s tableState) query() string {
	var parts []string
	add := func(k, v string) { parts = append(parts, k+"="+queryEscape(v)) }
	if s.Filter != "" {
		add("q", s.Filter)
	}
	if s.Sort != "" {
		add("sort", s.Sort)
	}
	if s.Cols != nil {
		add("cols", strings.Join(s.Cols, ","))
	}
	if len(s.Pin) > 0 {
		add("pin", strings.Join(s.Pin, ","))
	}
	if len(s.PinRuns) > 0 {
		add("pinruns", strings.Join(s.PinRuns, ","))
	}
	if s.Group != "" {
		add("group", s.Group)
	}
	if s.Trash {
		add("view", "deleted")
	}
	if s.Charts {
		add("tab", "charts")
	}
	if len(s.Selected) > 0 {
		add("sel", strings.Join(s.Selected, ","))
	}
	if len(s.Hidden) > 0 {
		add("hide", strings.Join(s.Hidden, ","))
	}
	return strings.Join(parts, "&")
}

// url returns the experiment page showing the state; expID may list
// several experiments, joined by commas (experimentsPath).
func (s tableState) url(expID string) string {
	p, sep := experimentPath(expID, ""), "?"
	if ids := experimentIDs(expID); len(ids) > 1 {
		p, sep = experimentsPath(ids), "&"
	}
	if q := s.query(); q != "" {
		p += sep + q
	}
	return p
}

// toggled returns ids with id added at the end, or taken out when it is
// there; nil when none is left, as the URL's lists are.
func toggled(ids []string, id string) []string {
	if slices.Contains(ids, id) {
		ids = slices.DeleteFunc(slices.Clone(ids), func(x string) bool { return x == id })
	} else {
		ids = append(slices.Clone(ids), id)
	}
	if len(ids) == 0 {
		return nil
	}
	return ids
}

// queryEscape escapes a query value but leaves commas, slashes and
// colons, common in column lists and keys, readable.
func queryEscape(v string) string {
	return strings.NewReplacer("%2C", ",", "%2F", "/", "%3A", ":").Replace(url.QueryEscape(v))
}

// splitCols splits a comma-separated column list and drops empty names.
// Keys MLflow accepts contain no commas, so no quoting is needed.
func splitCols(s string) []string {
	out := []string{}
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// colKind splits a column name into its kind ("metrics", "params" or
// "tags") and key.
func colKind(col string) (kind, key string) {
	kind, key, _ = strings.Cut(col, ".")
	return kind, key
}

// identifier returns an identifier of MLflow's grammar for a key of the
// kind ("metrics", "params", "tags" or "attributes"): the key as it is
// when it is a plain word, in backticks otherwise.
func identifier(kind, key string) string {
	if isPlainKey(key) {
		return kind + "." + key
	}
	if strings.Contains(key, "`") {
		return kind + `."` + key + `"`
	}
	return kind + ".`" + key + "`"
}

// isPlainKey reports whether a key may go unquoted in a filter: a word
// that starts with a letter or underscore and is not a keyword.
func isPlainKey(k string) bool {
	if k == "" || isFilterKeyword(k) {
		return false
	}
	for i, r := range k {
		word := r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))
		if !word {
			return false
		}
	}
	return true
}

// sortKey is the column an order_by entry sorts by, and its direction.
type sortKey struct {
	col string // "attributes.<name>", "metrics.<key>", "params.<key>" or "tags.<key>"
	asc bool
}

// parseSort reads an order_by entry; ok is false when it is empty or
// faulty.
func parseSort(orderBy string) (sortKey, bool) {
	if orderBy == "" {
		return sortKey{}, false
	}
	keys, err := search.ParseRunOrderBy([]string{orderBy})
	if err != nil || len(keys) != 1 {
		return sortKey{}, false
	}
	k := keys[0]
	prefix := map[search.Kind]string{search.KindAttribute: "attributes",
		search.KindMetric: "metrics", search.KindParam: "params", search.KindTag: "tags"}[k.Kind]
	return sortKey{col: prefix + "." + k.Key, asc: k.Ascending}, true
}

// orderBy returns the order_by entry that sorts by a column.
func (k sortKey) orderBy() string {
	kind, key := colKind(k.col)
	dir := " DESC"
	if k.asc {
		dir = " ASC"
	}
	return identifier(kind, key) + dir
}

// nextSort is the sort after a click on a column's header: the other
// direction when the column is already the sort, else ascending, except
// for times, which start with the newest.
func nextSort(current string, col string) string {
	if k, ok := parseSort(current); ok && k.col == col {
		k.asc = !k.asc
		return k.orderBy()
	}
	if current == "" && col == "attributes.start_time" {
		// The default order is already newest first.
		return sortKey{col: col, asc: true}.orderBy()
	}
	return sortKey{col: col, asc: col != "attributes.start_time"}.orderBy()
}
