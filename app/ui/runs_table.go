package ui

import (
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// RunsTable shows an experiment's runs as a virtualized table: a scroll
// box whose content is as tall as every row would be, holding a table of
// only the rows in view and a few beyond (see runs_window.go). The server
// filters, sorts and groups the runs (server/api/table.go); the table asks
// it for pages of rows as they scroll into view and keeps them while the
// state stays the same. Runs with child runs get a toggle that shows them
// below, indented.
//
// Clicking a header asks OnSort for the new order; the view puts it in
// the URL, which comes back as State. After each first page the table
// posts actionRunsMeta with the counts, columns and keys.
type RunsTable struct {
	app.Compo
	// ExperimentID is the experiment, or several joined by commas.
	ExperimentID string
	// ExperimentNames name the experiments, for the Experiment column of
	// a table of several.
	ExperimentNames map[string]string
	State           tableState
	OnSort          func(ctx app.Context, orderBy string)
	OnFilter        func(ctx app.Context, filter string) // the empty state's "clear the search"
	// OnRestore, when set (the trash view), adds a Restore button per run.
	OnRestore func(ctx app.Context, runID string)
	// OnSelect, when set, adds a check box per run that selects it for
	// charts and comparison; Selected are the runs checked.
	OnSelect func(ctx app.Context, runID string, on bool)
	Selected []string

	key      string // the state the rows belong to
	gen      int    // bumped with key; answers for an older gen are dropped
	rows     *rowCache
	pinned   []runRow // the pinned runs, as the last answer sent them
	cols     []tableCol
	meta     runsMeta
	loaded   bool  // the state's first page is here
	err      error // of the last request
	old      *oldRows
	drawn    rowRange
	expanded map[string]bool
	keysFor  string // the experiment and view the keys were asked for
	top      int    // px the rows are scrolled
	viewH    int    // px of rows the box shows
	stop     func()
	current  string // the run the keyboard is on (keyboard_rows.go)
	// collapsed are the folded groups (group_head.go keys) of groupFor.
	collapsed map[string]bool
	groupFor  string
	widths    map[string]int // px per column the user resized (resize_cols.go)
	resizing  *colResize
}

// oldRows are the previous state's rows, drawn while the new ones load so
// that a new sort does not blank the table.
type oldRows struct {
	rows   *rowCache
	pinned []runRow
	cols   []tableCol
	total  int
}

// runsMeta is what the table tells the view after loading: the state it
// is for, the counts, the columns shown and, when they were asked for,
// the keys of the experiment's runs.
type runsMeta struct {
	ExperimentID string
	Key          string
	Total        int // rows of the tree as shown
	Matched      int // runs that match the filter
	InView       int // runs in the view (active or deleted), before the filter
	Columns      []string
	Keys         *tableKeys
}

// actionRunsMeta carries a runsMeta from the table to its view.
const actionRunsMeta = "runs-meta"

// OnMount loads the first page and follows the scroll box.
func (t *RunsTable) OnMount(ctx app.Context) {
	t.expanded, t.collapsed = map[string]bool{}, map[string]bool{}
	t.viewH = app.Window().Get("innerHeight").Int()
	t.listen(ctx)
	t.followKeys(ctx)
	t.reload(ctx, false)
	ctx.Handle(actionRefresh, func(ctx app.Context, a app.Action) {
		t.keysFor = ""
		t.reload(ctx, false)
	})
}

// OnDismount stops following the scroll box.
func (t *RunsTable) OnDismount() {
	if t.stop != nil {
		t.stop()
	}
}

// OnUpdate reloads when the parent changes the experiment or the state.
func (t *RunsTable) OnUpdate(ctx app.Context) {
	if !strings.HasPrefix(t.key, t.ExperimentID+"\x00") {
		t.expanded = map[string]bool{}
	}
	if t.groupFor != t.State.Group {
		t.collapsed, t.groupFor = map[string]bool{}, t.State.Group
	}
	if t.stateKey() != t.key {
		t.reload(ctx, true)
	}
}

// stateKey identifies what the rows show.
func (t *RunsTable) stateKey() string {
	cols := "default"
	if t.State.Cols != nil {
		cols = strings.Join(t.State.Cols, ",")
	}
	return strings.Join([]string{t.ExperimentID, t.viewType(), t.State.Filter, t.State.Sort,
		cols, strings.Join(sortedKeys(t.expanded), ","), t.State.Group,
		strings.Join(sortedKeys(t.collapsed), "\x01"), strings.Join(t.State.PinRuns, ",")},
		"\x00")
}

func (t *RunsTable) viewType() string {
	if t.State.Trash {
		return "DELETED_ONLY"
	}
	return "ACTIVE_ONLY"
}

// listen follows the scroll box's position and size. go-app would update
// the table on every scroll event; this listener updates it only when the
// rows to draw change.
func (t *RunsTable) listen(ctx app.Context) {
	box := t.JSValue()
	if box == nil || !box.Truthy() {
		return
	}
	measure := func() (int, int) {
		head := 56
		if th := box.Call("querySelector", "thead"); th.Truthy() {
			head = th.Get("offsetHeight").Int()
		}
		return box.Get("scrollTop").Int(), box.Get("clientHeight").Int() - head
	}
	onScroll := app.FuncOf(func(this app.Value, args []app.Value) any {
		top, h := measure()
		ctx.Dispatch(func(ctx app.Context) {
			if !t.scrolled(ctx, top, h) {
				ctx.PreventUpdate()
			}
		})
		return nil
	})
	box.Call("addEventListener", "scroll", onScroll, map[string]any{"passive": true})
	stopSize := watchSize(ctx, box, func(ctx app.Context) {
		top, h := measure()
		if !t.scrolled(ctx, top, h) {
			ctx.PreventUpdate()
		}
	})
	t.stop = func() {
		box.Call("removeEventListener", "scroll", onScroll)
		onScroll.Release()
		stopSize()
	}
}

// scrolled takes a new scroll position and reports whether the rows to
// draw changed.
func (t *RunsTable) scrolled(ctx app.Context, top, height int) bool {
	t.top, t.viewH = top, height
	r := drawnRows(top, height, t.total())
	if r == t.drawn {
		return false
	}
	t.drawn = r
	t.fetchMissing(ctx)
	return true
}

// total is the number of rows the scroll box covers.
func (t *RunsTable) total() int {
	switch {
	case t.loaded:
		return t.meta.Total
	case t.old != nil && t.old.total > 0:
		// An empty previous state (a search that matched nothing) says
		// nothing of the new one: ask for the pages in view.
		return t.old.total
	}
	return 1 << 30 // unknown yet: ask for the pages in view
}

// reload starts over for the current state, keeping the rows on screen
// until the new ones come. toTop scrolls back to the first row, as after
// a new sort or search.
func (t *RunsTable) reload(ctx app.Context, toTop bool) {
	if t.loaded {
		t.old = &oldRows{rows: t.rows, pinned: t.pinned, cols: t.cols, total: t.meta.Total}
	}
	t.key, t.gen = t.stateKey(), t.gen+1
	t.rows, t.loaded, t.err = newRowCache(), false, nil
	if toTop {
		t.top = 0
		if box := t.JSValue(); box != nil && box.Truthy() {
			box.Set("scrollTop", 0)
		}
	}
	t.drawn = drawnRows(t.top, t.viewH, t.total())
	t.fetchMissing(ctx)
}

func (t *RunsTable) fetchMissing(ctx app.Context) {
	view := drawnRows(t.top, t.viewH, t.total())
	for _, p := range t.rows.missing(view) {
		t.fetchPage(ctx, p)
	}
}

// fetchPage asks for one page. The first request for an experiment and
// view also asks for the keys.
func (t *RunsTable) fetchPage(ctx app.Context, page int) {
	req := t.pageRequest(page)
	if keysFor := t.ExperimentID + "\x00" + t.viewType(); t.keysFor != keysFor {
		t.keysFor, req.Keys = keysFor, true
	}
	gen := t.gen
	ctx.Async(func() {
		ans, rows, err := fetchTable(req)
		ctx.Dispatch(func(ctx app.Context) {
			if gen != t.gen {
				ctx.PreventUpdate()
				return
			}
			t.landed(ctx, req, ans, rows, err)
		})
	})
}

// pageRequest asks for one page of what the table shows.
func (t *RunsTable) pageRequest(page int) tableRequest {
	req := tableRequest{
		ExperimentIDs: experimentIDs(t.ExperimentID), ViewType: t.viewType(),
		Filter: t.State.Filter, Offset: page * pageSize, Limit: pageSize,
		Columns: t.State.Cols, Expanded: sortedKeys(t.expanded),
		GroupBy: t.State.Group, Collapsed: collapsedList(sortedKeys(t.collapsed)),
		PinnedRuns: t.State.PinRuns,
	}
	if t.State.Sort != "" {
		req.OrderBy = []string{t.State.Sort}
	}
	if req.Columns == nil && t.loaded {
		req.Columns = t.meta.Columns // the defaults, now known
	}
	return req
}

// landed takes a page.
func (t *RunsTable) landed(ctx app.Context, req tableRequest, ans tableAnswer, rows []runRow,
	err error) {
	page := req.Offset / pageSize
	if err != nil {
		t.err = err
		t.rows.failed(page)
		if req.Keys {
			t.keysFor = ""
		}
		return
	}
	t.err = nil
	first := !t.loaded
	if first {
		t.loaded, t.old = true, nil
		t.cols = tableCols(ans.Columns)
		t.meta = runsMeta{ExperimentID: t.ExperimentID, Key: t.key, Matched: ans.Matched,
			InView: ans.InView, Columns: ans.Columns}
	}
	t.meta.Total, t.pinned = ans.Total, ans.PinnedRows
	t.rows.put(page, rows, t.drawn)
	t.drawn = drawnRows(t.top, t.viewH, ans.Total)
	if first || ans.Keys != nil {
		meta := t.meta
		meta.Keys = ans.Keys
		ctx.NewActionWithValue(actionRunsMeta, meta)
	}
	t.fetchMissing(ctx)
}

func (t *RunsTable) onSort(col string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if t.OnSort != nil {
			t.OnSort(ctx, nextSort(t.State.Sort, col))
		}
	}
}

func (t *RunsTable) onToggle(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if t.expanded[id] {
			delete(t.expanded, id)
		} else {
			t.expanded[id] = true
		}
		t.reload(ctx, false)
	}
}

func (t *RunsTable) onClear(ctx app.Context, e app.Event) {
	if t.OnFilter != nil {
		t.OnFilter(ctx, "")
	}
}

// Render draws the scroll box and what it holds: the table, an empty
// state or an error.
func (t *RunsTable) Render() app.UI {
	box := app.Div().ID("runs-scroll").Class("runs-scroll").TabIndex(0).
		Attr("role", "region").Aria("label", "Runs")
	switch {
	case !t.loaded && t.err != nil:
		return box.Class("runs-scroll state").Body(t.failure())
	case t.loaded && t.meta.Total == 0:
		return box.Class("runs-scroll state").Body(t.empty())
	}
	return box.Body(
		app.If(t.err != nil, errorBox("Some runs could not be loaded.", t.err)),
		t.table(),
	)
}

func (t *RunsTable) failure() app.UI {
	if te, ok := t.err.(*tableError); ok {
		return errorBox("The search is not valid: "+te.Message, nil)
	}
	return errorBox("The runs could not be loaded.", t.err)
}

func (t *RunsTable) empty() app.UI {
	switch {
	case t.meta.InView == 0 && t.State.Trash:
		return app.Div().Class("empty").Body(app.P().Text("No deleted runs."))
	case t.meta.InView == 0:
		return app.Div().Class("empty").ID("runs-empty").Body(
			app.P().Text("This experiment has no runs yet."),
			app.P().Class("muted").Text("Runs appear here as soon as a client logs them. "+
				"To look around first, make an experiment of generated runs."),
			app.If(writable(), &DemoButton{}),
		)
	}
	return app.Div().Class("empty").ID("runs-empty").Body(
		app.P().Text("No runs match this search."),
		app.Button().Class("button").ID("clear-search").Text("Clear the search").
			OnClick(t.onClear),
	)
}

// table draws the header and the rows in t.drawn, with margins standing
// in for the rows above and below.
func (t *RunsTable) table() app.UI {
	rows, cols, total := t.rows, t.cols, t.total()
	if !t.loaded && t.old != nil {
		rows, cols = t.old.rows, t.old.cols
	}
	if cols == nil {
		cols = tableCols(t.State.Cols)
	}
	cols = t.withWidths(pinnedCols(t.groupedCols(t.withExperiment(cols)), t.State.Pin))
	r := drawnRows(t.top, t.viewH, total)
	if !t.loaded && t.old == nil { // first load: a few skeleton rows
		r, total = rowRange{0, 8}, 8
	}
	width := t.leadWidth()
	for _, c := range cols {
		width += c.width
	}
	lefts, now := t.stickyLefts(cols), nowFunc()
	return app.Table().ID("runs-table").Class("runs runs-grid").OnClick(t.onRowToggle).
		Style("width", pixels(width)).
		Style("margin-top", pixels(r.first*rowHeight)).
		Style("margin-bottom", pixels((total-r.last)*rowHeight)).
		Aria("rowcount", total).Body(
		t.colGroup(cols),
		t.head(cols, lefts, now),
		app.TBody().Body(app.Range(make([]struct{}, r.len())).Slice(func(i int) app.UI {
			if row, ok := rows.row(r.first + i); ok && row.Group != nil {
				return t.groupRow(row.Group, cols, lefts)
			} else if ok {
				return t.row(row, cols, lefts, now)
			}
			return skeletonRow(len(cols) + t.extraCols())
		})),
	)
}

// Widths of the trash view's Restore column and of the check boxes.
const (
	restoreWidth = 90
	selectWidth  = 34
)

func (t *RunsTable) extraCols() int {
	n := 0
	if t.OnRestore != nil {
		n++
	}
	if t.OnSelect != nil {
		n++
	}
	return n
}

func (t *RunsTable) colGroup(cols []tableCol) app.UI {
	return app.ColGroup().Body(
		app.If(t.OnSelect != nil, app.Col().Style("width", pixels(selectWidth))),
		app.If(t.OnRestore != nil, app.Col().Style("width", pixels(restoreWidth))),
		app.Range(cols).Slice(func(i int) app.UI {
			return app.Col().Style("width", pixels(cols[i].width))
		}),
	)
}

func (t *RunsTable) head(cols []tableCol, lefts []int, now time.Time) app.UI {
	spans := groupSpans(cols)
	return app.THead().Body(
		app.Tr().Class("groups").Body(
			app.If(t.OnSelect != nil, app.Th()),
			app.If(t.OnRestore != nil, app.Th()),
			app.Range(spans).Slice(func(i int) app.UI {
				s := spans[i]
				cls := "group"
				if s.group == "attr" {
					cls = ""
				}
				return app.Th().ColSpan(s.n).Class(cls).Text(groupLabels[s.group])
			}),
		),
		app.Tr().Body(
			app.If(t.OnSelect != nil, app.Th().Class("select sticky").Style("left", "0").
				Aria("label", "Selected")),
			app.If(t.OnRestore != nil, app.Th().Class("sticky").
				Style("left", pixels(t.leadWidth()-restoreWidth)).Aria("label", "Actions")),
			app.Range(cols).Slice(func(i int) app.UI {
				return stick(t.header(cols[i]), lefts[i], i == lastSticky(lefts))
			}),
		),
		t.pinnedHeadRows(cols, lefts, now),
	)
}

func (t *RunsTable) header(c tableCol) app.HTMLTh {
	th := app.Th().Class("col-" + c.group).Title(c.label)
	if c.id == "" {
		return th.Body(app.Text(c.label), t.resizeHandle(c))
	}
	arrow, state := "", "none"
	if k, ok := parseSort(t.State.Sort); ok && k.col == c.id {
		arrow, state = " ▼", "descending"
		if k.asc {
			arrow, state = " ▲", "ascending"
		}
	} else if t.State.Sort == "" && c.id == "attributes.start_time" {
		arrow, state = " ▼", "descending" // the default order
	}
	var pin app.UI
	if c.group != "attr" {
		pin = t.pinButton(c)
	}
	return th.Aria("sort", state).DataSet("col", c.id).Body(
		app.Button().Class("sort").OnClick(t.onSort(c.id), c.id).Text(c.label+arrow),
		pin,
		t.resizeHandle(c),
	)
}

func (t *RunsTable) row(r runRow, cols []tableCol, lefts []int, now time.Time) app.HTMLTr {
	cls := "run-row"
	if t.State.Trash {
		cls += " deleted"
	}
	id := r.ID
	selected := slices.Contains(t.Selected, id)
	if selected {
		cls += " selected"
	}
	if id == t.current {
		cls += " current"
	}
	return app.Tr().Class(cls).DataSet("run-id", id).Aria("level", r.Depth+1).
		Aria("selected", selected).Aria("current", id == t.current).Body(
		app.If(t.OnSelect != nil, t.selectCell(r, selected)),
		app.If(t.OnRestore != nil, app.Td().Class("sticky").
			Style("left", pixels(t.leadWidth()-restoreWidth)).Body(
			app.Button().Class("link-button restore").
				Aria("label", "Restore run "+r.Name).Text("Restore").
				OnClick(func(ctx app.Context, e app.Event) { t.OnRestore(ctx, id) }, id))),
		stick(t.nameCell(r), lefts[0], lastSticky(lefts) == 0),
		app.Range(cols[1:]).Slice(func(i int) app.UI {
			return stick(t.cell(r, cols[i+1], now), lefts[i+1], lastSticky(lefts) == i+1)
		}),
	)
}

// cell draws one of a row's cells after the name.
func (t *RunsTable) cell(r runRow, c tableCol, now time.Time) app.HTMLTd {
	if c.value == experimentCol {
		return t.experimentCell(r)
	}
	return cell(r, c, now)
}

// selectCell is a run's check box.
func (t *RunsTable) selectCell(r runRow, selected bool) app.UI {
	id, name := r.ID, r.Name
	if name == "" {
		name = shortID(id)
	}
	return app.Td().Class("select sticky").Style("left", "0").Body(
		app.Input().Type("checkbox").Class("run-select").Checked(selected).
			Aria("label", "Select run "+name).
			OnChange(func(ctx app.Context, e app.Event) {
				if t.OnSelect != nil {
					t.OnSelect(ctx, id, ctx.JSSrc().Get("checked").Bool())
				}
			}, id),
	)
}

// nameCell is the run's link, indented by its depth in the tree, with a
// toggle when it has child runs.
func (t *RunsTable) nameCell(r runRow) app.HTMLTd {
	name := r.Name
	if name == "" {
		name = shortID(r.ID)
	}
	open := t.expanded[r.ID]
	var toggle app.UI = app.Span().Class("tree-pad")
	if r.Children > 0 {
		ico, verb := "chevron-right", "Show"
		if open {
			ico, verb = "chevron-down", "Hide"
		}
		toggle = app.Button().Class("tree-toggle").Aria("expanded", open).
			Aria("label", verb+" "+plural(r.Children, "child runs")+" of "+name).
			OnClick(t.onToggle(r.ID), r.ID).Body(icon(ico))
	}
	return app.Td().Class("name").Title(name).Body(
		app.Div().Class("name-cell").Style("padding-left", pixels(r.Depth*16)).Body(
			toggle,
			runSwatch(r.ID),
			app.A().Href(experimentPath(t.runExperiment(r), r.ID)).Text(name),
			app.If(r.Children > 0, app.Span().Class("child-count").
				Title(itoa(r.Children)+" child runs").Text(itoa(r.Children))),
			t.rowToggles(r.ID, name),
		),
	)
}

func skeletonRow(span int) app.UI {
	return app.Tr().Class("skeleton-row").Body(
		app.Td().ColSpan(span).Body(app.Div().Class("skeleton-bar")),
	)
}

func pixels(n int) string { return itoa(n) + "px" }
