package mlruns

import (
	"os"
	"path/filepath"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// readInputs loads a run's dataset and model inputs. Inputs whose dataset
// record is missing are skipped with a warning, as MLflow skips them.
func (s *Store) readInputs(d runDir) mlflow.RunInputs {
	var in mlflow.RunInputs
	dir := filepath.Join(d.path, "inputs")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return in
	}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name(), metaFile)
		b, err := os.ReadFile(p)
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
			in.DatasetInputs = append(in.DatasetInputs,
				mlflow.DatasetInput{Tags: link.Tags, Dataset: *ds})
		}
	}
	return in
}

func (s *Store) readDataset(d expDir, id string) *mlflow.Dataset {
	if !mlflow.ValidRunID(id) {
		return nil
	}
	p := filepath.Join(d.path, "datasets", id, metaFile)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	ds, err := storefmt.ParseDataset(b)
	if err != nil {
		s.warn(p, err.Error())
		return nil
	}
	return ds
}
