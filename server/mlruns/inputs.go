package mlruns

import (
	"os"
	"path/filepath"
	"sync"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// readInputs loads a run's dataset and model inputs. Inputs whose dataset
// record is missing are skipped with a warning, as MLflow skips them.
func (s *Store) readInputs(d runDir) mlflow.RunInputs {
	return s.readInputsWith(d, os.ReadFile)
}

// linkReader reads the meta.yaml of a run's input or output link: a first
// scan passes one that also sums up the files it reads.
type linkReader func(path string) ([]byte, error)

func (s *Store) readInputsWith(d runDir, read linkReader) mlflow.RunInputs {
	var in mlflow.RunInputs
	dir := filepath.Join(d.path, "inputs")
	ents, err := readDir(dir)
	if err != nil {
		return in
	}
	for _, e := range ents {
		if !e.isDir {
			continue
		}
		p := filepath.Join(dir, e.name, metaFile)
		b, err := read(p)
		if err != nil {
			s.warn(p, err.Error())
			continue
		}
		link, err := storefmt.ParseInput(b)
		if err != nil {
			s.warn(p, err.Error())
			continue
		}
		switch link.SourceType {
		case "MODEL":
			in.ModelInputs = append(in.ModelInputs, mlflow.ModelInput{ModelID: link.SourceID})
		default:
			ds := s.readDataset(d.exp, link.SourceID)
			if ds == nil {
				s.warn(p, "dataset "+link.SourceID+" not found in the experiment")
				continue
			}
			for i := range link.Tags {
				link.Tags[i] = mlflow.Tag{Key: intern(link.Tags[i].Key), Value: intern(link.Tags[i].Value)}
			}
			in.DatasetInputs = append(in.DatasetInputs,
				mlflow.DatasetInput{Tags: link.Tags, Dataset: *ds})
		}
	}
	return in
}

// readDataset reads a dataset record of an experiment. Every run that
// logged the dataset links to the same record, so a parsed record is kept
// while its file is unchanged and shared: its schema and profile strings,
// often kilobytes, are then held once, not once per run.
func (s *Store) readDataset(d expDir, id string) *mlflow.Dataset {
	if !mlflow.ValidRunID(id) {
		return nil
	}
	p := filepath.Join(d.path, "datasets", id, metaFile)
	fi, err := os.Stat(p)
	if err != nil {
		return nil
	}
	st := stampOf(fi)
	if ds := s.datasets.get(p, st); ds != nil {
		return ds
	}
	b, st, err := readWhole(p, nil)
	if err != nil {
		return nil
	}
	ds, err := storefmt.ParseDataset(b)
	if err != nil {
		s.warn(p, err.Error())
		return nil
	}
	s.datasets.put(p, st, ds)
	return ds
}

// datasetCache holds parsed dataset records by path, each with the stamp
// of the file it was read from.
type datasetCache struct {
	mu sync.Mutex
	m  map[string]cachedDataset
}

type cachedDataset struct {
	stamp fileStamp
	ds    *mlflow.Dataset
}

// get returns the record read from the file at path when it had stamp
// st; callers copy it and share its strings, never change it.
func (c *datasetCache) get(path string, st fileStamp) *mlflow.Dataset {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[path]; ok && e.stamp == st {
		return e.ds
	}
	return nil
}

func (c *datasetCache) put(path string, st fileStamp, ds *mlflow.Dataset) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cachedDataset{}
	}
	c.m[path] = cachedDataset{st, ds}
}
