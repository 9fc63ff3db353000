package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

// Tests of the mlflow-artifacts API, the proxy that mlflow server's
// --serve-artifacts puts in front of --artifacts-destination, against the
// real server.

const proxyBase = "/api/2.0/mlflow-artifacts/artifacts"

// proxyServer starts a server on a new tree with its own artifacts
// destination, which it returns with the server and the tree's path.
func proxyServer(t *testing.T, args ...string) (srv *testServer, root, dest string) {
	t.Helper()
	dir := t.TempDir()
	root = filepath.Join(dir, "mlruns")
	dest = filepath.Join(dir, "mlartifacts")
	args = append([]string{"--backend-store-uri", root, "--artifacts-destination", dest}, args...)
	return startServer(t, args...), root, dest
}

// proxyPut uploads body to the artifact at rel and fails unless the server
// answers 200 with an empty JSON object, as MLflow does.
func proxyPut(t *testing.T, srv *testServer, rel string, body []byte) {
	t.Helper()
	resp, b := rawGet(t, "PUT", srv.URL+proxyBase+"/"+rel, bytes.NewReader(body),
		"Content-Type", "application/octet-stream")
	if resp.StatusCode != 200 || strings.TrimSpace(string(b)) != "{}" {
		t.Fatalf("PUT %s: %d %.200q, want 200 {}", rel, resp.StatusCode, b)
	}
}

// TestProxiedArtifactRoundTrip uploads files, downloads them whole and in
// ranges, lists their folders and deletes them.
func TestProxiedArtifactRoundTrip(t *testing.T) {
	srv, _, dest := proxyServer(t)
	run := "1/0123456789abcdef0123456789abcdef/artifacts"
	text := []byte("0123456789abcdefghij")
	proxyPut(t, srv, run+"/notes.bin", text)
	proxyPut(t, srv, run+"/model/MLmodel", []byte("flavors: {}\n"))
	proxyPut(t, srv, run+"/model/data/weights.bin", []byte{0, 1, 2})

	onDisk := filepath.Join(dest, filepath.FromSlash(run), "notes.bin")
	if b, err := os.ReadFile(onDisk); !bytes.Equal(b, text) {
		t.Errorf("on disk: %q, %v; want %q", b, err, text)
	}
	resp, b := rawGet(t, "GET", srv.URL+proxyBase+"/"+run+"/notes.bin", nil)
	if resp.StatusCode != 200 || !bytes.Equal(b, text) ||
		resp.Header.Get("Content-Disposition") != "attachment; filename=notes.bin" ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET notes.bin: %d %q %v; want 200 %q as an attachment",
			resp.StatusCode, b, resp.Header, text)
	}

	t.Run("ranges", func(t *testing.T) { checkProxyRanges(t, srv, run+"/notes.bin") })
	t.Run("lists", func(t *testing.T) { checkProxyLists(t, srv, run) })

	for _, rel := range []string{run + "/notes.bin", run + "/model"} {
		resp, b := rawGet(t, "DELETE", srv.URL+proxyBase+"/"+rel, nil)
		if resp.StatusCode != 200 || strings.TrimSpace(string(b)) != "{}" {
			t.Errorf("DELETE %s: %d %q, want 200 {}", rel, resp.StatusCode, b)
		}
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(rel))); !os.IsNotExist(err) {
			t.Errorf("%s is still on disk after DELETE (%v)", rel, err)
		}
	}
	resp, b = rawGet(t, "GET", srv.URL+proxyBase+"/"+run+"/notes.bin", nil)
	if resp.StatusCode != 404 || errorCode(b) != "RESOURCE_DOES_NOT_EXIST" {
		t.Errorf("GET after DELETE: %d %q, want 404 RESOURCE_DOES_NOT_EXIST", resp.StatusCode, b)
	}
	var list struct{ Files []mlflow.FileInfo }
	if st := srv.call(t, "GET", proxyBase+"?path="+run, nil, &list); st != 200 || len(list.Files) != 0 {
		t.Errorf("list after DELETE: %d %+v, want 200 and no files", st, list.Files)
	}
}

// checkProxyRanges downloads parts of the artifact at rel, whose content
// is "0123456789abcdefghij".
func checkProxyRanges(t *testing.T, srv *testServer, rel string) {
	tests := []struct {
		name, rng string
		status    int
		want      string
		contRange string
	}{
		{"head", "bytes=0-4", 206, "01234", "bytes 0-4/20"},
		{"middle", "bytes=10-15", 206, "abcdef", "bytes 10-15/20"},
		{"open end", "bytes=17-", 206, "hij", "bytes 17-19/20"},
		{"suffix", "bytes=-2", 206, "ij", "bytes 18-19/20"},
		{"end past the size", "bytes=15-99", 206, "fghij", "bytes 15-19/20"},
		{"past the end", "bytes=20-", 416, "", "bytes */20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := rawGet(t, "GET", srv.URL+proxyBase+"/"+rel, nil, "Range", tt.rng)
			got := string(b)
			if tt.status != 206 {
				got = "" // the body of a refusal is the server's business
			}
			if resp.StatusCode != tt.status || got != tt.want ||
				resp.Header.Get("Content-Range") != tt.contRange {
				t.Errorf("Range %s: %d %q %q; want %d %q %q", tt.rng, resp.StatusCode, got,
					resp.Header.Get("Content-Range"), tt.status, tt.want, tt.contRange)
			}
		})
	}
}

// checkProxyLists lists folders of the run artifacts uploaded by
// TestProxiedArtifactRoundTrip: entries carry base names, unlike
// artifacts/list, whose paths start at the run's artifact root.
func checkProxyLists(t *testing.T, srv *testServer, run string) {
	size := func(n int64) *int64 { return &n }
	tests := []struct {
		name, prefix, path string
		want               []mlflow.FileInfo
	}{
		{"run root", "/api/2.0", run, []mlflow.FileInfo{
			{Path: "model", IsDir: true}, {Path: "notes.bin", FileSize: size(20)}}},
		{"subfolder", "/api/2.0", run + "/model", []mlflow.FileInfo{
			{Path: "MLmodel", FileSize: size(12)}, {Path: "data", IsDir: true}}},
		{"nested subfolder", "/ajax-api/2.0", run + "/model/data", []mlflow.FileInfo{
			{Path: "weights.bin", FileSize: size(3)}}},
		{"destination root", "/api/2.0", "", []mlflow.FileInfo{{Path: "1", IsDir: true}}},
		{"missing folder", "/api/2.0", run + "/nothing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.prefix + "/mlflow-artifacts/artifacts"
			if tt.path != "" {
				u += "?path=" + tt.path
			}
			var got struct {
				Files []mlflow.FileInfo `json:"files"`
			}
			if status := srv.call(t, "GET", u, nil, &got); status != 200 {
				t.Fatalf("GET %s: %d", u, status)
			}
			if g, w := asJSON(got.Files), asJSON(tt.want); g != w {
				t.Errorf("GET %s: files %s, want %s", u, g, w)
			}
		})
	}
}

// TestProxiedMultipart checks the multipart-upload endpoints, which answer
// 501 NOT_IMPLEMENTED as MLflow does for a local destination; clients then
// upload in one PUT.
func TestProxiedMultipart(t *testing.T) {
	srv, _, _ := proxyServer(t)
	rel := "1/0123456789abcdef0123456789abcdef/artifacts/model.bin"
	tests := []struct {
		name, prefix, op string
		body             map[string]any
	}{
		{"create", "/api/2.0", "create", map[string]any{"path": rel, "num_parts": 3}},
		{"complete", "/api/2.0", "complete", map[string]any{"path": rel, "upload_id": "u",
			"parts": []map[string]any{{"part_number": 1, "etag": "e"}}}},
		{"abort", "/api/2.0", "abort", map[string]any{"path": rel, "upload_id": "u"}},
		{"create under ajax-api", "/ajax-api/2.0", "create", map[string]any{"path": rel, "num_parts": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.prefix + "/mlflow-artifacts/mpu/" + tt.op + "/" + rel
			var resp struct {
				Code    string `json:"error_code"`
				Message string `json:"message"`
			}
			status := srv.call(t, "POST", u, tt.body, &resp)
			if status != 501 || resp.Code != "NOT_IMPLEMENTED" ||
				!strings.Contains(resp.Message, "Multipart upload is not supported") {
				t.Errorf("POST %s: %d %s %q; want 501 NOT_IMPLEMENTED", u, status, resp.Code, resp.Message)
			}
		})
	}
}

// largeUpload is the size of the streamed upload: larger than any buffer
// the server should use, small enough for a test.
const largeUpload = 64 << 20

// TestProxiedLargeArtifact uploads 64 MiB generated on the fly and
// downloads it through a hash, so that neither side of the test holds the
// file; the server, which runs in this process, must not either.
func TestProxiedLargeArtifact(t *testing.T) {
	srv, _, dest := proxyServer(t)
	rel := "1/0123456789abcdef0123456789abcdef/artifacts/big/model.bin"
	var seed [32]byte
	sent := sha256.New()
	body := io.TeeReader(io.LimitReader(rand.NewChaCha8(seed), largeUpload), sent)

	// The server reads its static files once it serves; an answer shows
	// that this allocation is over before the count starts.
	if resp, b := rawGet(t, "GET", srv.URL+"/health", nil); resp.StatusCode != 200 {
		t.Fatalf("GET /health: %d %q", resp.StatusCode, b)
	}
	before := totalAlloc()
	req, err := http.NewRequest("PUT", srv.URL+proxyBase+"/"+rel, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = largeUpload
	resp, b := send(t, req)
	if resp.StatusCode != 200 {
		t.Fatalf("PUT of %d bytes: %d %.200q", largeUpload, resp.StatusCode, b)
	}
	fi, err := os.Stat(filepath.Join(dest, filepath.FromSlash(rel)))
	if err != nil || fi.Size() != largeUpload {
		t.Fatalf("stored file: %v, %v; want %d bytes", fi, err, largeUpload)
	}

	resp, err = http.Get(srv.URL + proxyBase + "/" + rel)
	if err != nil {
		t.Fatal(err)
	}
	got := sha256.New()
	n, err := io.Copy(got, resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || n != largeUpload ||
		resp.ContentLength != largeUpload {
		t.Fatalf("GET: %d, %d bytes (Content-Length %d), %v; want 200 and %d bytes",
			resp.StatusCode, n, resp.ContentLength, err, largeUpload)
	}
	if !bytes.Equal(got.Sum(nil), sent.Sum(nil)) {
		t.Errorf("downloaded bytes differ from the uploaded ones")
	}
	// A range far into the file, checked against the same stream again.
	const off = largeUpload - 5<<20
	want := make([]byte, 16)
	regen := rand.NewChaCha8(seed)
	if _, err := io.CopyN(io.Discard, regen, off); err != nil {
		t.Fatal(err)
	}
	io.ReadFull(regen, want)
	resp, part := rawGet(t, "GET", srv.URL+proxyBase+"/"+rel, nil,
		"Range", fmt.Sprintf("bytes=%d-%d", off, off+15))
	if resp.StatusCode != 206 || !bytes.Equal(part, want) {
		t.Errorf("GET of 16 bytes at %d: %d %x, want 206 %x", off, resp.StatusCode, part, want)
	}
	// Both transfers together allocate a small part of the file's size
	// when they stream; holding the file once would allocate all of it.
	alloc := totalAlloc() - before
	t.Logf("allocated %d KiB while moving %d MiB twice", alloc>>10, largeUpload>>20)
	if alloc > largeUpload/4 {
		t.Errorf("the upload and download allocated %d MiB for a %d MiB file",
			alloc>>20, largeUpload>>20)
	}
}

// asJSON shows a value as JSON, to compare it and print it.
func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// totalAlloc returns the bytes allocated by this process so far.
func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// TestServeArtifactsModes checks what --serve-artifacts changes: the
// artifact locations of the Default experiment, of new experiments and of
// their runs, and whether the mlflow-artifacts API answers.
func TestServeArtifactsModes(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		local   bool // artifact locations are local, the API is off
		fileURI bool // written as file: URIs rather than plain paths
	}{
		{"serving by default", nil, false, false},
		{"--serve-artifacts", []string{"--serve-artifacts"}, false, false},
		{"--no-serve-artifacts", []string{"--no-serve-artifacts"}, true, false},
		{"--no-serve-artifacts, a file: URI", []string{"--no-serve-artifacts"}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, root, _ := proxyServer(t, tt.args...)
			if tt.fileURI {
				dir := t.TempDir()
				root = filepath.Join(dir, "mlruns")
				srv = startServer(t, append([]string{"--backend-store-uri", "file://" + root,
					"--artifacts-destination", filepath.Join(dir, "mlartifacts")}, tt.args...)...)
			}
			plain := tt.local && !tt.fileURI
			f := &writeFixture{srv: srv, root: root}
			exp := f.createExperiment(t, "modes")
			checkArtifactLocation(t, srv, "0", root, tt.local, plain)
			checkArtifactLocation(t, srv, exp, root, tt.local, plain)
			for _, e := range []string{"0", exp} {
				run := f.createRun(t, e)
				var got struct {
					Run mlflow.Run `json:"run"`
				}
				srv.call(t, "GET", "/api/2.0/mlflow/runs/get?run_id="+run, nil, &got)
				wantLocation(t, "run "+run, got.Run.Info.ArtifactURI,
					e+"/"+run+"/artifacts", root, tt.local, plain)
			}
			checkProxyEnabled(t, srv, !tt.local)
		})
	}
}

// checkArtifactLocation checks an experiment's artifact location.
func checkArtifactLocation(t *testing.T, srv *testServer, exp, root string, local, plain bool) {
	t.Helper()
	var got struct {
		Experiment mlflow.Experiment `json:"experiment"`
	}
	u := "/api/2.0/mlflow/experiments/get?experiment_id=" + exp
	if st := srv.call(t, "GET", u, nil, &got); st != 200 {
		t.Fatalf("get experiment %s: %d", exp, st)
	}
	wantLocation(t, "experiment "+exp, got.Experiment.ArtifactLocation, exp, root, local, plain)
}

// wantLocation checks that an artifact location is mlflow-artifacts:/rel
// or, when local, the folder rel of the tree at root, written as a file:
// URI or, when plain, as a plain absolute path (mlflow server writes
// either, as its --backend-store-uri was given).
func wantLocation(t *testing.T, what, got, rel, root string, local, plain bool) {
	t.Helper()
	if !local {
		if want := "mlflow-artifacts:/" + rel; got != want {
			t.Errorf("%s: artifact location %q, want %q", what, got, want)
		}
		return
	}
	want := filepath.ToSlash(filepath.Join(root, filepath.FromSlash(rel)))
	if !plain {
		want = "file://" + want
	}
	if got != want {
		t.Errorf("%s: artifact location %q, want %q", what, got, want)
	}
}

// checkProxyEnabled calls each mlflow-artifacts endpoint: with artifact
// serving off, each answers 503 in plain text as MLflow does; with it on,
// none does.
func checkProxyEnabled(t *testing.T, srv *testServer, on bool) {
	t.Helper()
	rel := "0/0123456789abcdef0123456789abcdef/artifacts/a.txt"
	routes := []struct {
		method, path string
		body         string
	}{
		{"PUT", proxyBase + "/" + rel, "data"},
		{"GET", proxyBase + "/" + rel, ""},
		{"GET", proxyBase + "?path=0", ""},
		{"DELETE", proxyBase + "/" + rel, ""},
		{"POST", "/api/2.0/mlflow-artifacts/mpu/create/" + rel, `{"path": "a.txt"}`},
		{"GET", "/ajax-api/2.0/mlflow-artifacts/artifacts?path=0", ""},
	}
	for _, r := range routes {
		resp, b := rawGet(t, r.method, srv.URL+r.path, strings.NewReader(r.body),
			"Content-Type", "application/json")
		off := resp.StatusCode == 503 &&
			strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") &&
			strings.Contains(string(b), "--no-serve-artifacts")
		if on && resp.StatusCode == 503 || !on && !off {
			t.Errorf("%s %s with serving %v: %d %q %.200q", r.method, r.path, on,
				resp.StatusCode, resp.Header.Get("Content-Type"), b)
		}
	}
}
