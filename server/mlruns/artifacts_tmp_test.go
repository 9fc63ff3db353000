package mlruns

import (
	"os"
	"path/filepath"
	"testing"
)

// TestArtifactsSkipPartialFiles lists a run's artifacts beside the files
// a crash in WriteArtifact or PutArtifact leaves behind: those are not
// artifacts, but other hidden files are.
func TestArtifactsSkipPartialFiles(t *testing.T) {
	tests := []struct {
		name   string
		listed bool
	}{
		{"model.pkl", true},
		{".model.pkl.tmp-0123456789ab", false},    // WriteArtifact's temporary file
		{".model.pkl.upload-a1b2c3d4e5f6", false}, // PutArtifact's
		{".gitignore", true},
		{".tmp-0123456789ab", true},          // no name before the suffix
		{".notes.tmp-draft", true},           // not a random suffix
		{".notes.tmp-0123456789abc", true},   // one digit too many
		{"model.pkl.tmp-0123456789ab", true}, // not hidden
		{".A.tmp-0123456789AB", true},        // upper case: not ours
		{".log.tmp-0123456789ab.txt", true},  // suffix not at the end
		{".log.upload-ffffffffffff", false},
	}
	s, err := Open(filepath.Join(t.TempDir(), "mlruns"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.CreateRun(CreateRunRequest{ExperimentID: "0"})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(s.Root(), "0", r.Info.RunID, artifactsDir)
	for _, tt := range tests {
		write(t, filepath.Join(dir, tt.name), "x")
	}
	_, got, err := s.Artifacts(r.Info.RunID, "")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, fi := range got {
		listed[fi.Path] = true
	}
	for _, tt := range tests {
		if listed[tt.name] != tt.listed {
			t.Errorf("%q listed: %v, want %v", tt.name, listed[tt.name], tt.listed)
		}
	}
	if len(got) != len(listed) {
		t.Errorf("listing has duplicate paths: %v", got)
	}
}

// TestWriteArtifactLeavesNoPartialFile checks the listing after a real
// write: the artifact, and nothing written aside.
func TestWriteArtifactLeavesNoPartialFile(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "mlruns"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.CreateRun(CreateRunRequest{ExperimentID: "0"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteArtifact(r.Info.RunID, "model/MLmodel", []byte("flavors: {}\n")); err != nil {
		t.Fatal(err)
	}
	_, got, err := s.Artifacts(r.Info.RunID, "model")
	if err != nil || len(got) != 1 || got[0].Path != "model/MLmodel" {
		t.Errorf("listing of model/ = %v, %v; want model/MLmodel alone", got, err)
	}
	ents, _ := os.ReadDir(filepath.Join(s.Root(), "0", r.Info.RunID, artifactsDir, "model"))
	if len(ents) != 1 {
		t.Errorf("model/ holds %d files, want 1", len(ents))
	}
}
