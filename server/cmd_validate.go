package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"mlscope/app/signature"
)

const validateUsage = `Usage: mlscope validate (--model PATH | --signature FILE) [flags] INPUT

Checks a scoring request against a model's signature the way MLflow's
scoring server (mlflow models serve) enforces it, without running the model.

PATH is a model folder, an MLmodel file, runs:/RUN_ID/PATH or
models:/NAME/VERSION (both read from --backend-store-uri). FILE is a bare
signature JSON: {"inputs": ..., "outputs": ..., "params": ...}. INPUT is a
request body file, or - for standard input.

Exit status: 0 accepted, 1 rejected, 2 unusable arguments, model or input.

Flags:
`

// validateFlags are the flags of mlscope validate.
type validateFlags struct {
	model, signature string
	backendStoreURI  string
	artifactsDest    string
	mode             signature.Mode
	contentType      string
	json             bool
	input            string
}

// parseValidateFlags reads the command line. Flags may come before or
// after INPUT, as in `mlscope validate body.json --model m`.
func parseValidateFlags(args []string, stderr io.Writer) (validateFlags, error) {
	var f validateFlags
	fs := flag.NewFlagSet("mlscope validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		io.WriteString(stderr, validateUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&f.model, "model", "", "the model: a folder, an MLmodel file, runs:/ or models:/ URI")
	fs.StringVar(&f.signature, "signature", "", "a bare signature JSON file, instead of --model")
	fs.StringVar(&f.backendStoreURI, "backend-store-uri", "./mlruns",
		"the mlruns folder that runs:/ and models:/ URIs are read from")
	fs.StringVar(&f.artifactsDest, "artifacts-destination", "./mlartifacts",
		"where mlflow-artifacts: URIs are stored")
	mode := fs.String("mode", "serving", "serving (mlflow models serve) or pyfunc (predict in Python)")
	fs.StringVar(&f.contentType, "content-type", "",
		"text/csv or application/json (default: text/csv for a .csv INPUT, else JSON)")
	fs.BoolVar(&f.json, "json", false, "print the result as JSON")
	var inputs []string
	for {
		if err := fs.Parse(args); err != nil {
			return f, err
		}
		if fs.NArg() == 0 {
			break
		}
		inputs = append(inputs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return f, f.check(*mode, inputs)
}

// check validates the flag values once they are all read.
func (f *validateFlags) check(mode string, inputs []string) error {
	switch mode {
	case "serving":
		f.mode = signature.Serving
	case "pyfunc":
		f.mode = signature.Pyfunc
	default:
		return usageError{fmt.Sprintf("--mode %q: use serving or pyfunc", mode)}
	}
	switch {
	case f.model == "" && f.signature == "":
		return usageError{"validate needs --model PATH or --signature FILE"}
	case f.model != "" && f.signature != "":
		return usageError{"give either --model or --signature, not both"}
	case len(inputs) != 1:
		return usageError{fmt.Sprintf("validate takes one INPUT (a file, or - for standard "+
			"input); got %d", len(inputs))}
	}
	f.input = inputs[0]
	if f.contentType == "" {
		f.contentType = signature.ContentJSON
		if strings.EqualFold(filepath.Ext(f.input), ".csv") {
			f.contentType = signature.ContentCSV
		}
	}
	// The scoring server answers other types with 415; here a wrong
	// --content-type is a mistake on the command line, not a verdict.
	mime, _, _ := strings.Cut(f.contentType, ";")
	mime = strings.ToLower(strings.TrimSpace(mime))
	if mime != signature.ContentJSON && mime != signature.ContentCSV {
		return usageError{fmt.Sprintf("--content-type %q: use text/csv or application/json",
			f.contentType)}
	}
	return nil
}

// errRejected is runValidate's answer for a request MLflow would refuse
// (exit status 1); the report has already been printed.
type errRejected struct{ category signature.Category }

func (e errRejected) Error() string {
	return fmt.Sprintf("the input was rejected (%s)", e.category)
}

// runValidate checks one request body against a model's signature and
// prints the verdict. Problems with the arguments, the model or the input
// are usageErrors (exit status 2), so that scripts can tell them from a
// rejected input.
func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	f, err := parseValidateFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		if _, ok := err.(usageError); !ok {
			err = usageError{err.Error()}
		}
		return err
	}
	sig, where, err := loadSignature(f)
	if err != nil {
		return usageError{err.Error()}
	}
	res, err := validateInput(f, sig, stdin)
	if err != nil {
		return usageError{err.Error()}
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("write result: %w", err)
		}
	} else {
		printReport(stdout, res, where)
	}
	if !res.Accepted {
		return errRejected{res.Category}
	}
	return nil
}

// validateInput reads INPUT (a file or standard input) and validates it.
func validateInput(f validateFlags, sig *signature.Signature, stdin io.Reader) (*signature.Result,
	error) {
	r, name := stdin, "standard input"
	if f.input != "-" {
		file, err := os.Open(f.input)
		if err != nil {
			return nil, fmt.Errorf("read input: %w", err)
		}
		defer file.Close()
		r, name = file, f.input
	}
	opts := signature.Options{Mode: f.mode, ContentType: f.contentType, MaxProblems: -1}
	res, err := signature.ValidateReader(sig, r, opts)
	if err != nil {
		return nil, fmt.Errorf("read input %s: %w", name, err)
	}
	return res, nil
}
