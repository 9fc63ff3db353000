package mlruns

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// LogBatch validates and writes params, then metrics, then tags to an
// active run, as MLflow's log-batch does. Validation of every item comes
// before any write, so a bad request writes nothing; a param conflict is
// found before metrics are written.
func (s *Store) LogBatch(id string, metrics []mlflow.Metric, params []mlflow.Param, tags []mlflow.Tag) error {
	if err := mlflow.ValidateBatchLimits(len(metrics), len(params), len(tags)); err != nil {
		return err
	}
	if err := validateBatch(metrics, params, tags); err != nil {
		return err
	}
	defer s.lockRun(id)()
	defer s.idx.refreshRun(id)
	d, m, err := s.activeRun(id)
	if err != nil {
		return err
	}
	if err := s.writeParams(d, params); err != nil {
		return err
	}
	if err := s.appendMetrics(d, metrics); err != nil {
		return err
	}
	if err := s.appendModelMetrics(id, metrics); err != nil {
		return err
	}
	return s.writeRunTags(d, m, tags)
}

func validateBatch(metrics []mlflow.Metric, params []mlflow.Param, tags []mlflow.Tag) error {
	for _, mt := range metrics {
		if err := mlflow.ValidateKey("metric", mt.Key); err != nil {
			return err
		}
		if mt.Timestamp < 0 {
			return mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Got invalid timestamp %d "+
				"for metric '%s' (value=%v). Timestamp must be a nonnegative long (64-bit "+
				"integer) ", mt.Timestamp, mt.Key, float64(mt.Value))
		}
	}
	seen := map[string]bool{}
	var dupes []string
	for _, p := range params {
		if err := mlflow.ValidateKey("parameter", p.Key); err != nil {
			return err
		}
		if err := mlflow.ValidateLength("Param value", mlflow.MaxParamValueLength, p.Value); err != nil {
			return err
		}
		if seen[p.Key] {
			dupes = append(dupes, "'"+p.Key+"'")
		}
		seen[p.Key] = true
	}
	if len(dupes) > 0 {
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Duplicate parameter keys have "+
			"been submitted: [%s]. Please ensure the request contains only one param value per "+
			"param key.", strings.Join(dupes, ", "))
	}
	for _, t := range tags {
		if err := validateRunTag(t); err != nil {
			return err
		}
	}
	return nil
}

// writeParams writes params that are new and checks that existing ones
// hold the same value: MLflow's params are immutable. All conflicts are
// found before anything is written.
func (s *Store) writeParams(d runDir, params []mlflow.Param) error {
	dir := filepath.Join(d.path, "params")
	var fresh []mlflow.Param
	for _, p := range params {
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Key)))
		switch {
		case err == nil && string(old) != p.Value:
			return mlflow.ParamConflict(d.id, p.Key, string(old), p.Value)
		case err == nil:
			continue
		case !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("read param %s of run %s: %w", p.Key, d.id, err)
		}
		fresh = append(fresh, p)
	}
	for _, p := range fresh {
		path := filepath.Join(dir, filepath.FromSlash(p.Key))
		if err := mkdirs(filepath.Dir(path)); err != nil {
			return err
		}
		err := writeNewFileVia(d.path, path, []byte(p.Value))
		if errors.Is(err, fs.ErrExist) {
			// Another writer (a Python client on the same tree) got there
			// between our check and our write.
			old, rerr := os.ReadFile(path)
			if rerr == nil && string(old) == p.Value {
				continue
			}
			return mlflow.ParamConflict(d.id, p.Key, string(old), p.Value)
		}
		if err != nil {
			return fmt.Errorf("write param %s of run %s: %w", p.Key, d.id, err)
		}
	}
	return nil
}

// appendMetrics appends the metric lines, one write per key, in request
// order within each key.
func (s *Store) appendMetrics(d runDir, metrics []mlflow.Metric) error {
	byKey := map[string]*bytes.Buffer{}
	var keys []string
	for _, mt := range metrics {
		b, ok := byKey[mt.Key]
		if !ok {
			b = &bytes.Buffer{}
			byKey[mt.Key] = b
			keys = append(keys, mt.Key)
		}
		b.WriteString(storefmt.FormatMetricLine(mt))
	}
	for _, k := range keys {
		path := filepath.Join(d.path, "metrics", filepath.FromSlash(k))
		if err := mkdirs(filepath.Dir(path)); err != nil {
			return err
		}
		if err := appendFile(path, byKey[k].Bytes()); err != nil {
			return fmt.Errorf("log metric %s of run %s: %w", k, d.id, err)
		}
	}
	return nil
}

// writeRunTags writes tags in order (the last value of a key wins); the
// mlflow.runName tag also renames the run in meta.yaml.
func (s *Store) writeRunTags(d runDir, m *storefmt.RunMeta, tags []mlflow.Tag) error {
	for _, t := range tags {
		if err := s.writeTag(filepath.Join(d.path, "tags"), t); err != nil {
			return fmt.Errorf("set tag %s of run %s: %w", t.Key, d.id, err)
		}
	}
	if name, ok := lookupTag(tags, mlflow.TagRunName); ok && name != m.Info.RunName {
		m.Info.RunName = name
		m.DeletedTime = 0
		return s.writeRunMeta(d, m)
	}
	return nil
}

// DeleteTag removes a run tag, failing when it does not exist.
func (s *Store) DeleteTag(id, key string) error {
	if err := mlflow.ValidateKey("tag", key); err != nil {
		return err
	}
	defer s.lockRun(id)()
	defer s.idx.refreshRun(id)
	d, _, err := s.activeRun(id)
	if err != nil {
		return err
	}
	p := filepath.Join(d.path, "tags", filepath.FromSlash(key))
	if fi, err := os.Stat(p); err != nil || fi.IsDir() {
		return mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
			"No tag with name: %s in run with id %s", key, id)
	}
	if err := os.Remove(p); err != nil {
		return fmt.Errorf("delete tag %s of run %s: %w", key, id, err)
	}
	return syncDir(filepath.Dir(p))
}

// LogInputs records datasets a run used: each dataset once per experiment
// under datasets/<md5(name+digest)>, and a link under the run's inputs/.
func (s *Store) LogInputs(id string, inputs []mlflow.DatasetInput) error {
	for _, in := range inputs {
		if err := mlflow.ValidateDataset(in.Dataset); err != nil {
			return err
		}
		for _, t := range in.Tags {
			if err := mlflow.ValidateInputTag(t); err != nil {
				return err
			}
		}
	}
	defer s.lockRun(id)()
	defer s.idx.refreshRun(id)
	d, _, err := s.activeRun(id)
	if err != nil {
		return err
	}
	for _, in := range inputs {
		dsID := md5Hex(in.Dataset.Name + in.Dataset.Digest)
		dsDir := filepath.Join(d.exp.path, "datasets", dsID)
		if !isDir(dsDir) {
			if err := mkdirs(dsDir); err != nil {
				return err
			}
			err := writeNewFile(filepath.Join(dsDir, metaFile), storefmt.EncodeDataset(&in.Dataset))
			if err != nil && !errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("record dataset %s: %w", in.Dataset.Name, err)
			}
		}
		inDir := filepath.Join(d.path, "inputs", md5Hex(dsID+id))
		if isDir(inDir) {
			continue
		}
		if err := mkdirs(inDir); err != nil {
			return err
		}
		link := storefmt.EncodeInput(dsID, id, in.Tags)
		if err := writeNewFile(filepath.Join(inDir, metaFile), link); err != nil &&
			!errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("link dataset %s to run %s: %w", in.Dataset.Name, id, err)
		}
	}
	return nil
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// AppendLoggedModel adds one entry (JSON text, already in Python's
// spelling) to the run's mlflow.log-model.history tag.
func (s *Store) AppendLoggedModel(id, entry string) error {
	defer s.lockRun(id)()
	defer s.idx.refreshRun(id)
	d, _, err := s.activeRun(id)
	if err != nil {
		return err
	}
	p := filepath.Join(d.path, "tags", mlflow.TagLogModelHistory)
	old, err := os.ReadFile(p)
	value := "[" + entry + "]"
	if err == nil {
		prev := strings.TrimSpace(string(old))
		if strings.HasPrefix(prev, "[") && strings.HasSuffix(prev, "]") && len(prev) > 2 {
			value = prev[:len(prev)-1] + ", " + entry + "]"
		}
	}
	return s.writeTag(filepath.Join(d.path, "tags"),
		mlflow.Tag{Key: mlflow.TagLogModelHistory, Value: value})
}
