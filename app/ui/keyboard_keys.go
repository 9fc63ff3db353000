package ui

// The app's keyboard shortcuts (issue 11) as pure decisions: which
// command a key press means, given where the focus is and what the page
// shows. keyboard.go reads these facts from the page and acts.

// keyPress is a keydown event as the shortcuts see it.
type keyPress struct {
	Key    string // the event's key: "j", "ArrowDown", "Escape", "?"
	Mod    bool   // Ctrl or Cmd (Meta) is held
	Alt    bool
	Shift  bool
	Typing bool // the focus is in a text field, a text area or a select
	// OnControl is true when the focus is on a link, button or form
	// field, which act on Enter themselves.
	OnControl bool
	InList    bool // the focus is on a link of the sidebar's experiment list
}

// pageFacts is what the page shows when a key is pressed.
type pageFacts struct {
	Palette bool // the command palette is open
	Help    bool // the shortcut list is open
	Popup   bool // another dialog or panel is open, which handles Escape itself
	Table   bool // the runs table is on screen
	Home    bool // the home page, where the sidebar is the only list
}

// command is what a key press asks for.
type command int

const (
	cmdNone      command = iota
	cmdPalette           // open or close the command palette
	cmdHelp              // open or close the shortcut list
	cmdClose             // close the palette or the shortcut list
	cmdTrap              // keep the focus inside the open dialog (Tab)
	cmdBlur              // leave the text field
	cmdUp                // go up one level
	cmdNextRow           // the next run of the table
	cmdPrevRow           // the previous run
	cmdOpenRow           // open the current run
	cmdSelectRow         // select or unselect the current run
	cmdNextItem          // the next experiment of the sidebar
	cmdPrevItem          // the previous experiment
	cmdSearch            // focus the search box
	cmdCompare           // compare the selected runs
)

// resolveKey decides what a key press does. cmdNone leaves the key to
// the browser and to the focused element.
func resolveKey(k keyPress, p pageFacts) command {
	if k.Mod && !k.Alt && (k.Key == "k" || k.Key == "K") {
		return cmdPalette // anywhere, even while typing
	}
	if p.Palette || p.Help {
		return dialogKey(k, p)
	}
	if k.Typing {
		if k.Key == "Escape" {
			return cmdBlur
		}
		return cmdNone
	}
	if k.Mod || k.Alt {
		return cmdNone // the browser's and the system's shortcuts
	}
	switch k.Key {
	case "?":
		return cmdHelp
	case "/":
		return cmdSearch
	case "Escape":
		if p.Popup {
			return cmdNone
		}
		return cmdUp
	}
	if k.Shift {
		return cmdNone
	}
	return moveKey(k, p)
}

// dialogKey is a key pressed while the palette or the shortcut list is
// open: the palette's own input takes its keys before this is asked.
func dialogKey(k keyPress, p pageFacts) command {
	switch {
	case k.Key == "Escape":
		return cmdClose
	case k.Key == "Tab":
		return cmdTrap
	case p.Help && !k.Mod && !k.Alt && k.Key == "?":
		return cmdHelp
	}
	return cmdNone
}

// moveKey handles the keys of lists and of the runs table. The arrows
// move through a list only where they would not scroll a page: in the
// runs table, in the sidebar's list and on the home page.
func moveKey(k keyPress, p pageFacts) command {
	arrow := k.Key == "ArrowDown" || k.Key == "ArrowUp"
	down := k.Key == "j" || k.Key == "ArrowDown"
	up := k.Key == "k" || k.Key == "ArrowUp"
	switch {
	case (down || up) && (k.InList || !p.Table):
		if arrow && !k.InList && !p.Home {
			return cmdNone
		}
		if down {
			return cmdNextItem
		}
		return cmdPrevItem
	case down:
		return cmdNextRow
	case up:
		return cmdPrevRow
	case k.Key == "c":
		return cmdCompare // the selection's link is there on both tabs
	case !p.Table || k.InList:
		return cmdNone
	case k.Key == "Enter" && !k.OnControl:
		return cmdOpenRow
	case k.Key == "x" || (k.Key == " " && !k.OnControl):
		return cmdSelectRow
	}
	return cmdNone
}

// upPath is the page one level above p: a run's page from one of its
// artifacts, the experiment from a run, the list of models from a model.
// ok is false on the home page, and for the compare view, whose parent
// is the experiment of its runs, which the URL does not say.
func upPath(p place) (path string, ok bool) {
	switch p.kind {
	case "run":
		if p.artifact != "" {
			return experimentPath(p.experimentID, p.runID), true
		}
		return experimentPath(p.experimentID, ""), true
	case "experiment", "models", "notfound":
		return homePath(), true
	case "model":
		return modelPath("", ""), true
	case "version":
		return modelPath(p.modelName, ""), true
	}
	return "", false
}
