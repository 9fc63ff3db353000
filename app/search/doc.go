// Package search implements MLflow's search grammar over the file store's
// entities: the filter strings of runs/search and experiments/search, their
// order_by clauses, and the file store's page tokens.
//
// Parsing follows MLflow's SearchUtils and SearchExperimentsUtils: the same
// identifiers, comparators, value rules and error messages. Each rejection
// is an *Error that also carries the byte offset and length of the fault,
// so an editor can underline it while the query is typed. Evaluation
// (RunFilter.Match, ExperimentFilter.Match), ordering (SortRuns,
// SortExperiments) and paging (Paginate) follow MLflow's file store.
//
// The package must stay pure: no os, no net/http, no syscall/js and no file
// or network I/O. It is compiled to WebAssembly for the browser as well as
// into the server, and may import only the standard library's pure packages
// and mlscope/app/mlflow.
package search
