package storefmt

import (
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

func TestParseExperiment(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    mlflow.Experiment
		wantErr string
	}{
		{"2.x", "artifact_location: file:///m/1\ncreation_time: 5\nexperiment_id: '1'\n" +
			"last_update_time: 6\nlifecycle_stage: active\nname: demo\n",
			mlflow.Experiment{ExperimentID: "1", Name: "demo", ArtifactLocation: "file:///m/1",
				LifecycleStage: "active", CreationTime: 5, LastUpdateTime: 6}, ""},
		// Old trees stored the id as an integer and had no times.
		{"legacy int id", "artifact_location: ./mlruns/1\nexperiment_id: 1\nlifecycle_stage: active\nname: IF697\n",
			mlflow.Experiment{ExperimentID: "1", Name: "IF697", ArtifactLocation: "./mlruns/1",
				LifecycleStage: "active"}, ""},
		{"stray tags mapping", "experiment_id: '2'\nname: x\ntags: {}\n",
			mlflow.Experiment{ExperimentID: "2", Name: "x"}, ""},
		{"yaml 1.2 octal stays text", "experiment_id: '3'\nname: 0o17\n",
			mlflow.Experiment{ExperimentID: "3", Name: "0o17"}, ""},
		{"empty", "", mlflow.Experiment{}, "empty"},
		{"not a mapping", "- a\n", mlflow.Experiment{}, "not a mapping"},
		{"no id", "name: x\n", mlflow.Experiment{}, "no experiment_id"},
		{"broken yaml", "name: [x\n", mlflow.Experiment{}, "invalid yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseExperiment([]byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.ExperimentID != tt.want.ExperimentID || got.Name != tt.want.Name ||
				got.CreationTime != tt.want.CreationTime || got.LifecycleStage != tt.want.LifecycleStage ||
				got.ArtifactLocation != tt.want.ArtifactLocation {
				t.Fatalf("ParseExperiment(%q) = %+v, %v; want %+v", tt.yaml, got, err, tt.want)
			}
		})
	}
}

func TestParseRun(t *testing.T) {
	const v2 = `artifact_uri: file:///m/1/abc/artifacts
end_time: 1721450907230
entry_point_name: ''
experiment_id: '1'
lifecycle_stage: active
run_id: abc
run_name: wistful-ant-659
run_uuid: abc
source_name: ''
source_type: 4
source_version: ''
start_time: 1721450907221
status: 4
tags: []
user_id: u
`
	tests := []struct {
		name    string
		yaml    string
		check   func(*RunMeta) bool
		wantErr string
	}{
		{"2.x", v2, func(m *RunMeta) bool {
			i := m.Info
			return i.RunID == "abc" && i.RunName == "wistful-ant-659" && i.Status == mlflow.StatusFailed &&
				i.StartTime == 1721450907221 && i.EndTime == 1721450907230 && i.UserID == "u"
		}, ""},
		{"3.x without run_uuid", strings.Replace(v2, "run_uuid: abc\n", "", 1),
			func(m *RunMeta) bool { return m.Info.RunID == "abc" && m.Info.RunUUID == "abc" }, ""},
		{"1.x without run_id", strings.Replace(v2, "run_id: abc\n", "", 1),
			func(m *RunMeta) bool { return m.Info.RunID == "abc" }, ""},
		{"running, null end", strings.Replace(v2, "end_time: 1721450907230", "end_time: null", 1),
			func(m *RunMeta) bool { return m.Info.EndTime == 0 }, ""},
		{"deleted with time", v2 + "deleted_time: 99\n",
			func(m *RunMeta) bool { return m.DeletedTime == 99 }, ""},
		{"no status or stage", "run_uuid: x\nexperiment_id: 0\nstart_time: 1\nuser_id: u\n",
			func(m *RunMeta) bool {
				return m.Info.Status == mlflow.StatusRunning && m.Info.LifecycleStage == "active"
			}, ""},
		{"unknown status", strings.Replace(v2, "status: 4", "status: 42", 1), nil, "unknown run status"},
		{"no id", "experiment_id: '1'\n", nil, "no run_id"},
		{"truncated", "artifact_uri: 'file:///m", nil, "invalid yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRun([]byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(got) {
				t.Fatalf("ParseRun gave %+v, %v", got, err)
			}
		})
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	e := &mlflow.Experiment{ExperimentID: "7", Name: "yes", ArtifactLocation: "file:///a b/7",
		LifecycleStage: "active", CreationTime: 1, LastUpdateTime: 2}
	back, err := ParseExperiment(EncodeExperiment(e))
	if err != nil || back.Name != "yes" || back.ExperimentID != "7" || back.CreationTime != 1 {
		t.Fatalf("experiment round trip: %+v, %v", back, err)
	}
	info := &mlflow.RunInfo{RunID: "abc", ExperimentID: "7", RunName: "on", UserID: "1e5",
		Status: mlflow.StatusFinished, StartTime: 3, EndTime: 4, LifecycleStage: "active",
		ArtifactURI: "file:///x"}
	rm, err := ParseRun(EncodeRun(info, 0))
	if err != nil || rm.Info.RunName != "on" || rm.Info.UserID != "1e5" || rm.Info.Status != mlflow.StatusFinished {
		t.Fatalf("run round trip: %+v, %v", rm, err)
	}
}

func FuzzParseMeta(f *testing.F) {
	f.Add([]byte("experiment_id: '1'\nname: x\n"))
	f.Add([]byte("run_id: a\nexperiment_id: 0\nstatus: 3\nstart_time: 1\n"))
	f.Add([]byte("digest: d\nname: n\nsource: s\nsource_type: local\n"))
	f.Add([]byte("source_id: s\nsource_type: DATASET\ntags:\n  a: b\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		// None of these may panic or hang, whatever the bytes.
		_, _ = ParseExperiment(b)
		_, _ = ParseRun(b)
		_, _ = ParseDataset(b)
		_, _ = ParseInput(b)
	})
}
