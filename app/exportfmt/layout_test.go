package exportfmt

import (
	"net/url"
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"rmse", "rmse"},
		{"train/loss", "train~2Floss"},
		{"a b%c", "a~20b~25c"},
		{"..", "~2E."},
		{".hidden", "~2Ehidden"},
		{"model.pkl", "model.pkl"},
		{"", "~"},
		{"é", "~C3~A9"},
		{"Loss", "~4Coss"},
	}
	for _, tt := range tests {
		got := Name(tt.in)
		if got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// A static server unescapes the URL path: the name must survive.
		if u, err := url.PathUnescape(got); err != nil || u != got {
			t.Errorf("Name(%q) = %q does not survive URL unescaping (%q, %v)", tt.in, got, u, err)
		}
	}
}

func TestPaths(t *testing.T) {
	tests := []struct{ got, want string }{
		{RunsPagePath("12", 3), "data/runs/12/page-3.json"},
		{HistoryPath("r1", "train/loss"), "data/history/r1/train~2Floss.json"},
		{HistoryChunkPath("r1", "loss", 2), "data/history/r1/loss/2.json"},
		{ArtifactListPath("r1", ""), "data/artifacts/r1/list-~.json"},
		{ArtifactListPath("r1", "model/"), "data/artifacts/r1/list-model.json"},
		{ArtifactListPath("r1", "a/b"), "data/artifacts/r1/list-a~2Fb.json"},
		{ArtifactFilePath("r1", "model/MLmodel"), "data/artifacts/r1/files/model/~4D~4Cmodel"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestPageDir(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"experiments/1/runs/ab", "experiments/1/runs/ab", true},
		{"/models/My Model/versions/3", "models/My Model/versions/3", true},
		{"models/a?b#c", "models/a?b#c", true},
		{"models/..", "", false},
		{"models/./x", "", false},
		{"models//x", "", false},
		{"models/index.html", "", false},
		{"models/a\\b", "", false},
		{"models/a\nb", "", false},
	}
	for _, tt := range tests {
		got, ok := PageDir(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("PageDir(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzName checks that distinct inputs get distinct, safe names.
func FuzzName(f *testing.F) {
	for _, s := range []string{"a", "a/b", "..", "~41", "A"} {
		f.Add(s, s+"x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		na, nb := Name(a), Name(b)
		if a != b && strings.EqualFold(na, nb) {
			t.Fatalf("Name(%q) = %q and Name(%q) = %q differ in case only", a, na, b, nb)
		}
		for i := 0; i < len(na); i++ {
			c := na[i]
			if c == '/' || c == '%' || c == '\\' || c < 0x21 || c > 0x7e {
				t.Fatalf("Name(%q) = %q holds %q", a, na, c)
			}
		}
		if na == "." || na == ".." {
			t.Fatalf("Name(%q) = %q", a, na)
		}
	})
}

// The JSON copy of an MLmodel file is found from the file's own path.
func TestMLmodelJSONOf(t *testing.T) {
	tests := []struct {
		run, p string
	}{
		{"0a9b8c7d6e5f40312a3b4c5d6e7f8091", "model/MLmodel"},
		{"6c1f0d2b9e8a4f5d8c7b6a5e4d3c2b1a", "MLmodel"},
		{"6c1f0d2b9e8a4f5d8c7b6a5e4d3c2b1a", "a dir/Sub/MLmodel"},
	}
	for _, tt := range tests {
		got, ok := MLmodelJSONOf(ArtifactFilePath(tt.run, tt.p))
		if want := MLmodelJSONPath(tt.run, tt.p); !ok || got != want {
			t.Errorf("%s %s: %q, %v; want %q", tt.run, tt.p, got, ok, want)
		}
	}
	if got, ok := MLmodelJSONOf(VersionFilePath("Wine", "1", "MLmodel")); !ok ||
		got != "data/registry/versions/~57ine/1/mlmodel-json/~4D~4Cmodel.json" {
		t.Errorf("a version's MLmodel: %q, %v", got, ok)
	}
	if got, ok := MLmodelJSONOf(VersionFilePath("files", "files", "files/MLmodel")); !ok ||
		got != "data/registry/versions/files/files/mlmodel-json/files/~4D~4Cmodel.json" {
		t.Errorf("a version named files's MLmodel: %q, %v", got, ok)
	}
	if got, ok := MLmodelJSONOf(LoggedModelFilePath("m-1", "MLmodel")); !ok ||
		got != "data/logged-models/m-1/mlmodel-json/~4D~4Cmodel.json" {
		t.Errorf("a logged model's MLmodel: %q, %v", got, ok)
	}
	for _, p := range []string{"", "data/runs/x.json", "data/artifacts/r/list-.json",
		"data/artifacts/r/files/", "data/registry/versions/m/files/MLmodel",
		"data/artifacts/a/b/files/MLmodel", "data/other/r/files/MLmodel"} {
		if got, ok := MLmodelJSONOf(p); ok {
			t.Errorf("%q: %q, want not a file's path", p, got)
		}
	}
}

// FuzzMLmodelJSONOf checks that every model file's copy finds its JSON
// copy, and that what it answers stays below data/ as a JSON file.
func FuzzMLmodelJSONOf(f *testing.F) {
	for _, s := range []string{"MLmodel", "model/MLmodel", "files/MLmodel", "a/../b"} {
		f.Add("r1", s)
	}
	f.Fuzz(func(t *testing.T, owner, p string) {
		for _, file := range []string{ArtifactFilePath(owner, p), VersionFilePath(owner, owner, p),
			LoggedModelFilePath(owner, p)} {
			js, ok := MLmodelJSONOf(file)
			if !ok || !strings.HasSuffix(js, ".json") || !strings.Contains(js, "/mlmodel-json/") {
				t.Fatalf("MLmodelJSONOf(%q) = %q, %v", file, js, ok)
			}
		}
		if js, ok := MLmodelJSONOf(owner + "/" + p); ok && (!strings.HasPrefix(js, "data/") ||
			strings.Contains(js, "/../")) {
			t.Fatalf("MLmodelJSONOf(%q) = %q", owner+"/"+p, js)
		}
	})
}
