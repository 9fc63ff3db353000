package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestArtifactPathTraversal sends paths that try to leave the artifact
// folders to every artifact route, and checks that nothing outside is
// read, listed, written or deleted. Paths go into the URL as written, so
// "%2e%2e" reaches the server encoded once.
func TestArtifactPathTraversal(t *testing.T) {
	f := newWriteFixture(t)
	dir := filepath.Dir(f.root)
	dest := filepath.Join(dir, "mlartifacts")
	outside := filepath.Join(dir, "outside")
	secret := filepath.Join(dir, "secret.txt")
	mustWrite(t, secret, "TOP SECRET")
	mustWrite(t, filepath.Join(outside, "secret.txt"), "TOP SECRET")

	runArts := f.exp + "/" + f.run + "/artifacts"
	put := f.srv.newRequest(t, "PUT", "/api/2.0/mlflow-artifacts/artifacts/"+runArts+"/ok.txt", nil)
	put.Body = http.NoBody
	if resp, b := send(t, put); resp.StatusCode != 200 {
		t.Fatalf("upload ok.txt: %d %s", resp.StatusCode, b)
	}
	// A symbolic link inside each artifact folder points outside; made
	// again before each request, since writing or deleting "link" itself
	// acts, rightly, on the link.
	links := []string{filepath.Join(dest, "link"),
		filepath.Join(dest, filepath.FromSlash(runArts), "link")}
	relink := func(t *testing.T) {
		for _, l := range links {
			os.RemoveAll(l)
			if err := os.Symlink(outside, l); err != nil {
				t.Skipf("cannot make symbolic links here: %v", err)
			}
		}
	}

	proxied := "/api/2.0/mlflow-artifacts/artifacts/"
	routes := []struct {
		name, method, url string // P stands for the path
		listing           bool   // answers 200 with a (filtered) listing
	}{
		{"get-artifact", "GET", "/get-artifact?run_id=" + f.run + "&path=P", false},
		{"artifacts/list", "GET", "/api/2.0/mlflow/artifacts/list?run_id=" + f.run + "&path=P", true},
		{"ajax artifacts/list", "GET", "/ajax-api/2.0/mlflow/artifacts/list?run_id=" + f.run + "&path=P", true},
		{"mlflow-artifacts list", "GET", proxied[:len(proxied)-1] + "?path=P", true},
		{"mlflow-artifacts get", "GET", proxied + "P", false},
		{"mlflow-artifacts get in the run", "GET", proxied + runArts + "/P", false},
		{"mlflow-artifacts put", "PUT", proxied + "P", false},
		{"mlflow-artifacts put in the run", "PUT", proxied + runArts + "/P", false},
		{"mlflow-artifacts delete", "DELETE", proxied + "P", false},
		{"ajax mlflow-artifacts delete", "DELETE", "/ajax-api/2.0/mlflow-artifacts/artifacts/P", false},
	}
	paths := []struct {
		name, p string
		isLink  bool // names the link itself: a write or delete may replace it
	}{
		{"dot-dot", "../secret.txt", false},
		{"deep dot-dot", "../../../../secret.txt", false},
		{"dot-dot after a folder", "a/../../../../../secret.txt", false},
		{"absolute", secret, false},
		{"encoded dots", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt", false},
		{"encoded slashes", "..%2f..%2f..%2f..%2fsecret.txt", false},
		// arrives as a literal "%2e%2e", which MLflow refuses too
		{"encoded twice", "%252e%252e/secret.txt", false},
		{"backslashes", "..%5c..%5c..%5c..%5csecret.txt", false},
		{"NUL byte", "ok.txt%00/../../secret.txt", false},
		{"symbolic link to a file", "link/secret.txt", false},
		{"symbolic link folder", "link", true},
	}
	for _, rt := range routes {
		for _, pt := range paths {
			t.Run(rt.name+"/"+pt.name, func(t *testing.T) {
				relink(t)
				url := strings.Replace(rt.url, "P", pt.p, 1)
				req, err := http.NewRequest(rt.method, f.srv.URL+url, strings.NewReader("pwned"))
				if err != nil {
					t.Fatal(err)
				}
				resp, b := send(t, req)
				if strings.Contains(string(b), "TOP SECRET") {
					t.Fatalf("%s %s leaked the secret: %s", rt.method, url, b)
				}
				linkItself := pt.isLink && rt.method != "GET"
				if resp.StatusCode == 200 && !linkItself && !(rt.listing && listsNoSecret(t, b)) {
					t.Errorf("%s %s: 200 %.300s", rt.method, url, b)
				}
				// A refusal is MLflow's: 400 INVALID_PARAMETER_VALUE "Invalid
				// path: ...", also for a literal "/../" in the URL path.
				if resp.StatusCode == http.StatusTemporaryRedirect {
					t.Errorf("%s %s: 307 to %s, want MLflow's 400", rt.method, url,
						resp.Header.Get("Location"))
				}
				if resp.StatusCode == 400 {
					var me struct {
						Code    string `json:"error_code"`
						Message string `json:"message"`
					}
					if json.Unmarshal(b, &me) != nil || me.Code != "INVALID_PARAMETER_VALUE" ||
						!strings.HasPrefix(me.Message, "Invalid path: ") {
						t.Errorf("%s %s: 400 %.300s, want MLflow's Invalid path", rt.method, url, b)
					}
				}
				if resp.StatusCode >= 500 {
					t.Errorf("%s %s: %d %.300s, want a 4xx refusal", rt.method, url, resp.StatusCode, b)
				}
			})
		}
	}
	for _, p := range []string{secret, filepath.Join(outside, "secret.txt")} {
		if b, err := os.ReadFile(p); err != nil || string(b) != "TOP SECRET" {
			t.Errorf("%s was changed or removed: %q, %v", p, b, err)
		}
	}
	for _, d := range []string{dir, outside} {
		ents, _ := os.ReadDir(d)
		for _, e := range ents {
			if !slices.Contains([]string{"mlruns", "mlartifacts", "outside", "secret.txt"}, e.Name()) {
				t.Errorf("a request wrote %s outside the artifact folders", filepath.Join(d, e.Name()))
			}
		}
	}
	if ents, err := os.ReadDir(outside); err != nil || len(ents) != 1 {
		t.Errorf("the folder behind the links changed: %v, %v", ents, err)
	}
}

// listsNoSecret reports whether an artifact listing holds nothing from
// outside the artifact folders.
func listsNoSecret(t *testing.T, b []byte) bool {
	t.Helper()
	var l struct {
		Files []struct{ Path string } `json:"files"`
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return false
	}
	for _, f := range l.Files {
		if strings.Contains(f.Path, "secret") {
			return false
		}
	}
	return true
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
