package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gopkg.in/yaml.v3"

	"mlscope/server/internal/browsertest"
)

// copyTestTree copies the test tree into a folder the test may change.
func copyTestTree(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "mlruns")
	if err := os.CopyFS(dst, os.DirFS(testTree)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// typeInto replaces the value of an input or textarea as typing would,
// firing the input event go-app listens to.
func typeInto(sel, text string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q;
		e.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`, sel, text)
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		return err
	})
}

// waitDisk polls until check passes on the tree, as the UI writes
// asynchronously.
func waitDisk(t *testing.T, what string, check func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); {
		if check() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("not on disk after 10 s: %s", what)
}

func metaValue(path, key string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var m map[string]any
	if yaml.Unmarshal(b, &m) != nil {
		return ""
	}
	s, _ := m[key].(string)
	return s
}

func fileIs(path, want string) func() bool {
	return func() bool {
		b, err := os.ReadFile(path)
		return err == nil && string(b) == want
	}
}

// TestEditInBrowser creates, describes, renames, tags, deletes and restores
// through the UI, checking the tree on disk after each step.
func TestEditInBrowser(t *testing.T) {
	needWASM(t)
	root := copyTestTree(t)
	srv := startServer(t, "--backend-store-uri", root)
	ctx := browsertest.New(t, 1360, 900)
	exp := filepath.Join(root, wineExp)
	run := filepath.Join(exp, owlRun)
	acceptConfirms := chromedp.Evaluate[bool](`window.confirm = () => true; true`)

	step(t, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
	wantText(t, ctx, "#runs-table", "gentle-owl-42")

	step(t, ctx, "describe the experiment", chromedp.Click(chromedp.CSS("#note-edit")),
		chromedp.WaitVisible(chromedp.CSS("#note-input")),
		typeInto("#note-input", "Tuned **elastic-net** runs"),
		chromedp.Click(chromedp.CSS("#note-save")))
	wantText(t, ctx, "#note", "Tuned elastic-net runs")
	if html, _ := chromedp.Run(ctx, chromedp.InnerHTML(chromedp.CSS("#note"))); !strings.Contains(html, "<strong>elastic-net</strong>") {
		t.Errorf("the description is not rendered as Markdown: %s", html)
	}
	waitDisk(t, "experiment description", fileIs(filepath.Join(exp, "tags", "mlflow.note.content"),
		"Tuned **elastic-net** runs"))

	step(t, ctx, "rename the experiment", chromedp.Click(chromedp.CSS("#rename")),
		chromedp.WaitVisible(chromedp.CSS("#rename-input")),
		typeInto("#rename-input", "wine-quality-v2"),
		chromedp.Click(chromedp.CSS("#rename-form button[type=submit]")))
	wantText(t, ctx, "#experiment-name", "wine-quality-v2")
	wantText(t, ctx, "#experiment-list", "wine-quality-v2")
	waitDisk(t, "experiment name", func() bool {
		return metaValue(filepath.Join(exp, "meta.yaml"), "name") == "wine-quality-v2"
	})

	step(t, ctx, "open the run", chromedp.Click(chromedp.CSS(`tr[data-run-id="`+owlRun+`"] td.name a`)))
	wantText(t, ctx, "#run-name", "gentle-owl-42")
	step(t, ctx, "describe the run", chromedp.Click(chromedp.CSS("#note-edit")),
		chromedp.WaitVisible(chromedp.CSS("#note-input")),
		typeInto("#note-input", "Best so far: *alpha* 0.5"),
		chromedp.Click(chromedp.CSS("#note-save")))
	wantText(t, ctx, "#note", "Best so far: alpha 0.5")
	if html, _ := chromedp.Run(ctx, chromedp.InnerHTML(chromedp.CSS("#note"))); !strings.Contains(html, "<em>alpha</em>") {
		t.Errorf("the run description is not rendered as Markdown: %s", html)
	}
	waitDisk(t, "run description", fileIs(filepath.Join(run, "tags", "mlflow.note.content"),
		"Best so far: *alpha* 0.5"))
	step(t, ctx, "tag the run",
		typeInto("#tag-key", "reviewed"),
		typeInto("#tag-value", "yes"),
		chromedp.Click(chromedp.CSS("#tag-form button[type=submit]")))
	wantText(t, ctx, "#tags-table", "reviewed")
	waitDisk(t, "run tag", fileIs(filepath.Join(run, "tags", "reviewed"), "yes"))
	step(t, ctx, "delete the tag", chromedp.Click(chromedp.CSS(`tr[data-tag="reviewed"] .danger`)))
	waitDisk(t, "tag removal", func() bool {
		_, err := os.Stat(filepath.Join(run, "tags", "reviewed"))
		return os.IsNotExist(err)
	})

	step(t, ctx, "rename the run", chromedp.Click(chromedp.CSS("#rename")),
		chromedp.WaitVisible(chromedp.CSS("#rename-input")),
		typeInto("#rename-input", "best-owl"),
		chromedp.Click(chromedp.CSS("#rename-form button[type=submit]")))
	wantText(t, ctx, "#run-name", "best-owl")
	waitDisk(t, "run name", func() bool {
		return metaValue(filepath.Join(run, "meta.yaml"), "run_name") == "best-owl"
	})
	if _, err := chromedp.Run(ctx, acceptConfirms); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "delete the run", chromedp.Click(chromedp.CSS("#delete-run")))
	wantText(t, ctx, "#run-overview", "deleted")
	waitDisk(t, "run deletion", func() bool {
		return metaValue(filepath.Join(run, "meta.yaml"), "lifecycle_stage") == "deleted"
	})

	step(t, ctx, "reload the experiment", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
	// The rows come once the app runs: a click on the page the server drew
	// before that would be lost.
	wantText(t, ctx, "#runs-table", "brave-fox-7")
	step(t, ctx, "open the trash", chromedp.Click(chromedp.CSS("#view-trash")))
	wantText(t, ctx, "#runs-table", "best-owl", "old-run-1")
	shoot(t, ctx, "trash-view.png")
	step(t, ctx, "restore the run",
		chromedp.Click(chromedp.CSS(`tr[data-run-id="`+owlRun+`"] button.restore`)))
	waitDisk(t, "run restore", func() bool {
		return metaValue(filepath.Join(run, "meta.yaml"), "lifecycle_stage") == "active"
	})

	step(t, ctx, "create an experiment", chromedp.Click(chromedp.CSS("#new-experiment")),
		chromedp.WaitVisible(chromedp.CSS("#new-experiment-name")),
		typeInto("#new-experiment-name", "made-in-the-ui"),
		chromedp.Click(chromedp.CSS("#new-experiment-dialog button[type=submit]")))
	wantText(t, ctx, "#experiment-name", "made-in-the-ui")
	wantText(t, ctx, "#experiment-list", "made-in-the-ui")
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	newID := loc[strings.LastIndex(loc, "/")+1:]
	waitDisk(t, "new experiment", func() bool {
		return metaValue(filepath.Join(root, newID, "meta.yaml"), "name") == "made-in-the-ui"
	})

	if _, err := chromedp.Run(ctx, acceptConfirms); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "delete the experiment", chromedp.Click(chromedp.CSS("#delete-experiment")))
	waitDisk(t, "experiment in .trash", func() bool {
		return metaValue(filepath.Join(root, ".trash", newID, "meta.yaml"), "lifecycle_stage") == "deleted"
	})
	step(t, ctx, "restore the experiment", chromedp.WaitVisible(chromedp.CSS("#restore-experiment")),
		chromedp.Click(chromedp.CSS("#restore-experiment")))
	waitDisk(t, "experiment restored", func() bool {
		return metaValue(filepath.Join(root, newID, "meta.yaml"), "lifecycle_stage") == "active"
	})
	checkNoStrayFiles(t, root)
}
