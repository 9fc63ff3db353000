package ui

import "testing"

func TestArtifactPlace(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		wantRun  string
		wantPath string
	}{
		{"file", "/experiments/1/runs/abc/artifacts/notes.txt", "abc", "notes.txt"},
		{"nested", "/experiments/1/runs/abc/artifacts/model/MLmodel", "abc", "model/MLmodel"},
		{"folder with a slash", "/experiments/1/runs/abc/artifacts/model/", "abc", "model"},
		{"escaped space", "/experiments/1/runs/abc/artifacts/my%20plots/a%23b.png", "abc",
			"my plots/a#b.png"},
		// mlflow ui's segment name.
		{"artifactPath", "/experiments/1/runs/abc/artifactPath/model", "abc", "model"},
		{"no artifact", "/experiments/1/runs/abc", "abc", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parsePlace(tt.path)
			if p.kind != "run" || p.runID != tt.wantRun || p.artifact != tt.wantPath {
				t.Errorf("parsePlace(%q) = %+v, want run %q artifact %q", tt.path, p,
					tt.wantRun, tt.wantPath)
			}
			if tt.wantPath == "" {
				return
			}
			back := parsePlace(artifactPagePath("1", tt.wantRun, tt.wantPath))
			if back.artifact != tt.wantPath {
				t.Errorf("artifactPagePath round trip of %q gives %q", tt.wantPath, back.artifact)
			}
		})
	}
	if got := legacyTarget("/experiments/1/runs/abc/artifactPath/m/MLmodel"); got !=
		"/experiments/1/runs/abc/artifacts/m/MLmodel" {
		t.Errorf("legacyTarget of an mlflow ui artifact link = %q", got)
	}
}
