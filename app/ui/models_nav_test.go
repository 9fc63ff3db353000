package ui

import "testing"

func TestModelPlaces(t *testing.T) {
	tests := []struct {
		path string
		want place
		back string // modelPath of the place
	}{
		{"/models", place{kind: "models"}, "/models"},
		{"/models/", place{kind: "models"}, "/models"},
		{"/models/churn", place{kind: "model", modelName: "churn"}, "/models/churn"},
		{"/models/sk%20learn", place{kind: "model", modelName: "sk learn"}, "/models/sk%20learn"},
		{"/models/churn/versions/3", place{kind: "version", modelName: "churn", version: "3"},
			"/models/churn/versions/3"},
		{"/models/churn/versions", place{kind: "notfound"}, ""},
	}
	for _, tt := range tests {
		got := parsePlace(tt.path)
		if got != tt.want {
			t.Errorf("parsePlace(%q) = %+v, want %+v", tt.path, got, tt.want)
			continue
		}
		if tt.back != "" {
			if p := modelPath(got.modelName, got.version); p != tt.back {
				t.Errorf("modelPath of %q = %q, want %q", tt.path, p, tt.back)
			}
		}
	}
}

func TestLegacyModelLinks(t *testing.T) {
	tests := []struct{ fragment, want string }{
		{"/models", "/models"},
		{"/models/churn", "/models/churn"},
		{"/models/churn/versions/2", "/models/churn/versions/2"},
		{"/experiments/1/runs/abc", "/experiments/1/runs/abc"},
		{"/models/churn/versions", ""},
	}
	for _, tt := range tests {
		if got := legacyTarget(tt.fragment); got != tt.want {
			t.Errorf("legacyTarget(%q) = %q, want %q", tt.fragment, got, tt.want)
		}
	}
}

func TestSourcePath(t *testing.T) {
	const run = "3ca5af5e493c40ae92cd2a37aca24b6e"
	tests := []struct {
		source, want string
		ok           bool
	}{
		{"runs:/" + run + "/model", "model", true},
		{"file:///Users/n/mlruns/1/" + run + "/artifacts/best_model", "best_model", true},
		{"mlflow-artifacts:/0/" + run + "/artifacts/sk/model/", "sk/model", true},
		{"file:///C:/Users/j/mlruns/0/" + run + "/artifacts/m", "m", true},
		{"models:/churn/1", "", false},
		{"file:///Users/n/mlruns/1/other/artifacts/model", "", false},
	}
	for _, tt := range tests {
		got, ok := sourcePath(tt.source, run)
		if got != tt.want || ok != tt.ok {
			t.Errorf("sourcePath(%q) = %q, %v; want %q, %v", tt.source, got, ok, tt.want, tt.ok)
		}
	}
}
