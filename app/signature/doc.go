// Package signature checks requests against MLflow model signatures, the way
// MLflow's scoring server and pyfunc models enforce them.
//
// It parses signatures (from an MLmodel file's signature block or a bare
// signature JSON), parses scoring requests in every format the scoring server
// accepts (dataframe_split, dataframe_records, instances, inputs, params and
// CSV), and validates them in two modes: Serving (what `mlflow models serve`
// does: cast with the schema, then enforce) and Pyfunc (values handed to
// PyFuncModel.predict unconverted). A Result lists every problem with its
// place, a category matching MLflow's error classes, notes, and the input as
// it would reach the model. Large requests can be validated in chunks with a
// Validator so a browser UI stays responsive.
//
// The package is pure: it does no file or network I/O, has no syscall/js, and
// builds for every target including js/wasm. It must never import os,
// net/http, syscall/js or anything that does I/O; parsers take []byte or
// io.Reader.
package signature
