package storefmt

import (
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

// Shaped as MLflow 2.13's file registry writes them (compare
// neeraj2681__basic_ml_project/mlruns/models in the shared fixtures).
const (
	modelMeta = `aliases: {}
creation_timestamp: 1749970770620
description: null
last_updated_timestamp: 1749975816874
name: CustomerChurnModel
`
	versionMeta = `aliases: []
creation_timestamp: 1749975816874
current_stage: None
description: null
last_updated_timestamp: 1749975816874
name: CustomerChurnModel
run_id: 3ca5af5e493c40ae92cd2a37aca24b6e
run_link: null
source: file:///Users/n/p/mlruns/1/3ca5af5e493c40ae92cd2a37aca24b6e/artifacts/best_model
status: READY
status_message: null
storage_location: file:///Users/n/p/mlruns/1/3ca5af5e493c40ae92cd2a37aca24b6e/artifacts/best_model
user_id: null
version: 3
`
)

func TestParseRegisteredModel(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    mlflow.RegisteredModel
		wantErr string
	}{
		{"2.13", modelMeta, mlflow.RegisteredModel{Name: "CustomerChurnModel",
			CreationTimestamp: 1749970770620, LastUpdatedTimestamp: 1749975816874}, ""},
		{"with description", "aliases: {}\ncreation_timestamp: 1\ndescription: '- add xxx'\n" +
			"last_updated_timestamp: 2\nname: m\n",
			mlflow.RegisteredModel{Name: "m", CreationTimestamp: 1, LastUpdatedTimestamp: 2,
				Description: "- add xxx"}, ""},
		// A name PyYAML would read as a number is quoted by it; yaml.v3
		// keeps the text either way.
		{"numeric name", "creation_timestamp: 1\nname: '2024'\n",
			mlflow.RegisteredModel{Name: "2024", CreationTimestamp: 1}, ""},
		{"no name", "creation_timestamp: 1\n", mlflow.RegisteredModel{}, "no name"},
		{"empty", "", mlflow.RegisteredModel{}, "empty"},
		{"broken", "name: [m\n", mlflow.RegisteredModel{}, "invalid yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRegisteredModel([]byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.Name != tt.want.Name || got.Description != tt.want.Description ||
				got.CreationTimestamp != tt.want.CreationTimestamp ||
				got.LastUpdatedTimestamp != tt.want.LastUpdatedTimestamp {
				t.Fatalf("ParseRegisteredModel(%q) = %+v, %v; want %+v", tt.yaml, got, err, tt.want)
			}
		})
	}
}

func TestParseModelVersion(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		check   func(*VersionMeta) bool
		wantErr string
	}{
		{"2.13", versionMeta, func(m *VersionMeta) bool {
			v := m.Version
			return m.Number == 3 && v.Version == "3" && v.Name == "CustomerChurnModel" &&
				v.CurrentStage == "None" && v.Status == "READY" && v.Description == "" &&
				v.RunID == "3ca5af5e493c40ae92cd2a37aca24b6e" && v.LastUpdatedTimestamp == 1749975816874 &&
				strings.HasSuffix(m.StorageLocation, "/best_model") && v.RunLink == ""
		}, ""},
		// MLflow before 2.9 wrote no storage_location.
		{"2.3 without storage_location", strings.Replace(versionMeta,
			"storage_location: file:///Users/n/p/mlruns/1/3ca5af5e493c40ae92cd2a37aca24b6e/artifacts/best_model\n",
			"", 1), func(m *VersionMeta) bool { return m.StorageLocation == "" && m.Number == 3 }, ""},
		{"deleted", strings.Replace(versionMeta, "current_stage: None", "current_stage: Deleted_Internal", 1),
			func(m *VersionMeta) bool { return m.Version.CurrentStage == mlflow.StageDeletedInternal }, ""},
		{"no status", strings.Replace(versionMeta, "status: READY\n", "", 1),
			func(m *VersionMeta) bool { return m.Version.Status == "READY" }, ""},
		{"quoted version", strings.Replace(versionMeta, "version: 3", "version: '3'", 1),
			func(m *VersionMeta) bool { return m.Number == 3 }, ""},
		{"zero version", strings.Replace(versionMeta, "version: 3", "version: 0", 1), nil,
			"not a positive integer"},
		{"text version", strings.Replace(versionMeta, "version: 3", "version: three", 1), nil,
			"not a positive integer"},
		{"no version", strings.Replace(versionMeta, "version: 3\n", "", 1), nil, "not a positive integer"},
		{"no name", strings.Replace(versionMeta, "name: CustomerChurnModel\n", "", 1), nil, "no name"},
		{"truncated", "aliases: []\nname: 'Cust", nil, "invalid yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseModelVersion([]byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(got) {
				t.Fatalf("ParseModelVersion gave %+v, %v", got, err)
			}
		})
	}
}

func FuzzParseRegistry(f *testing.F) {
	f.Add([]byte(modelMeta))
	f.Add([]byte(versionMeta))
	f.Fuzz(func(t *testing.T, b []byte) {
		if m, err := ParseRegisteredModel(b); err == nil && m.Name == "" {
			t.Fatalf("accepted a model without a name: %q", b)
		}
		if v, err := ParseModelVersion(b); err == nil && (v.Number < 1 || v.Version.Name == "") {
			t.Fatalf("accepted version %+v from %q", v, b)
		}
	})
}
