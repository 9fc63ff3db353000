// Command mlscope serves an MLflow tracking tree (an mlruns folder) to the
// browser and to MLflow clients: `mlscope server` (or `mlscope ui`) does
// what `mlflow server` and `mlflow ui` do over a file store.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is mlscope's version, answered by GET /version.
const version = "0.1.0"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "mlscope:", err)
		os.Exit(exitCode(err))
	}
}

// usageError marks a wrong command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	if _, ok := err.(usageError); ok {
		return 2
	}
	return 1
}

const usage = `mlscope: a fast browser app and tracking server for MLflow file stores

Usage:
  mlscope server [flags]    serve an mlruns tree (UI and MLflow REST API)
  mlscope ui [flags]        the same as server
  mlscope gc [flags]        remove deleted runs and experiments for good
  mlscope hash-password NAME   print an --auth-file line for a password on stdin
  mlscope demo --out DIR    write a generated mlruns tree, for trying and benchmarks
  mlscope validate --model PATH INPUT   check a request against a model's signature
  mlscope export --out SITE   write a static, read-only site of a tree
  mlscope version           print the version

Run "mlscope server -h" for the flags.
`

// run executes one command line. ready, when not nil, receives the address
// the server listens on once it accepts connections.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, ready chan<- string) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	switch args[0] {
	case "server", "ui":
		return runServer(ctx, args[1:], stderr, ready)
	case "gc":
		return runGC(ctx, args[1:], stdout, stderr)
	case "hash-password":
		return runHashPassword(args[1:], os.Stdin, stdout, stderr)
	case "demo":
		return runDemo(ctx, args[1:], stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdout, stderr)
	case "validate":
		return runValidate(args[1:], os.Stdin, stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}
