package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// TestBulkActions downloads an experiment's runs table as CSV, then tags,
// deletes and restores both of its runs at once through the selection,
// checking the file and the tree on disk after each step.
func TestBulkActions(t *testing.T) {
	needWASM(t)
	root := copyTestTree(t)
	srv := startServer(t, "--backend-store-uri", root)
	ctx := browsertest.New(t, 1360, 900)
	exp := filepath.Join(root, wineExp)
	runs := []string{owlRun, foxRun}
	downloads := allowDownloads(t, ctx)

	step(t, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/"+wineExp+
		"?sort=metrics.rmse%20ASC&cols=params.alpha,metrics.rmse"))
	wantText(t, ctx, "#runs-table", "gentle-owl-42", "brave-fox-7")
	step(t, ctx, "download CSV", chromedp.Click(chromedp.CSS("#download-csv")))
	checkRunsCSV(t, waitCSV(t, downloads, 3))

	for _, id := range runs {
		selectRun(t, ctx, id)
	}
	wantText(t, ctx, "#bulk-tag", "Tag 2 runs")
	step(t, ctx, "tag both runs", chromedp.Click(chromedp.CSS("#bulk-tag")),
		chromedp.WaitVisible(chromedp.CSS("#bulk-tag-key")),
		typeInto("#bulk-tag-key", "reviewed"),
		typeInto("#bulk-tag-value", "yes"),
		chromedp.Click(chromedp.CSS("#bulk-tag-form button[type=submit]")))
	for _, id := range runs {
		waitDisk(t, "tag of "+id, fileIs(filepath.Join(exp, id, "tags", "reviewed"), "yes"))
	}
	wantText(t, ctx, "#bulk-delete", "Delete 2 runs") // tagging keeps the selection
	// The tags are on disk before the page has the answers.
	waitJS(t, ctx, "tagging done", `!document.querySelector("#bulk-delete").disabled`)

	confirms := chromedp.Evaluate[bool](
		`window.confirm = m => { window.lastConfirm = m; return true; }; true`)
	if _, err := chromedp.Run(ctx, confirms); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "delete both runs", chromedp.Click(chromedp.CSS("#bulk-delete")))
	for _, id := range runs {
		waitDisk(t, "deletion of "+id, stageIs(filepath.Join(exp, id), "deleted"))
	}
	asked, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`window.lastConfirm || ""`))
	if !strings.Contains(asked, "Delete 2 runs") {
		t.Errorf("the confirmation asked %q, want it to name 2 runs", asked)
	}
	wantText(t, ctx, "#runs-empty", "no runs")
	waitJS(t, ctx, "selection cleared", `!location.search.includes("sel=")`)

	step(t, ctx, "open the trash", chromedp.Click(chromedp.CSS("#view-trash")))
	wantText(t, ctx, "#runs-table", "gentle-owl-42", "brave-fox-7")
	for _, id := range runs {
		selectRun(t, ctx, id)
	}
	wantText(t, ctx, "#bulk-restore", "Restore 2 runs")
	step(t, ctx, "restore both runs", chromedp.Click(chromedp.CSS("#bulk-restore")))
	for _, id := range runs {
		waitDisk(t, "restore of "+id, stageIs(filepath.Join(exp, id), "active"))
	}
	waitJS(t, ctx, "restored runs leave the trash",
		`!document.querySelector("#runs-scroll").innerText.includes("gentle-owl-42")`)
	checkNoStrayFiles(t, root)
}

// allowDownloads has the browser save downloads into a new folder, named
// by their download ids, and returns the folder.
func allowDownloads(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior,
		browser.SetDownloadBehaviorParams{
			Behavior:     browser.SetDownloadBehaviorBehaviorAllowAndName,
			DownloadPath: dir,
		})
	if err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	return dir
}

// waitCSV waits for a file in dir that reads as CSV of n records and
// returns them.
func waitCSV(t *testing.T, dir string, n int) [][]string {
	t.Helper()
	var last string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			if strings.HasSuffix(f, ".crdownload") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			last = string(b)
			recs, err := csv.NewReader(strings.NewReader(last)).ReadAll()
			if err == nil && len(recs) == n {
				return recs
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no CSV of %d records downloaded after 10 s; last file:\n%s", n, last)
	return nil
}

// checkRunsCSV checks the download of wine-quality sorted by rmse, with
// the columns params.alpha and metrics.rmse.
func checkRunsCSV(t *testing.T, recs [][]string) {
	t.Helper()
	header := []string{"Run name", "Created", "Duration", "Status", "User", "Source",
		"metrics.rmse", "params.alpha"}
	if !slices.Equal(recs[0], header) {
		t.Errorf("CSV header %q, want %q", recs[0], header)
	}
	owl := []string{"gentle-owl-42", "2024-12-03T18:25:00.000Z", "1 min 12 s", "FINISHED",
		"alice", "train.py", "0.7071", "0.5"}
	if !slices.Equal(recs[1], owl) {
		t.Errorf("CSV row 1 %q, want %q", recs[1], owl)
	}
	fox := recs[2]
	if len(fox) != len(header) || fox[0] != "brave-fox-7" || fox[3] != "FAILED" ||
		fox[6] != "0.93" || fox[7] != "0.9" {
		t.Errorf("CSV row 2 %q, want brave-fox-7, FAILED, rmse 0.93, alpha 0.9", fox)
	}
}

func stageIs(runDir, stage string) func() bool {
	return func() bool {
		return metaValue(filepath.Join(runDir, "meta.yaml"), "lifecycle_stage") == stage
	}
}
