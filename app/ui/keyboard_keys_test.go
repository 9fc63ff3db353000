package ui

import "testing"

func TestResolveKey(t *testing.T) {
	table := pageFacts{Table: true}
	home := pageFacts{Home: true}
	tests := []struct {
		name string
		key  keyPress
		page pageFacts
		want command
	}{
		{"ctrl k opens the palette", keyPress{Key: "k", Mod: true}, pageFacts{}, cmdPalette},
		{"ctrl k while typing", keyPress{Key: "k", Mod: true, Typing: true}, table, cmdPalette},
		// Caps lock, or Shift held: the palette still opens.
		{"ctrl K", keyPress{Key: "K", Mod: true, Shift: true}, table, cmdPalette},
		{"ctrl k closes it", keyPress{Key: "k", Mod: true, Typing: true},
			pageFacts{Palette: true}, cmdPalette},
		{"ctrl alt k is not ours", keyPress{Key: "k", Mod: true, Alt: true}, table, cmdNone},

		{"j in the table", keyPress{Key: "j"}, table, cmdNextRow},
		{"k in the table", keyPress{Key: "k"}, table, cmdPrevRow},
		{"down arrow in the table", keyPress{Key: "ArrowDown"}, table, cmdNextRow},
		{"up arrow in the table", keyPress{Key: "ArrowUp"}, table, cmdPrevRow},
		{"enter opens the run", keyPress{Key: "Enter"}, table, cmdOpenRow},
		{"enter on a button is the button's", keyPress{Key: "Enter", OnControl: true}, table,
			cmdNone},
		{"x selects", keyPress{Key: "x"}, table, cmdSelectRow},
		{"space selects", keyPress{Key: " "}, table, cmdSelectRow},
		{"space on a button is the button's", keyPress{Key: " ", OnControl: true}, table,
			cmdNone},
		{"c compares", keyPress{Key: "c"}, table, cmdCompare},
		// The Charts tab: no table, but the compare link is still there.
		{"c without the table", keyPress{Key: "c"}, pageFacts{}, cmdCompare},
		{"x without the table", keyPress{Key: "x"}, pageFacts{}, cmdNone},
		{"shift j is nothing", keyPress{Key: "J", Shift: true}, table, cmdNone},
		{"ctrl c is the browser's", keyPress{Key: "c", Mod: true}, table, cmdNone},

		{"j in the sidebar", keyPress{Key: "j", InList: true}, table, cmdNextItem},
		{"up arrow in the sidebar", keyPress{Key: "ArrowUp", InList: true}, table, cmdPrevItem},
		{"j without the table", keyPress{Key: "j"}, pageFacts{}, cmdNextItem},
		{"arrow on the home page", keyPress{Key: "ArrowDown"}, home, cmdNextItem},
		// A run page: the arrows scroll it.
		{"arrow on another page", keyPress{Key: "ArrowDown"}, pageFacts{}, cmdNone},
		{"enter in the sidebar is the link's", keyPress{Key: "Enter", InList: true,
			OnControl: true}, table, cmdNone},

		{"slash focuses the search", keyPress{Key: "/"}, table, cmdSearch},
		{"question mark lists the shortcuts", keyPress{Key: "?", Shift: true}, home, cmdHelp},
		{"escape goes up", keyPress{Key: "Escape"}, table, cmdUp},
		{"escape leaves a popup alone", keyPress{Key: "Escape"}, pageFacts{Popup: true}, cmdNone},

		{"typing j", keyPress{Key: "j", Typing: true}, table, cmdNone},
		{"typing a slash", keyPress{Key: "/", Typing: true}, table, cmdNone},
		{"escape leaves the field", keyPress{Key: "Escape", Typing: true}, table, cmdBlur},

		{"escape closes the palette", keyPress{Key: "Escape"}, pageFacts{Palette: true}, cmdClose},
		{"tab stays in the dialog", keyPress{Key: "Tab", Shift: true}, pageFacts{Help: true},
			cmdTrap},
		{"question mark closes the list", keyPress{Key: "?"}, pageFacts{Help: true}, cmdHelp},
		{"j behind the dialog", keyPress{Key: "j"}, pageFacts{Help: true, Table: true}, cmdNone},
	}
	for _, tt := range tests {
		if got := resolveKey(tt.key, tt.page); got != tt.want {
			t.Errorf("%s: resolveKey(%+v, %+v) = %d, want %d", tt.name, tt.key, tt.page, got,
				tt.want)
		}
	}
}

func TestUpPath(t *testing.T) {
	tests := []struct {
		path string
		want string // "" for none
	}{
		{"/", ""},
		{"/experiments/7", "/"},
		{"/experiments/7/runs/abc", "/experiments/7"},
		{"/experiments/7/runs/abc/artifacts/model/MLmodel", "/experiments/7/runs/abc"},
		{"/models", "/"},
		{"/models/churn", "/models"},
		{"/models/churn/versions/3", "/models/churn"},
		{"/compare-runs", ""}, // the breadcrumbs say where
		{"/nowhere/at/all", "/"},
	}
	for _, tt := range tests {
		got, ok := upPath(parsePlace(tt.path))
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("upPath(%q) = %q, %v; want %q", tt.path, got, ok, tt.want)
		}
	}
}

func TestTypingTarget(t *testing.T) {
	tests := []struct {
		tag, typ string
		editable bool
		want     bool
	}{
		{"INPUT", "text", false, true},
		{"INPUT", "search", false, true},
		{"INPUT", "", false, true},
		{"INPUT", "checkbox", false, false},
		{"INPUT", "radio", false, false},
		{"TEXTAREA", "textarea", false, true},
		{"SELECT", "select-one", false, true},
		{"BUTTON", "submit", false, false},
		{"A", "", false, false},
		{"DIV", "", true, true}, // contenteditable
		{"BODY", "", false, false},
	}
	for _, tt := range tests {
		if got := typingTarget(tt.tag, tt.typ, tt.editable); got != tt.want {
			t.Errorf("typingTarget(%q, %q, %v) = %v, want %v", tt.tag, tt.typ, tt.editable,
				got, tt.want)
		}
	}
}

func TestListStep(t *testing.T) {
	tests := []struct {
		name                string
		at, selected, by, n int
		want                int
	}{
		{"down from the focused", 2, 0, 1, 5, 3},
		{"up from the focused", 2, 0, -1, 5, 1},
		{"stays at the end", 4, 0, 1, 5, 4},
		{"stays at the start", 0, 3, -1, 5, 0},
		{"first press: the experiment on screen", -1, 3, 1, 5, 3},
		{"first press down: the first", -1, -1, 1, 5, 0},
		{"first press up: the last", -1, -1, -1, 5, 4},
	}
	for _, tt := range tests {
		if got := listStep(tt.at, tt.selected, tt.by, tt.n); got != tt.want {
			t.Errorf("%s: listStep(%d, %d, %d, %d) = %d, want %d", tt.name, tt.at,
				tt.selected, tt.by, tt.n, got, tt.want)
		}
	}
}

func TestRevealTop(t *testing.T) {
	tests := []struct {
		name             string
		top, height, row int
		want             int
	}{
		{"in view", 0, 320, 3, 0},
		{"last whole row", 0, 320, 9, 0},
		{"below: scroll down just enough", 0, 320, 10, 32},
		{"far below", 0, 320, 100, 3232 - 320},
		{"above: scroll up to it", 640, 320, 5, 160},
		{"partly hidden at the top", 650, 320, 20, 640},
	}
	for _, tt := range tests {
		if got := revealTop(tt.top, tt.height, tt.row); got != tt.want {
			t.Errorf("%s: revealTop(%d, %d, %d) = %d, want %d", tt.name, tt.top, tt.height,
				tt.row, got, tt.want)
		}
	}
}
