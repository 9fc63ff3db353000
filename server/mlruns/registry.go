package mlruns

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// versionPrefix starts the folder name of every model version.
const versionPrefix = "version-"

// ModelVersion is a registered model version read from disk, with what the
// REST shape does not carry: its number and the resolved artifact URI that
// MLflow 2.9 and later record (empty before).
type ModelVersion struct {
	mlflow.ModelVersion
	Number          int64
	StorageLocation string
}

// checkModelName refuses names the file registry cannot hold, in MLflow's
// words. "." and ".." would name the registry folder or the tree itself,
// so they are unknown models rather than folders to read.
func checkModelName(name string) error {
	switch {
	case strings.ContainsAny(name, "/\\\x00"):
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue,
			"Invalid name: '%s'. Registered model name cannot contain path separator", name)
	case strings.Contains(name, "%"):
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue,
			"Invalid name: '%s'. Registered model name cannot contain '%%' character", name)
	case name == "" || name == "." || name == "..":
		return modelNotFound(name)
	}
	return nil
}

func modelNotFound(name string) error {
	return mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
		"Registered Model with name=%s not found", name)
}

func versionNotFound(name, version string) error {
	return mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
		"Model Version (name=%s, version=%s) not found", name, version)
}

// modelDirs lists the folders of the registry. A tree without a models
// folder has no registered models.
func (s *Store) modelDirs() []string {
	dir := filepath.Join(s.root, registryDir)
	ents, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.warn(dir, err.Error())
		}
		return nil
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// readModel loads a registered model folder with its tags, aliases and
// the latest version of each stage. A folder without a readable meta.yaml,
// or whose meta.yaml names another model, yields nil with a warning.
func (s *Store) readModel(dir string) (*mlflow.RegisteredModel, []*ModelVersion) {
	p := filepath.Join(dir, metaFile)
	b, err := os.ReadFile(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			s.warn(dir, "registered model folder without meta.yaml")
		} else {
			s.warn(p, err.Error())
		}
		return nil, nil
	}
	rm, err := storefmt.ParseRegisteredModel(b)
	if err != nil {
		s.warn(p, err.Error())
		return nil, nil
	}
	if rm.Name != filepath.Base(dir) {
		s.warn(p, "name "+rm.Name+" does not match its folder")
		return nil, nil
	}
	rm.Tags = s.readKeyed(filepath.Join(dir, "tags"))
	for _, a := range s.readKeyed(filepath.Join(dir, "aliases")) {
		rm.Aliases = append(rm.Aliases, mlflow.RegisteredModelAlias{
			Alias: a.Key, Version: strings.TrimSpace(a.Value)})
	}
	versions := s.readVersions(dir, rm)
	rm.LatestVersions = latestVersions(versions)
	return rm, versions
}

// readVersions loads the visible versions of a model, sorted by number.
// Versions deleted in MLflow (stage Deleted_Internal) stay on disk and are
// passed over quietly; damaged ones are skipped with a warning.
func (s *Store) readVersions(dir string, rm *mlflow.RegisteredModel) []*ModelVersion {
	ents, err := os.ReadDir(dir)
	if err != nil {
		s.warn(dir, err.Error())
		return nil
	}
	var out []*ModelVersion
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), versionPrefix) {
			mv := s.readVersion(filepath.Join(dir, e.Name()), rm)
			if mv != nil && mv.CurrentStage != mlflow.StageDeletedInternal {
				out = append(out, mv)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out
}

func (s *Store) readVersion(dir string, rm *mlflow.RegisteredModel) *ModelVersion {
	p := filepath.Join(dir, metaFile)
	b, err := os.ReadFile(p)
	if err != nil {
		s.warn(p, err.Error())
		return nil
	}
	vm, err := storefmt.ParseModelVersion(b)
	if err != nil {
		s.warn(p, err.Error())
		return nil
	}
	if versionPrefix+vm.Version.Version != filepath.Base(dir) || vm.Version.Name != rm.Name {
		s.warn(p, "version "+vm.Version.Name+" "+vm.Version.Version+" does not match its folder")
		return nil
	}
	mv := &ModelVersion{ModelVersion: vm.Version, Number: vm.Number,
		StorageLocation: vm.StorageLocation}
	mv.Tags = s.readKeyed(filepath.Join(dir, "tags"))
	for _, a := range rm.Aliases {
		if a.Version == mv.Version {
			mv.Aliases = append(mv.Aliases, a.Alias)
		}
	}
	return mv
}

// latestVersions picks the highest version of each stage, in the order of
// mlflow.VersionStages.
func latestVersions(versions []*ModelVersion) []*mlflow.ModelVersion {
	var out []*mlflow.ModelVersion
	for _, stage := range mlflow.VersionStages {
		var best *ModelVersion
		for _, v := range versions {
			if v.CurrentStage == stage && (best == nil || v.Number > best.Number) {
				best = v
			}
		}
		if best != nil {
			out = append(out, &best.ModelVersion)
		}
	}
	return out
}

// RegisteredModels returns every readable registered model, sorted by name.
func (s *Store) RegisteredModels() []*mlflow.RegisteredModel {
	var out []*mlflow.RegisteredModel
	for _, dir := range s.modelDirs() {
		if rm, _ := s.readModel(dir); rm != nil {
			out = append(out, rm)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// modelFolder reads the registered model with the name and its versions,
// failing with INVALID_PARAMETER_VALUE for a name the registry cannot hold
// and RESOURCE_DOES_NOT_EXIST for an unknown or unreadable one.
func (s *Store) modelFolder(name string) (*mlflow.RegisteredModel, []*ModelVersion, error) {
	if err := checkModelName(name); err != nil {
		return nil, nil, err
	}
	dir := filepath.Join(s.root, registryDir, name)
	if !isDir(dir) {
		return nil, nil, modelNotFound(name)
	}
	rm, versions := s.readModel(dir)
	if rm == nil {
		return nil, nil, modelNotFound(name)
	}
	return rm, versions, nil
}

// RegisteredModel returns the registered model with the name.
func (s *Store) RegisteredModel(name string) (*mlflow.RegisteredModel, error) {
	rm, _, err := s.modelFolder(name)
	return rm, err
}

// ModelVersions returns the visible versions of every readable registered
// model, sorted by name and then number.
func (s *Store) ModelVersions() []*ModelVersion {
	var out []*ModelVersion
	for _, dir := range s.modelDirs() {
		_, versions := s.readModel(dir)
		out = append(out, versions...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ModelVersion returns one visible version of a registered model. A
// version that is not a whole number is INVALID_PARAMETER_VALUE; an
// unknown, deleted or unreadable one is RESOURCE_DOES_NOT_EXIST.
func (s *Store) ModelVersion(name, version string) (*ModelVersion, error) {
	n, err := strconv.ParseInt(version, 10, 64)
	if err != nil {
		return nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue,
			"Parameter 'version' must be an integer, got '%s'.", version)
	}
	_, versions, err := s.modelFolder(name)
	if err != nil {
		return nil, err
	}
	for _, v := range versions {
		if v.Number == n {
			return v, nil
		}
	}
	return nil, versionNotFound(name, version)
}
