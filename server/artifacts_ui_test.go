package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// previewFiles are the generated artifacts of the preview tests, by path
// below the run's artifacts folder.
func previewFiles(t testing.TB) map[string][]byte {
	t.Helper()
	var log strings.Builder
	for i := 1; i <= 10_000; i++ {
		fmt.Fprintf(&log, "line %05d step=%d loss=%.5f\n", i, i*10, 1/float64(i))
	}
	var csv strings.Builder
	csv.WriteString("name,score,group\n")
	for i := range 20_000 {
		fmt.Fprintf(&csv, "row-%05d,%d,g%d\n", i, (i*7919)%10007, i%3)
	}
	big := make([]string, 40_000)
	for i := range big {
		big[i] = fmt.Sprintf(`{"i": %d, "tag": "item"}`, i)
	}
	return map[string][]byte{
		"logs/train.log": []byte(log.String()),
		"metrics.json": []byte(`{"accuracy": 0.93, "labels": ["cat", "dog"], ` +
			`"nested": {"deep": {"flag": true, "none": null}}}`),
		"big.json":    []byte("[" + strings.Join(big, ",") + "]"),
		"scores.csv":  []byte(csv.String()),
		"plot.png":    pngBytes(t, 40, 30),
		"diagram.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="50" height="20"><rect width="50" height="20" fill="teal"/></svg>`),
		"README.md":   []byte("# Results\n\nThe model is **better** than the baseline.\n\n- one\n- two\n"),
		"report.html": []byte(`<!doctype html><h1 id="h">Report</h1><script>document.title="ran"</script>`),
		"paper.pdf":   minimalPDF(),
		"tone.wav":    wavBytes(8000, 0.25),
		"clip.mp4":    []byte("not really a video"),
		"weights.bin": {0, 1, 2, 3},
	}
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 6), uint8(y * 8), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// wavBytes is a mono 16-bit PCM WAV file of a 440 Hz tone.
func wavBytes(rate int, seconds float64) []byte {
	n := int(float64(rate) * seconds)
	var b bytes.Buffer
	le := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	le(uint32(36 + 2*n))
	b.WriteString("WAVEfmt ")
	le(uint32(16))
	le(uint16(1)) // PCM
	le(uint16(1)) // mono
	le(uint32(rate))
	le(uint32(rate * 2))
	le(uint16(2))
	le(uint16(16))
	b.WriteString("data")
	le(uint32(2 * n))
	for i := range n {
		le(int16(8000 * math.Sin(2*math.Pi*440*float64(i)/float64(rate))))
	}
	return b.Bytes()
}

// minimalPDF is a one-page PDF with a correct cross-reference table.
func minimalPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// previewTree is the test tree with the generated artifacts in the
// artifacts folder of the run gentle-owl-42, and that folder's path.
func previewTree(t testing.TB) (tree, artifacts string) {
	t.Helper()
	tree = filepath.Join(t.TempDir(), "mlruns")
	if err := os.CopyFS(tree, os.DirFS(testTree)); err != nil {
		t.Fatal(err)
	}
	artifacts = filepath.Join(tree, wineExp, owlRun, "artifacts")
	for name, data := range previewFiles(t) {
		p := filepath.Join(artifacts, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return tree, artifacts
}

// previewEval runs a script in the page and decodes its result.
func previewEval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %.80q: %v", js, err)
	}
	return v
}

// openArtifact clicks an entry of the artifact tree.
func openArtifact(t testing.TB, ctx context.Context, p string) {
	t.Helper()
	sel := `button[data-path="` + p + `"]`
	step(t, ctx, "open "+p, chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

// TestArtifactPreviews drives Chromium through a run's artifacts, one
// generated file of each type, and checks that each is shown the way its
// type calls for, and that the URL follows the selection.
func TestArtifactPreviews(t *testing.T) {
	needWASM(t)
	tree, _ := previewTree(t)
	srv := startServer(t, "--backend-store-uri", tree)
	ctx := browsertest.New(t, 1360, 1000)
	runPage := srv.URL + "/experiments/" + wineExp + "/runs/" + owlRun
	step(t, ctx, "open the run", chromedp.Navigate(runPage))
	wantText(t, ctx, "#artifact-tree", "metrics.json", "scores.csv", "logs")

	t.Run("text", func(t *testing.T) {
		openArtifact(t, ctx, "logs")
		openArtifact(t, ctx, "logs/train.log")
		text := wantText(t, ctx, "#artifact-preview", "line 00001 step=10")
		if strings.Contains(text, "line 10000") {
			t.Errorf("the first page holds the last line: the log was read whole")
		}
		note := wantText(t, ctx, "#text-note", "Lines 1–", "read")
		gutter := previewEval[string](t, ctx, `document.querySelector(".text-page .gutter").textContent`)
		if !strings.HasPrefix(gutter, "1\n2\n3\n") {
			t.Errorf("line numbers start %.20q", gutter)
		}
		step(t, ctx, "load more", chromedp.Click(chromedp.CSS("#text-more")))
		waitJS(t, ctx, "a second page", `document.querySelectorAll(".text-page").length === 2`)
		if again := wantText(t, ctx, "#text-note", "Lines 1–"); again == note {
			t.Errorf("the note did not change after loading more: %q", note)
		}
		// The button goes with the last page, so it is clicked from the
		// page, where a click on a button just gone cannot wait for it.
		clickMore := `(() => { const b = document.querySelector("#text-more");
			if (b) b.click(); return !b; })()`
		for deadline := time.Now().Add(30 * time.Second); !previewEval[bool](t, ctx, clickMore); {
			if time.Now().After(deadline) {
				t.Fatal("#text-more is still there after 30 s of clicks")
			}
			time.Sleep(20 * time.Millisecond)
		}
		wantText(t, ctx, "#text-note", "All 10,000 lines")
		shoot(t, ctx, "preview-text.png")
		wantText(t, ctx, "#artifact-preview", "line 10000 step=100000")
		// Every page came in a range request of at most a page.
		sizes := previewEval[[]float64](t, ctx, `performance.getEntriesByType("resource")
			.filter((e) => e.name.includes("train.log")).map((e) => e.encodedBodySize)`)
		for _, s := range sizes {
			if s > 64<<10 {
				t.Errorf("a request for train.log carried %v bytes, more than a page", s)
			}
		}
		if loc := previewLocation(t, ctx); !strings.HasSuffix(loc, "/artifacts/logs/train.log") {
			t.Errorf("location after the click: %s", loc)
		}
	})

	t.Run("json", func(t *testing.T) {
		openArtifact(t, ctx, "metrics.json")
		tree := wantText(t, ctx, "#json-tree", `"accuracy"`, "0.93", `"cat"`, `"deep"`)
		if strings.Contains(tree, "\"flag\"") {
			t.Logf("the nested object opened at first: %q", tree)
		}
		n := previewEval[int](t, ctx, `document.querySelectorAll("#json-tree details").length`)
		if n < 3 {
			t.Errorf("%d foldable nodes, want the root, labels, nested and deep", n)
		}
		shoot(t, ctx, "preview-json.png")
		step(t, ctx, "fold the root", chromedp.Click(chromedp.CSS("#json-tree > details > summary")))
		waitJS(t, ctx, "the root folds", `!document.querySelector("#json-tree .json-children")`)

		openArtifact(t, ctx, "big.json")
		wantText(t, ctx, "#json-note", "The first 512.0 KB of", "marked …")
		wantText(t, ctx, "#json-tree", `"tag"`, "Show 100 more")
	})

	t.Run("csv", func(t *testing.T) {
		openArtifact(t, ctx, "scores.csv")
		wantText(t, ctx, "#csv-table", "name", "score", "row-00000")
		wantText(t, ctx, "#table-note", "The first 100 of", "more rows follow")
		scores := `[...document.querySelectorAll("#csv-table tbody tr")]
			.map((r) => +r.children[1].textContent)`
		step(t, ctx, "sort by score", chromedp.Click(chromedp.CSS(`#csv-table th button[data-col="1"]`)))
		waitJS(t, ctx, "ascending", `(() => { const s = `+scores+`;
			return s.length === 100 && s.every((v, i) => i === 0 || s[i-1] <= v) && s[0] === 0; })()`)
		step(t, ctx, "sort descending", chromedp.Click(chromedp.CSS(`#csv-table th button[data-col="1"]`)))
		waitJS(t, ctx, "descending", `(() => { const s = `+scores+`;
			return s.every((v, i) => i === 0 || s[i-1] >= v) && s[0] > s[99]; })()`)
		wantText(t, ctx, "#table-note", "sorted among the rows read")
		shoot(t, ctx, "preview-csv.png")
		step(t, ctx, "more rows", chromedp.Click(chromedp.CSS("#table-more")))
		waitJS(t, ctx, "200 rows", `document.querySelectorAll("#csv-table tbody tr").length === 200`)
	})

	t.Run("images", func(t *testing.T) {
		openArtifact(t, ctx, "plot.png")
		wantText(t, ctx, "#image-size", "40 × 30 px")
		cls := previewEval[string](t, ctx, `document.querySelector("#preview-image").className`)
		if cls != "img-fit" {
			t.Errorf("image class %q, want img-fit", cls)
		}
		step(t, ctx, "zoom", chromedp.Click(chromedp.CSS("#preview-image")))
		waitJS(t, ctx, "100 %", `document.querySelector("#preview-image").className === "img-actual"`)
		step(t, ctx, "fit", chromedp.Click(chromedp.CSS("#zoom-fit")))
		waitJS(t, ctx, "fit", `document.querySelector("#preview-image").className === "img-fit"`)
		shoot(t, ctx, "preview-image.png")
		openArtifact(t, ctx, "diagram.svg")
		wantText(t, ctx, "#image-size", "50 × 20 px")
	})

	t.Run("markdown", func(t *testing.T) {
		openArtifact(t, ctx, "README.md")
		wantText(t, ctx, "#markdown-preview", "Results", "better than the baseline")
		if !previewEval[bool](t, ctx, `!!document.querySelector("#markdown-preview strong")`) {
			t.Errorf("**better** is not rendered as <strong>")
		}
	})

	t.Run("html and pdf", func(t *testing.T) {
		openArtifact(t, ctx, "report.html")
		waitJS(t, ctx, "a frame", `!!document.querySelector("#html-preview")`)
		sandbox := previewEval[string](t, ctx,
			`document.querySelector("#html-preview").getAttribute("sandbox")`)
		src := previewEval[string](t, ctx, `document.querySelector("#html-preview").src`)
		if sandbox != "" || !strings.Contains(src, "inline=1") {
			t.Errorf("html frame: sandbox %q, src %q; want every restriction and the inline URL",
				sandbox, src)
		}
		checkInline(t, src, "text/html", true)
		shoot(t, ctx, "preview-html.png")

		openArtifact(t, ctx, "paper.pdf")
		waitJS(t, ctx, "a frame", `!!document.querySelector("#pdf-preview")`)
		checkInline(t, previewEval[string](t, ctx, `document.querySelector("#pdf-preview").src`),
			"application/pdf", false)
	})

	t.Run("audio and video", func(t *testing.T) {
		openArtifact(t, ctx, "tone.wav")
		waitJS(t, ctx, "the tone's length is known", `(() => {
			const a = document.querySelector("#audio-preview");
			return !!a && a.controls && Math.abs(a.duration - 0.25) < 0.01; })()`)
		openArtifact(t, ctx, "clip.mp4")
		waitJS(t, ctx, "a video player", `(() => {
			const v = document.querySelector("#video-preview");
			return !!v && v.controls && v.src.includes("clip.mp4"); })()`)
		// The bytes are no video: the player says so.
		wantText(t, ctx, "#media-error", "cannot play")
	})

	t.Run("others", func(t *testing.T) {
		openArtifact(t, ctx, "weights.bin")
		wantText(t, ctx, "#no-preview", "No preview")
		step(t, ctx, "as text", chromedp.Click(chromedp.CSS("#preview-as-text")))
		wantText(t, ctx, "#artifact-preview", "looks binary")
		href := previewEval[string](t, ctx, `document.querySelector("#download-file").href`)
		if !strings.Contains(href, "/get-artifact?") || !strings.Contains(href, "weights.bin") {
			t.Errorf("download link %q", href)
		}
	})

	t.Run("deep links", func(t *testing.T) {
		step(t, ctx, "open a file's URL", chromedp.Navigate(runPage+"/artifacts/logs/train.log"))
		wantText(t, ctx, "#artifact-preview", "line 00001 step=10")
		wantText(t, ctx, "#artifact-tree", "train.log")
		step(t, ctx, "open a model's URL", chromedp.Navigate(runPage+"/artifacts/model"))
		wantText(t, ctx, "#artifact-preview #model-signature", "fixed acidity")
		step(t, ctx, "open a missing file's URL", chromedp.Navigate(runPage+"/artifacts/nope.txt"))
		wantText(t, ctx, "#artifact-missing", "nope.txt")
		step(t, ctx, "open an mlflow ui link", chromedp.Navigate(srv.URL+"/#/experiments/"+
			wineExp+"/runs/"+owlRun+"/artifactPath/README.md"))
		wantText(t, ctx, "#markdown-preview", "better than the baseline")
		// Back and forward go through the files opened.
		openArtifact(t, ctx, "metrics.json")
		wantText(t, ctx, "#json-tree", `"accuracy"`)
		step(t, ctx, "back", chromedp.NavigateBack())
		wantText(t, ctx, "#markdown-preview", "better than the baseline")
		step(t, ctx, "forward", chromedp.NavigateForward())
		wantText(t, ctx, "#json-tree", `"accuracy"`)
	})
	shoot(t, ctx, "artifact-previews.png")
}

func previewLocation(t testing.TB, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// checkInline fetches an inline artifact URL and checks its type, that
// it is not a download, and whether it carries the sandbox policy.
func checkInline(t *testing.T, u, wantType string, sandboxed bool) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ct, cd, csp := resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"),
		resp.Header.Get("Content-Security-Policy")
	if resp.StatusCode != 200 || !strings.HasPrefix(ct, wantType) || !strings.HasPrefix(cd, "inline") ||
		strings.Contains(csp, "sandbox") != sandboxed {
		t.Errorf("GET %s: %d, type %q, disposition %q, policy %q; want %s inline, sandboxed %v",
			u, resp.StatusCode, ct, cd, csp, wantType, sandboxed)
	}
}

// TestArtifactPreviewsZip downloads artifact folders as zip files and
// checks their entries against the tree, and that bad paths are refused
// with MLflow's errors.
func TestArtifactPreviewsZip(t *testing.T) {
	tree, artifacts := previewTree(t)
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(artifacts, "escape")); err != nil {
		t.Fatal(err)
	}
	leak := filepath.Join(artifacts, "logs", "leak.txt")
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), leak); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, "--backend-store-uri", tree)
	files := previewFiles(t)

	tests := []struct {
		name, path string
		want       []string // entries, in order
	}{
		{"a folder", "logs", []string{"train.log"}},
		{"a nested folder", "model", []string{"MLmodel", "requirements.txt"}},
		{"everything", "", []string{"README.md", "big.json", "clip.mp4", "diagram.svg",
			"logs/train.log", "metrics.json", "model/MLmodel", "model/requirements.txt",
			"notes.txt", "paper.pdf", "plot.png", "report.html", "scores.csv", "tone.wav",
			"weights.bin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := url.Values{"run_id": {owlRun}}
			if tt.path != "" {
				q.Set("path", tt.path)
			}
			status, body := getRaw(t, srv, "/ajax-api/2.0/mlscope/artifacts/zip?"+q.Encode())
			if status != 200 {
				t.Fatalf("status %d: %s", status, body)
			}
			zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
			if err != nil {
				t.Fatalf("not a zip: %v", err)
			}
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
				want, ok := files[strings.TrimPrefix(tt.path+"/"+f.Name, "/")]
				if !ok {
					continue
				}
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(rc)
				rc.Close()
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s: %d bytes (%v), want %d", f.Name, len(got), err, len(want))
				}
			}
			if strings.Join(names, " ") != strings.Join(tt.want, " ") {
				t.Errorf("entries %q\nwant    %q", names, tt.want)
			}
		})
	}

	refusals := []struct {
		name, query string
		status      int
		code        string
	}{
		{"parent folder", "run_id=" + owlRun + "&path=../" + owlRun, 400, "INVALID_PARAMETER_VALUE"},
		{"absolute path", "run_id=" + owlRun + "&path=/etc", 400, "INVALID_PARAMETER_VALUE"},
		{"encoded separator", "run_id=" + owlRun + "&path=logs%252f..", 400, "INVALID_PARAMETER_VALUE"},
		{"symbolic link out", "run_id=" + owlRun + "&path=escape", 400, "INVALID_PARAMETER_VALUE"},
		{"a file", "run_id=" + owlRun + "&path=notes.txt", 404, "RESOURCE_DOES_NOT_EXIST"},
		{"missing folder", "run_id=" + owlRun + "&path=nothing", 404, "RESOURCE_DOES_NOT_EXIST"},
		{"no run id", "path=logs", 400, "INVALID_PARAMETER_VALUE"},
		{"unknown run", "run_id=0123456789abcdef0123456789abcdef", 404, "RESOURCE_DOES_NOT_EXIST"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			status, body := getRaw(t, srv, "/ajax-api/2.0/mlscope/artifacts/zip?"+tt.query)
			var e struct {
				Code string `json:"error_code"`
			}
			json.Unmarshal(body, &e)
			if status != tt.status || e.Code != tt.code {
				t.Errorf("?%s: %d %s, want %d %s (%s)", tt.query, status, e.Code, tt.status,
					tt.code, body)
			}
		})
	}
}
