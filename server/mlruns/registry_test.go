package mlruns

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

// registryTree copies the test tree and the registry overlay into a
// temporary folder the test may damage.
func registryTree(t *testing.T) string {
	t.Helper()
	root := copyTree(t)
	if err := os.CopyFS(filepath.Join(root, registryDir), os.DirFS("../testdata/registry/models")); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestRegisteredModels(t *testing.T) {
	s, log := openLogged(t, registryTree(t))
	models := s.RegisteredModels()
	if len(models) != 2 || models[0].Name != "wine-champion" || models[1].Name != "wine-elasticnet" {
		t.Fatalf("models %+v", models)
	}
	m := models[1]
	if m.Description != "Elastic net on the wine quality data" || m.CreationTimestamp != 1733250380000 ||
		m.LastUpdatedTimestamp != 1733250520000 {
		t.Errorf("model fields %+v", m)
	}
	if len(m.Tags) != 1 || m.Tags[0] != (mlflow.Tag{Key: "task", Value: "regression"}) {
		t.Errorf("tags %+v", m.Tags)
	}
	if len(m.Aliases) != 1 || m.Aliases[0] != (mlflow.RegisteredModelAlias{Alias: "champion", Version: "1"}) {
		t.Errorf("aliases %+v", m.Aliases)
	}
	// Latest per stage, in stage order; the deleted version 3 is hidden.
	var latest []string
	for _, v := range m.LatestVersions {
		latest = append(latest, v.CurrentStage+":"+v.Version)
	}
	if strings.Join(latest, ",") != "None:2,Production:1" {
		t.Errorf("latest versions %v", latest)
	}
	if log.Len() > 0 {
		t.Errorf("warnings on a sound registry:\n%s", log)
	}
}

func TestModelVersion(t *testing.T) {
	s, _ := openLogged(t, registryTree(t))
	tests := []struct {
		name, version string
		wantCode      string
		check         func(*ModelVersion) bool
	}{
		{"wine-elasticnet", "1", "", func(v *ModelVersion) bool {
			return v.CurrentStage == "Production" && v.RunID == owlRun && v.Status == "READY" &&
				len(v.Aliases) == 1 && v.Aliases[0] == "champion" &&
				len(v.Tags) == 1 && v.Tags[0].Key == "validated" &&
				strings.HasSuffix(v.StorageLocation, owlRun+"/artifacts/model")
		}},
		{"wine-elasticnet", "2", "", func(v *ModelVersion) bool {
			return v.CurrentStage == "None" && len(v.Aliases) == 0 && v.RunID == foxRun
		}},
		{"wine-elasticnet", "3", mlflow.CodeResourceDoesNotExist, nil}, // deleted
		{"wine-elasticnet", "9", mlflow.CodeResourceDoesNotExist, nil},
		{"wine-elasticnet", "one", mlflow.CodeInvalidParameterValue, nil},
		{"nope", "1", mlflow.CodeResourceDoesNotExist, nil},
		{"..", "1", mlflow.CodeResourceDoesNotExist, nil},
		{"a/b", "1", mlflow.CodeInvalidParameterValue, nil},
		{"50%", "1", mlflow.CodeInvalidParameterValue, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.version, func(t *testing.T) {
			v, err := s.ModelVersion(tt.name, tt.version)
			if tt.wantCode != "" {
				if me, ok := err.(*mlflow.Error); !ok || me.Code != tt.wantCode {
					t.Fatalf("error %v, want %s", err, tt.wantCode)
				}
				return
			}
			if err != nil || !tt.check(v) {
				t.Fatalf("got %+v, %v", v, err)
			}
		})
	}
	if n := len(s.ModelVersions()); n != 3 {
		t.Errorf("%d visible versions in all, want 3", n)
	}
}

func TestModelVersionFiles(t *testing.T) {
	s, _ := openLogged(t, registryTree(t))
	tests := []struct {
		name, version string
		wantDir       string // suffix; "" when the files are not here
	}{
		// The recorded file: URI is from another machine; the run's own
		// artifacts folder in the tree is found instead.
		{"wine-elasticnet", "1", filepath.Join(owlRun, "artifacts", "model")},
		{"wine-elasticnet", "2", ""},
		// models:/wine-elasticnet/1, followed.
		{"wine-champion", "1", filepath.Join(owlRun, "artifacts", "model")},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.version, func(t *testing.T) {
			ar, err := s.ModelVersionFiles(tt.name, tt.version)
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantDir == "" && (ar.Dir != "" || ar.Note == "") ||
				tt.wantDir != "" && !strings.HasSuffix(ar.Dir, tt.wantDir) {
				t.Errorf("files %+v, want dir ending %q", ar, tt.wantDir)
			}
			if ar.URI == "" {
				t.Errorf("no download URI")
			}
		})
	}
}

func TestOpenModelVersionArtifact(t *testing.T) {
	root := registryTree(t)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	write(t, secret, "do not serve")
	link := filepath.Join(root, wineExp, owlRun, "artifacts", "model", "leak.txt")
	symlinks := os.Symlink(secret, link) == nil
	s, _ := openLogged(t, root)
	tests := []struct {
		name, version, path string
		want                string // content prefix, or an error code
	}{
		{"wine-elasticnet", "1", "MLmodel", "artifact_path: model"},
		{"wine-champion", "1", "requirements.txt", "mlflow"},
		{"wine-elasticnet", "1", "../notes.txt", mlflow.CodeInvalidParameterValue},
		{"wine-elasticnet", "1", "/etc/passwd", mlflow.CodeInvalidParameterValue},
		{"wine-elasticnet", "1", "nope.txt", mlflow.CodeResourceDoesNotExist},
		{"wine-elasticnet", "1", "", mlflow.CodeResourceDoesNotExist},
		{"wine-elasticnet", "2", "MLmodel", mlflow.CodeResourceDoesNotExist},
		{"wine-elasticnet", "3", "MLmodel", mlflow.CodeResourceDoesNotExist},
	}
	if symlinks {
		tests = append(tests, struct{ name, version, path, want string }{
			"wine-elasticnet", "1", "leak.txt", mlflow.CodeInvalidParameterValue})
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.version+"/"+tt.path, func(t *testing.T) {
			f, _, err := s.OpenModelVersionArtifact(tt.name, tt.version, tt.path)
			if strings.ToUpper(tt.want) == tt.want {
				if me, ok := err.(*mlflow.Error); !ok || me.Code != tt.want {
					if f != nil {
						f.Close()
					}
					t.Fatalf("error %v, want %s", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			if !strings.HasPrefix(string(b), tt.want) {
				t.Errorf("content %.60q, want prefix %q", b, tt.want)
			}
		})
	}
}

// TestDamagedRegistry damages one file at a time: it is skipped with a
// warning naming it, and the rest of the registry is still served.
func TestDamagedRegistry(t *testing.T) {
	tests := []struct {
		name       string
		damage     func(t *testing.T, root string) string
		wantModels int
		wantVers   int
	}{
		{"empty model meta.yaml", func(t *testing.T, root string) string {
			p := filepath.Join(root, registryDir, "wine-champion", metaFile)
			write(t, p, "")
			return p
		}, 1, 2},
		{"model folder without meta.yaml", func(t *testing.T, root string) string {
			p := filepath.Join(root, registryDir, ".ipynb_checkpoints")
			write(t, filepath.Join(p, "x"), "x")
			return p
		}, 2, 3},
		{"meta naming another model", func(t *testing.T, root string) string {
			p := filepath.Join(root, registryDir, "wine-champion", metaFile)
			write(t, p, "creation_timestamp: 1\nname: other\n")
			return p
		}, 1, 2},
		{"truncated version meta.yaml", func(t *testing.T, root string) string {
			p := filepath.Join(root, registryDir, "wine-elasticnet", "version-2", metaFile)
			write(t, p, "aliases: []\nname: 'wine")
			return p
		}, 2, 2},
		{"version folder without meta.yaml", func(t *testing.T, root string) string {
			p := filepath.Join(root, registryDir, "wine-elasticnet", "version-7", metaFile)
			write(t, filepath.Join(filepath.Dir(p), "tags", "x"), "x")
			return p
		}, 2, 3},
		{"version numbered unlike its folder", func(t *testing.T, root string) string {
			p := filepath.Join(root, registryDir, "wine-elasticnet", "version-2", metaFile)
			b, _ := os.ReadFile(p)
			write(t, p, strings.Replace(string(b), "version: 2", "version: 5", 1))
			return p
		}, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := registryTree(t)
			named := tt.damage(t, root)
			s, log := openLogged(t, root)
			if n := len(s.RegisteredModels()); n != tt.wantModels {
				t.Errorf("%d models, want %d", n, tt.wantModels)
			}
			if n := len(s.ModelVersions()); n != tt.wantVers {
				t.Errorf("%d versions, want %d", n, tt.wantVers)
			}
			if !strings.Contains(log.String(), named) {
				t.Errorf("log does not name %s:\n%s", named, log)
			}
			before := log.Len()
			s.RegisteredModels()
			if log.Len() != before {
				t.Errorf("warnings repeated on a second read:\n%s", log)
			}
		})
	}
}

func TestNoRegistry(t *testing.T) {
	s, log := openLogged(t, copyTree(t))
	if m := s.RegisteredModels(); len(m) != 0 {
		t.Errorf("models in a tree without a registry: %+v", m)
	}
	if _, err := s.RegisteredModel("x"); err == nil {
		t.Errorf("RegisteredModel found a model in a tree without a registry")
	}
	if log.Len() > 0 {
		t.Errorf("a missing models folder is not damage:\n%s", log)
	}
}
