package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/mlmodel"
	"mlscope/app/signature"
	"mlscope/server/mlruns"
)

// maxMLmodelBytes caps the MLmodel file read; real ones are a few KB.
const maxMLmodelBytes = 16 << 20

// loadSignature reads the signature named by --signature or --model and
// says where it came from. A model without a signature gives nil and no
// error: MLflow then enforces nothing.
func loadSignature(f validateFlags) (*signature.Signature, string, error) {
	if f.signature != "" {
		b, err := os.ReadFile(f.signature)
		if err != nil {
			return nil, "", fmt.Errorf("read signature: %w", err)
		}
		sig, err := signature.ParseSignature(b)
		if err != nil {
			return nil, "", fmt.Errorf("signature %s: %w", f.signature, err)
		}
		return sig, f.signature, nil
	}
	b, where, err := readMLmodel(f)
	if err != nil {
		return nil, "", err
	}
	sig, err := signature.ParseMLmodel(b)
	if err != nil {
		return nil, "", fmt.Errorf("model %s: %w", where, err)
	}
	return sig, where, nil
}

// readMLmodel reads the MLmodel file of --model and returns its bytes and
// its place, for the report.
func readMLmodel(f validateFlags) ([]byte, string, error) {
	uri := f.model
	switch {
	case strings.HasPrefix(uri, "runs:/"):
		return readRunMLmodel(f, strings.TrimPrefix(uri, "runs:/"))
	case strings.HasPrefix(uri, "models:/"):
		return readRegisteredMLmodel(f, strings.TrimPrefix(uri, "models:/"))
	case strings.Contains(uri, ":/") && !strings.HasPrefix(uri, "file:"):
		return nil, "", fmt.Errorf("--model %s: only folders, MLmodel files, runs:/ and "+
			"models:/NAME/VERSION are supported", uri)
	}
	p, err := storePath(uri) // a file: URI or a plain path
	if err != nil {
		return nil, "", fmt.Errorf("--model %s: not a local path", uri)
	}
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		p = filepath.Join(p, mlmodel.FileName)
	}
	b, err := readLimited(os.Open(p))
	if err != nil {
		return nil, "", fmt.Errorf("read model: %w", err)
	}
	return b, p, nil
}

// readLimited reads an opened file up to maxMLmodelBytes and closes it.
func readLimited(file *os.File, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	defer file.Close()
	b, err := io.ReadAll(io.LimitReader(file, maxMLmodelBytes+1))
	if err == nil && len(b) > maxMLmodelBytes {
		err = fmt.Errorf("%s is larger than %d bytes", file.Name(), maxMLmodelBytes)
	}
	return b, err
}

// openValidateStore opens --backend-store-uri for reading. Unlike the server, it
// refuses a folder that does not exist rather than creating a tree there.
func openValidateStore(f validateFlags) (*mlruns.Store, error) {
	root, err := storePath(f.backendStoreURI)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("--backend-store-uri %s: no mlruns folder there", f.backendStoreURI)
	}
	return mlruns.Open(root, mlruns.Options{ArtifactsDestination: f.artifactsDest})
}

// readRunMLmodel reads RUN_ID/PATH's MLmodel through the store, which
// finds the run's artifact folder (inside the tree, at a file: location,
// or under --artifacts-destination for mlflow-artifacts: roots) and keeps
// the path inside it. PATH may name the model folder or its MLmodel file.
func readRunMLmodel(f validateFlags, rest string) ([]byte, string, error) {
	id, rel, _ := strings.Cut(strings.TrimLeft(rest, "/"), "/")
	if id == "" {
		return nil, "", fmt.Errorf("--model runs:/%s: give runs:/RUN_ID/PATH", rest)
	}
	s, err := openValidateStore(f)
	if err != nil {
		return nil, "", err
	}
	where := "runs:/" + id + "/" + rel
	ar, err := s.ArtifactRootOf(id)
	if err != nil {
		return nil, "", fmt.Errorf("model %s: %w", where, err)
	}
	if ar.Dir == "" {
		return nil, "", fmt.Errorf("model %s: %s", where, ar.Note)
	}
	candidates := []string{path.Join(rel, mlmodel.FileName)}
	if path.Base(rel) == mlmodel.FileName {
		candidates = []string{rel, candidates[0]}
	}
	var firstErr error
	for _, c := range candidates {
		b, err := readLimited(openRunArtifact(s, id, c))
		if err == nil {
			return b, where, nil
		}
		if firstErr == nil && !errors.Is(err, fs.ErrNotExist) {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, "", fmt.Errorf("model %s: %w", where, firstErr)
	}
	return nil, "", fmt.Errorf("model %s: no MLmodel file in %s", where,
		filepath.Join(ar.Dir, filepath.FromSlash(rel)))
}

// openRunArtifact opens a run's artifact, turning the store's not-found
// answer into fs.ErrNotExist.
func openRunArtifact(s *mlruns.Store, id, rel string) (*os.File, error) {
	file, _, err := s.OpenArtifact(id, rel)
	var me *mlflow.Error
	if errors.As(err, &me) && me.Code == mlflow.CodeResourceDoesNotExist {
		return nil, fs.ErrNotExist
	}
	return file, err
}

// readRegisteredMLmodel reads NAME/VERSION's MLmodel from the registry of
// the tree. Aliases and stages (models:/NAME@alias, models:/NAME/Production)
// are not resolved.
func readRegisteredMLmodel(f validateFlags, rest string) ([]byte, string, error) {
	where := "models:/" + rest
	i := strings.LastIndex(rest, "/")
	if i <= 0 {
		return nil, "", fmt.Errorf("--model %s: give models:/NAME/VERSION", where)
	}
	name, version := rest[:i], rest[i+1:]
	if _, err := strconv.Atoi(version); err != nil {
		return nil, "", fmt.Errorf("--model %s: only version numbers are supported, "+
			"not stages or aliases", where)
	}
	s, err := openValidateStore(f)
	if err != nil {
		return nil, "", err
	}
	ar, err := s.ModelVersionFiles(name, version)
	if err != nil {
		return nil, "", fmt.Errorf("model %s: %w", where, err)
	}
	if ar.Dir == "" {
		return nil, "", fmt.Errorf("model %s: %s", where, ar.Note)
	}
	b, err := readLimited(os.Open(filepath.Join(ar.Dir, mlmodel.FileName)))
	if err != nil {
		return nil, "", fmt.Errorf("model %s: %w", where, err)
	}
	return b, where, nil
}
