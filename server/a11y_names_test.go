package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
)

// controlRoles are the roles of controls, which need a name.
var controlRoles = map[string]bool{"button": true, "link": true, "textbox": true,
	"searchbox": true, "checkbox": true, "combobox": true, "listbox": true, "menuitem": true,
	"tab": true, "radio": true, "switch": true, "slider": true, "spinbutton": true,
	"option": true, "region": true, "dialog": true}

// axString reads a string AX value.
func axString(v *accessibility.Value) string {
	if v == nil {
		return ""
	}
	var s string
	json.Unmarshal(v.Value, &s)
	return s
}

// unnamedControls walks the page's accessibility tree as Chromium computes
// it and describes each control, or focusable element, without a name.
func unnamedControls(t *testing.T, ctx context.Context) (faults []string, n int) {
	t.Helper()
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree,
		accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatalf("accessibility tree: %v", err)
	}
	for _, node := range tree.Nodes {
		if node.Ignored {
			continue
		}
		role := axString(node.Role)
		focusable := false
		for _, p := range node.Properties {
			if p.Name == accessibility.PropertyNameFocusable && string(p.Value.Value) == "true" {
				focusable = true
			}
		}
		if !controlRoles[role] && (!focusable || role == "RootWebArea") {
			continue
		}
		n++
		if strings.TrimSpace(axString(node.Name)) != "" {
			continue
		}
		what := role
		if node.BackendDOMNodeID != 0 {
			d, err := chromedp.Call(ctx, dom.DescribeNode,
				dom.DescribeNodeParams{BackendNodeID: node.BackendDOMNodeID})
			if err == nil && d.Node != nil {
				what += " <" + strings.ToLower(d.Node.NodeName) + " " +
					strings.Join(d.Node.Attributes, " ") + ">"
			}
		}
		faults = append(faults, what)
	}
	return faults, n
}

// TestAccessibleNamesUI checks that every control of the main pages and
// states (issue 11) has an accessible name: its text, label, aria-label
// or title, as Chromium's accessibility tree computes it.
func TestAccessibleNamesUI(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := newBrowser(t, 1360, 900, false)
	wine := "/experiments/" + wineExp
	states := []struct {
		name, path, ready string
		then              func() // opens a panel or dialog on the page
	}{
		{"home", "/", "#experiment-list", nil},
		{"runs table", wine + "?sel=" + foxRun + "," + owlRun + "&pinruns=" + owlRun,
			"#runs-table tr.pinned-run", nil},
		{"column chooser", wine, "#runs-table tbody tr.run-row", func() {
			step(t, ctx, "open the chooser", chromedp.Click(chromedp.CSS(
				".column-chooser > .button")))
			waitJS(t, ctx, "chooser open", `!!document.querySelector(".column-panel")`)
		}},
		{"grouped", wine + "?group=params.alpha", "#runs-table tr.group-row", nil},
		{"trash", wine + "?view=deleted", "#runs-table tbody tr.run-row", nil},
		{"charts", wine + "?tab=charts", "#runs-legend", nil},
		{"several experiments", "/compare-experiments?experiments=0," + wineExp,
			"#runs-table tbody tr.run-row", nil},
		{"run", wine + "/runs/" + owlRun, "#run-overview", nil},
		{"compare", "/compare-runs?runs=" + owlRun + "," + foxRun, "#compare-table", nil},
		{"models", "/models", "#models-list", nil},
		{"palette", wine, "#runs-table tbody tr.run-row", func() {
			typeKeys(t, ctx, "k", chromedp.KeyModifiers(chromedp.ModifierCtrl))
			waitKeyFocus(t, ctx, "palette-input")
		}},
		{"shortcuts", wine, "#runs-table tbody tr.run-row", func() {
			typeKeys(t, ctx, "?")
			waitKeyFocus(t, ctx, "shortcuts-close")
		}},
	}
	for _, s := range states {
		step(t, ctx, "open "+s.name, chromedp.Navigate(srv.URL+s.path))
		// The sidebar's list too: the server's page, before the app runs,
		// has neither.
		waitJS(t, ctx, s.name+" drawn", fmt.Sprintf(
			`!!document.querySelector(%q) && !!document.querySelector("#experiment-list a")`,
			s.ready))
		if s.then != nil {
			s.then()
		}
		faults, n := unnamedControls(t, ctx)
		if n < 5 {
			t.Errorf("%s: only %d controls found", s.name, n)
		}
		t.Logf("%s: %d controls", s.name, n)
		for _, f := range faults {
			t.Errorf("%s: no accessible name: %s", s.name, f)
		}
	}
}
