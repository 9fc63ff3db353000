// Package storefmt reads the byte formats of MLflow's file store (the
// mlruns tree): experiment and run meta.yaml files, metric history lines,
// dataset and input records. It turns bytes into mlflow entities and knows
// every variant that MLflow 1.x, 2.x and 3.x wrote.
//
// It is pure: functions take bytes or an io.Reader and never touch the file
// system, so the server's store does the I/O and this package can be fuzzed.
// It must never import os, net/http or syscall/js.
package storefmt
