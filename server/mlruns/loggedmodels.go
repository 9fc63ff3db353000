package mlruns

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// MLflow 3 logged models: <experiment>/models/<model_id>/ with meta.yaml,
// params/, tags/, metrics/ and, when the artifact root is the tree,
// artifacts/.

const modelsDir = "models"

// modelIDPattern is the form of a logged model id: m- and 32 hex digits.
var modelIDPattern = regexp.MustCompile(`^m-[0-9a-f]{32}$`)

// modelDir is a logged model's folder.
type modelDir struct {
	id, path string
	exp      expDir
}

func (s *Store) findModel(id string) (modelDir, bool) {
	if !modelIDPattern.MatchString(id) {
		return modelDir{}, false
	}
	dirs, err := s.experimentDirs(mlflow.ViewAll)
	if err != nil {
		return modelDir{}, false
	}
	for _, d := range dirs {
		p := filepath.Join(d.path, modelsDir, id)
		if _, err := os.Stat(filepath.Join(p, metaFile)); err == nil {
			return modelDir{id, p, d}, true
		}
	}
	return modelDir{}, false
}

func loggedModelNotFound(id string) error {
	return mlflow.Errorf(mlflow.CodeResourceDoesNotExist, "Logged model with ID '%s' not found.", id)
}

// readModelMeta reads a model's meta.yaml.
func (s *Store) readModelMeta(d modelDir) (*storefmt.LoggedModelMeta, error) {
	p := filepath.Join(d.path, metaFile)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, loggedModelNotFound(d.id)
	}
	m, err := storefmt.ParseLoggedModel(b)
	if err != nil {
		s.warn(p, err.Error())
		return nil, mlflow.Errorf(mlflow.CodeInvalidState, "Logged model '%s' metadata is in invalid state.", d.id)
	}
	return m, nil
}

// LoggedModel returns a logged model with its tags, params and latest
// metrics. Deleted models are not found unless allowDeleted.
func (s *Store) LoggedModel(id string, allowDeleted bool) (*mlflow.LoggedModel, error) {
	d, ok := s.findModel(id)
	if !ok {
		return nil, loggedModelNotFound(id)
	}
	meta, err := s.readModelMeta(d)
	if err != nil {
		return nil, err
	}
	if meta.Deleted && !allowDeleted {
		return nil, loggedModelNotFound(id)
	}
	m := &mlflow.LoggedModel{Info: meta.Info}
	m.Info.Tags = s.readKeyed(filepath.Join(d.path, "tags"))
	m.Data.Params = s.readKeyed(filepath.Join(d.path, "params"))
	s.walkKeys(filepath.Join(d.path, "metrics"), func(key, path string) {
		if latest, ok := s.latestModelMetric(key, path); ok {
			m.Data.Metrics = append(m.Data.Metrics, latest)
		}
	})
	sort.Slice(m.Data.Metrics, func(i, j int) bool { return m.Data.Metrics[i].Key < m.Data.Metrics[j].Key })
	return m, nil
}

func (s *Store) latestModelMetric(key, path string) (mlflow.Metric, bool) {
	f, err := os.Open(path)
	if err != nil {
		return mlflow.Metric{}, false
	}
	defer f.Close()
	var best mlflow.Metric
	found := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m, err := storefmt.ParseModelMetricLine(key, sc.Text())
		if err != nil {
			s.warn(path, "skipped metric line: "+err.Error())
			continue
		}
		if !found || m.Later(best) {
			best, found = m, true
		}
	}
	return best, found
}

// CreateLoggedModelRequest holds the fields of MLflow 3's CreateLoggedModel.
type CreateLoggedModelRequest struct {
	ExperimentID, Name, ModelType, SourceRunID string
	Params, Tags                               []mlflow.Tag
}

// CreateLoggedModel creates a PENDING logged model in an active experiment.
func (s *Store) CreateLoggedModel(req CreateLoggedModelRequest) (*mlflow.LoggedModel, error) {
	if strings.ContainsAny(req.Name, "/:.%\"'") {
		return nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue,
			"Invalid model name: '%s'. Names cannot contain any of the characters / : . %% \" '", req.Name)
	}
	for _, p := range req.Params {
		if err := mlflow.ValidateKey("parameter", p.Key); err != nil {
			return nil, err
		}
	}
	for _, t := range req.Tags {
		if err := validateRunTag(t); err != nil {
			return nil, err
		}
	}
	d, e, err := s.activeExperiment(req.ExperimentID)
	if err != nil {
		return nil, err
	}
	id := "m-" + newRunID()
	if req.Name == "" {
		req.Name = newRunName()
	}
	now := nowMillis()
	meta := &storefmt.LoggedModelMeta{Info: mlflow.LoggedModelInfo{
		ModelID: id, ExperimentID: e.ExperimentID, Name: req.Name,
		CreationTimestampMs: now, LastUpdatedTimestampMs: now,
		ArtifactURI: joinURI(joinURI(joinURI(e.ArtifactLocation, modelsDir), id), artifactsDir),
		Status:      mlflow.LoggedModelPending, ModelType: req.ModelType, SourceRunID: req.SourceRunID,
	}}
	dir := filepath.Join(d.path, modelsDir, id)
	for _, sub := range []string{"params", "tags", "metrics"} {
		if err := mkdirs(filepath.Join(dir, sub)); err != nil {
			return nil, err
		}
	}
	if err := writeNewFile(filepath.Join(dir, metaFile), storefmt.EncodeLoggedModel(meta)); err != nil {
		return nil, err
	}
	md := modelDir{id, dir, d}
	if err := s.writeModelKeyed(md, "params", req.Params); err != nil {
		return nil, err
	}
	if err := s.writeModelKeyed(md, "tags", req.Tags); err != nil {
		return nil, err
	}
	return s.LoggedModel(id, false)
}

func (s *Store) writeModelKeyed(d modelDir, kind string, items []mlflow.Tag) error {
	for _, t := range items {
		if err := s.writeTag(filepath.Join(d.path, kind), t); err != nil {
			return err
		}
	}
	return nil
}

// changeModel runs a change on an existing, undeleted model's meta.yaml and
// files, bumping its last update time.
func (s *Store) changeModel(id string, change func(d modelDir, m *storefmt.LoggedModelMeta) error) (
	*mlflow.LoggedModel, error) {
	defer s.lockRun(id)()
	d, ok := s.findModel(id)
	if !ok {
		return nil, loggedModelNotFound(id)
	}
	meta, err := s.readModelMeta(d)
	if err != nil {
		return nil, err
	}
	if meta.Deleted {
		return nil, loggedModelNotFound(id)
	}
	if err := change(d, meta); err != nil {
		return nil, err
	}
	meta.Info.LastUpdatedTimestampMs = nowMillis()
	if err := replaceFile(filepath.Join(d.path, metaFile), storefmt.EncodeLoggedModel(meta)); err != nil {
		return nil, err
	}
	return s.LoggedModel(id, true)
}

// FinalizeLoggedModel sets a model's status (READY or UPLOAD_FAILED).
func (s *Store) FinalizeLoggedModel(id string, st mlflow.LoggedModelStatus) (*mlflow.LoggedModel, error) {
	return s.changeModel(id, func(_ modelDir, m *storefmt.LoggedModelMeta) error {
		m.Info.Status = st
		return nil
	})
}

// DeleteLoggedModel marks a model deleted; its folder stays, as in MLflow.
func (s *Store) DeleteLoggedModel(id string) error {
	_, err := s.changeModel(id, func(_ modelDir, m *storefmt.LoggedModelMeta) error {
		m.Deleted = true
		return nil
	})
	return err
}

// SetLoggedModelTags sets tags of a model.
func (s *Store) SetLoggedModelTags(id string, tags []mlflow.Tag) error {
	for _, t := range tags {
		if err := validateRunTag(t); err != nil {
			return err
		}
	}
	_, err := s.changeModel(id, func(d modelDir, _ *storefmt.LoggedModelMeta) error {
		return s.writeModelKeyed(d, "tags", tags)
	})
	return err
}

// DeleteLoggedModelTag removes a tag of a model.
func (s *Store) DeleteLoggedModelTag(id, key string) error {
	if err := mlflow.ValidateKey("tag", key); err != nil {
		return err
	}
	_, err := s.changeModel(id, func(d modelDir, _ *storefmt.LoggedModelMeta) error {
		p := filepath.Join(d.path, "tags", filepath.FromSlash(key))
		if err := os.Remove(p); err != nil {
			return mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
				"No tag with key '%s' found for model with ID '%s'.", key, id)
		}
		return nil
	})
	return err
}

// LogLoggedModelParams logs params of a model.
func (s *Store) LogLoggedModelParams(id string, params []mlflow.Param) error {
	for _, p := range params {
		if err := mlflow.ValidateKey("parameter", p.Key); err != nil {
			return err
		}
	}
	_, err := s.changeModel(id, func(d modelDir, _ *storefmt.LoggedModelMeta) error {
		return s.writeModelKeyed(d, "params", params)
	})
	return err
}

// SearchLoggedModels returns the undeleted models of the experiments,
// newest first.
func (s *Store) SearchLoggedModels(expIDs []string) ([]*mlflow.LoggedModel, error) {
	var out []*mlflow.LoggedModel
	for _, eid := range expIDs {
		d, ok := s.findExperiment(eid)
		if !ok {
			continue
		}
		ents, _ := os.ReadDir(filepath.Join(d.path, modelsDir))
		for _, e := range ents {
			if m, err := s.LoggedModel(e.Name(), false); err == nil {
				out = append(out, m)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Info.CreationTimestampMs > out[j].Info.CreationTimestampMs
	})
	return out, nil
}

// LogOutputs links models a run produced: <run>/outputs/<model_id>/meta.yaml.
func (s *Store) LogOutputs(runID string, outputs []mlflow.ModelOutput) error {
	for _, o := range outputs {
		if _, ok := s.findModel(o.ModelID); !ok {
			return loggedModelNotFound(o.ModelID)
		}
	}
	defer s.lockRun(runID)()
	defer s.idx.refreshRun(runID)
	d, _, err := s.activeRun(runID)
	if err != nil {
		return err
	}
	for _, o := range outputs {
		dir := filepath.Join(d.path, "outputs", o.ModelID)
		if err := mkdirs(dir); err != nil {
			return err
		}
		if err := replaceFile(filepath.Join(dir, metaFile), storefmt.EncodeOutput(o.ModelID, o.Step)); err != nil {
			return err
		}
	}
	return nil
}

// readOutputs lists the models a run produced.
func (s *Store) readOutputs(d runDir) *mlflow.RunOutputs {
	return s.readOutputsWith(d, os.ReadFile)
}

func (s *Store) readOutputsWith(d runDir, read linkReader) *mlflow.RunOutputs {
	ents, err := readDir(filepath.Join(d.path, "outputs"))
	if err != nil || len(ents) == 0 {
		return nil
	}
	out := &mlflow.RunOutputs{}
	for _, e := range ents {
		p := filepath.Join(d.path, "outputs", e.name, metaFile)
		b, err := read(p)
		if err != nil {
			continue
		}
		o, err := storefmt.ParseOutput(b)
		if err != nil {
			s.warn(p, err.Error())
			continue
		}
		out.ModelOutputs = append(out.ModelOutputs, o)
	}
	return out
}

// appendModelMetrics adds values logged with a model_id to that model's
// metric files too, as MLflow 3 does.
func (s *Store) appendModelMetrics(runID string, metrics []mlflow.Metric) error {
	for _, m := range metrics {
		model := m.ModelOf()
		if model == "" {
			continue
		}
		d, ok := s.findModel(model)
		if !ok {
			return loggedModelNotFound(model)
		}
		p := filepath.Join(d.path, "metrics", filepath.FromSlash(m.Key))
		if err := mkdirs(filepath.Dir(p)); err != nil {
			return err
		}
		if err := appendFile(p, []byte(storefmt.FormatModelMetricLine(m, runID))); err != nil {
			return err
		}
	}
	return nil
}

// ModelArtifactDir is where a logged model's files are on this machine, or
// "" when they are not here.
func (s *Store) ModelArtifactDir(id string) (string, string, error) {
	d, ok := s.findModel(id)
	if !ok {
		return "", "", loggedModelNotFound(id)
	}
	meta, err := s.readModelMeta(d)
	if err != nil {
		return "", "", err
	}
	uri := meta.Info.ArtifactURI
	local := filepath.Join(d.path, artifactsDir)
	if strings.HasPrefix(uri, "mlflow-artifacts:") {
		p := filepath.Join(s.artDest, filepath.FromSlash(strings.TrimLeft(strings.TrimPrefix(uri, "mlflow-artifacts:"), "/")))
		if isDir(p) {
			return uri, p, nil
		}
	}
	if isDir(local) {
		return uri, local, nil
	}
	if p := localPath(uri); p != "" && isDir(p) {
		return uri, p, nil
	}
	return uri, "", nil
}
