package storefmt

import (
	"reflect"
	"testing"
)

// flatSeeds are meta.yaml files as MLflow 1.x to 3.x and mlscope write
// them, and near misses that the fast path must leave to the YAML parser.
var flatSeeds = []string{
	"artifact_uri: file:///C:/ml/mlruns/0/6258/artifacts\nend_time: 1767457856712\n" +
		"entry_point_name: ''\nexperiment_id: '0'\nlifecycle_stage: active\n" +
		"run_id: 6258fcd9060f49fb81c7bf21cae264d4\nrun_name: amazing-lamb-258\n" +
		"source_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1767457842596\n" +
		"status: 3\ntags: []\nuser_id: prade\n",
	"artifact_uri: \"file:///tmp/m/1/ab/artifacts\"\nend_time: null\nexperiment_id: \"1\"\n" +
		"lifecycle_stage: \"active\"\nrun_id: \"ab\"\nrun_name: \"trial-06\"\n" +
		"run_uuid: \"ab\"\nstart_time: 1744104349960\nstatus: 1\nuser_id: \"alice\"\n",
	"artifact_uri: ./mlruns/0/ab/artifacts\nend_time: 5\nexperiment_id: 0\nname: ''\n" +
		"run_uuid: ab\nstart_time: 4\nstatus: 3\nuser_id: bob@example.com\n",
	"destination_id: 52060f48\ndestination_type: RUN\nsource_id: 52060f48\n" +
		"source_type: DATASET\ntags:\n  mlflow.data.context: train\n",
	"source_id: \"b8\"\nsource_type: \"DATASET\"\ntags:\n  \"mlflow.data.context\": \"training\"\n",
	"source_id: x\ntags: {}\n", "source_id: x\ntags: []\n", "source_id: x\ntags:\n",
	"run_id: a\nrun_id: b\n", "run_id: a # c\n", "run_id: a\n  b: c\n", "run_id: 'it''s'\n",
	"run_id: \"a\\tb\"\n", "run_id: [a]\n", "start_time: 007\nrun_id: a\n",
	"start_time: '5'\nrun_id: a\n", "start_time: 1.0\nrun_id: a\n", "run_id: true\n",
	"run_id: 0o17\n", "run_id: .inf\n", "run_id: ~\n", "status: -3\nrun_id: a\n",
	"tags:\n  a: 1\n   b: 2\n", "tags:\n  a: 1\n  a: 2\n", "run_name: a:b\nrun_id: x\n",
	"run_name: a:\n", "- a\n", "", "\n\n", "run_id: \"é ü\"\n",
}

// FuzzFlatMeta: whenever the fast path reads a run or input meta.yaml, the
// YAML parser reads the same fields from it.
func FuzzFlatMeta(f *testing.F) {
	for _, s := range flatSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if fast, ok := flatRunMeta(b); ok {
			var slow runMeta
			if err := decodeYAML(b, &slow); err != nil || !reflect.DeepEqual(fast, slow) {
				t.Fatalf("%q: fast %+v; yaml %+v, %v", b, fast, slow, err)
			}
		}
		if fast, ok := flatInputMeta(b); ok {
			var slow inputMeta
			if err := decodeYAML(b, &slow); err != nil || !sameInputMeta(fast, slow) {
				t.Fatalf("%q: fast %+v; yaml %+v, %v", b, fast, slow, err)
			}
		}
	})
}

// sameInputMeta compares two inputs, an empty tag map equal to none: the
// caller ranges over it.
func sameInputMeta(a, b inputMeta) bool {
	if len(a.Tags) == 0 && len(b.Tags) == 0 {
		a.Tags, b.Tags = nil, nil
	}
	return reflect.DeepEqual(a, b)
}

// TestFlatYAMLTakes: the shapes MLflow writes take the fast path; the
// others are left to the YAML parser.
func TestFlatYAMLTakes(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		input bool // an input's meta.yaml, not a run's
		fast  bool
	}{
		{"MLflow 3 run", flatSeeds[0], false, true},
		{"mlscope run", flatSeeds[1], false, true},
		{"MLflow 1 run", flatSeeds[2], false, true},
		{"MLflow input", flatSeeds[3], true, true},
		{"quoted input", flatSeeds[4], true, true},
		{"tags as a list", "source_id: x\ntags: []\n", true, false},
		{"repeated key", "run_id: a\nrun_id: b\n", false, false},
		{"comment", "run_id: a # c\n", false, false},
		{"escape", "run_id: \"a\\tb\"\n", false, false},
		{"leading zero", "start_time: 007\nrun_id: a\n", false, false},
		{"empty", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fast := flatRunMeta([]byte(tt.yaml))
			if tt.input {
				_, fast = flatInputMeta([]byte(tt.yaml))
			}
			if fast != tt.fast {
				t.Errorf("fast path %v, want %v", fast, tt.fast)
			}
		})
	}
}

// BenchmarkParseRunMeta compares the fast path with the YAML parser on a
// run meta.yaml as MLflow 3 writes it.
func BenchmarkParseRunMeta(b *testing.B) {
	doc := []byte(flatSeeds[0])
	b.Run("flat", func(b *testing.B) {
		for b.Loop() {
			if _, ok := flatRunMeta(doc); !ok {
				b.Fatal("not flat")
			}
		}
	})
	b.Run("yaml", func(b *testing.B) {
		for b.Loop() {
			var m runMeta
			if err := decodeYAML(doc, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
