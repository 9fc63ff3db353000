package mlruns

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
)

// Folder names with a fixed meaning in the tree.
const (
	trashDir     = ".trash"
	registryDir  = "models"
	metaFile     = "meta.yaml"
	artifactsDir = "artifacts"
)

// Options configure a Store.
type Options struct {
	// ArtifactsDestination is where mlflow-artifacts: URIs point, as
	// mlflow server's --artifacts-destination (default ./mlartifacts).
	ArtifactsDestination string
	// DefaultArtifactRoot is the artifact root of new experiments:
	// "mlflow-artifacts:/" when the server proxies artifacts; empty means
	// the tree itself (file:///abs/mlruns), as MLflow's file store does.
	DefaultArtifactRoot string
	// Logger receives warnings about damaged files; nil discards them.
	Logger *slog.Logger
}

// Store reads an mlruns tree. Its methods may be called from any goroutine.
type Store struct {
	root     string
	artDest  string
	artRoot  string
	log      *slog.Logger
	warnMu   sync.Mutex
	warnSeen map[string]string

	// expMu serialises changes to the set of experiments (create, rename,
	// delete, restore), which must see every name and id at once.
	expMu sync.Mutex
	// runMu holds a *sync.Mutex per run id for read-modify-write changes
	// of one run's files.
	runMu sync.Map

	idx *index
	// hist caches parsed metric histories.
	hist *historyCache
	// datasets shares the dataset records runs link to.
	datasets datasetCache
}

// Open returns a store over the tree at root. When root does not exist it
// is created with MLflow's Default experiment 0 and a .trash folder, as
// mlflow ui does on first start. An existing path that is not a folder is
// an error.
func Open(root string, opt Options) (*Store, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("resolve tree path %s: %w", root, err)
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dest := opt.ArtifactsDestination
	if dest == "" {
		dest = "mlartifacts"
	}
	if dest, err = filepath.Abs(dest); err != nil {
		return nil, fmt.Errorf("resolve artifacts destination: %w", err)
	}
	s := &Store{root: abs, artDest: dest, artRoot: opt.DefaultArtifactRoot, log: log,
		warnSeen: map[string]string{}}
	if s.artRoot == "" {
		s.artRoot = fileURI(abs)
	}
	s.idx = newIndex(s)
	s.hist = newHistoryCache(historyCacheBytes)
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := s.createTree(); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, fmt.Errorf("open tree %s: %w", abs, err)
	case !fi.IsDir():
		return nil, fmt.Errorf("open tree %s: not a folder", abs)
	}
	return s, nil
}

// Root returns the absolute path of the tree.
func (s *Store) Root() string { return s.root }

// warn logs a problem with a file once: repeated reads of the same damaged
// file stay quiet until the problem changes.
func (s *Store) warn(path, problem string) {
	s.warnMu.Lock()
	seen := s.warnSeen[path] == problem
	s.warnSeen[path] = problem
	s.warnMu.Unlock()
	if !seen {
		s.log.Warn("skipped damaged data", "path", path, "problem", problem)
	}
}

// lockRun locks one run for a read-modify-write change and returns the
// unlock function.
func (s *Store) lockRun(id string) func() {
	m, _ := s.runMu.LoadOrStore(id, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}
