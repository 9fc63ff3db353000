package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// signatureVectors is the shared signature test-vector file (spec §11),
// beside the clone like the real trees.
const signatureVectors = "../../shared/fixtures/signature-cases.jsonl"

// owlModel is the model folder of the test tree's run gentle-owl-42: a
// column signature of two doubles, "fixed acidity" and "alcohol".
var owlModel = filepath.Join(testTree, "284915716337362101", owlRun, "artifacts", "model")

// sigVector is one line of the shared vectors.
type sigVector struct {
	ID        string          `json:"id"`
	Signature json.RawMessage `json:"signature"`
	Request   string          `json:"request"`
	Expect    string          `json:"expect"`
	Reason    *string         `json:"reason"`
}

func loadSigVectors(t *testing.T) []sigVector {
	t.Helper()
	data, err := os.ReadFile(signatureVectors)
	if err != nil {
		t.Skipf("skipped: the shared signature vectors (%s, beside the clone in CI) are "+
			"absent: %v", signatureVectors, err)
	}
	var out []sigVector
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			var v sigVector
			if err := json.Unmarshal(line, &v); err != nil {
				t.Fatalf("bad vector line %.200q: %v", line, err)
			}
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no vectors in %s", signatureVectors)
	}
	return out
}

// validateRun runs `mlscope validate` with the arguments and standard
// input, and returns the exit status, standard output and standard error.
func validateRun(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runValidate(args, strings.NewReader(stdin), &out, &errOut)
	code := 0
	if err != nil {
		code = exitCode(err)
		errOut.WriteString("mlscope: " + err.Error() + "\n")
	}
	return code, out.String(), errOut.String()
}

// writeModelFolder writes a model folder whose MLmodel holds the
// signature block of a vector, as MLflow writes it: each entry a JSON
// string or null.
func writeModelFolder(t *testing.T, sig json.RawMessage) string {
	t.Helper()
	var block map[string]any
	if err := json.Unmarshal(sig, &block); err != nil {
		t.Fatal(err)
	}
	doc := map[string]any{
		"artifact_path":  "model",
		"flavors":        map[string]any{"python_function": map[string]any{"loader_module": "mlflow.sklearn"}},
		"mlflow_version": "2.20.0",
		"signature":      block,
	}
	b, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mustWriteFile(t, filepath.Join(dir, "MLmodel"), string(b))
	return dir
}

// resultJSON is the part of --json's output the tests read, by the field
// names scripts rely on.
type resultJSON struct {
	Accepted     bool   `json:"accepted"`
	Category     string `json:"category"`
	Message      string `json:"message"`
	Mode         string `json:"mode"`
	ProblemCount int    `json:"problemCount"`
	Problems     []struct {
		Row      int    `json:"row"`
		Column   string `json:"column"`
		Expected string `json:"expected"`
		Found    string `json:"found"`
	} `json:"problems"`
}

func decodeResult(t *testing.T, out string) resultJSON {
	t.Helper()
	var res resultJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output is not a result: %v\n%s", err, out)
	}
	return res
}

func mustWriteFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestValidateVectors sends every shared vector through the command, in
// serving mode: even rows with a model folder and the human report, odd
// rows with a --signature file and --json.
func TestValidateVectors(t *testing.T) {
	for i, vc := range loadSigVectors(t) {
		t.Run(vc.ID, func(t *testing.T) {
			dir := t.TempDir()
			input := filepath.Join(dir, "request.json")
			mustWriteFile(t, input, vc.Request)
			wantCode, wantReason := 0, ""
			if vc.Expect == "reject" {
				wantCode = 1
			}
			if vc.Reason != nil {
				wantReason = *vc.Reason
			}
			if i%2 == 0 {
				code, out, errOut := validateRun(t, "", "--model", writeModelFolder(t, vc.Signature), input)
				first, _, _ := strings.Cut(out, "\n")
				want := "accepted"
				if wantCode == 1 {
					want = "rejected: " + wantReason + " "
				}
				if code != wantCode || !strings.HasPrefix(first, want) {
					t.Fatalf("request %s\ngot exit %d, %q\nwant exit %d, %q\n%s%s",
						vc.Request, code, first, wantCode, want, out, errOut)
				}
				return
			}
			sigFile := filepath.Join(dir, "signature.json")
			mustWriteFile(t, sigFile, string(vc.Signature))
			code, out, errOut := validateRun(t, "", "--signature", sigFile, "--json", input)
			res := decodeResult(t, out)
			if code != wantCode || string(res.Category) != wantReason ||
				res.Accepted != (wantCode == 0) {
				t.Fatalf("request %s\ngot exit %d, accepted %v, %q (%s)\nwant exit %d, %q\n%s",
					vc.Request, code, res.Accepted, res.Category, res.Message, wantCode, wantReason,
					errOut)
			}
		})
	}
}

// TestValidateUnusable checks that every argument, model or input the
// command cannot use exits with status 2 and names what was wrong.
func TestValidateUnusable(t *testing.T) {
	dir := t.TempDir()
	body := filepath.Join(dir, "body.json")
	mustWriteFile(t, body, `{"dataframe_records": [{"fixed acidity": 7.4, "alcohol": 9.4}]}`)
	badSig := filepath.Join(dir, "bad-signature.json")
	mustWriteFile(t, badSig, `{"inputs": "[{\"type\": \"long\"`)
	unknownType := filepath.Join(dir, "unknown-type.json")
	mustWriteFile(t, unknownType, `{"inputs": [{"type": "decimal", "name": "a"}]}`)
	emptyFolder := t.TempDir()
	brokenModel := t.TempDir()
	mustWriteFile(t, filepath.Join(brokenModel, "MLmodel"), "signature:\n  inputs: '[{\"type\": \"long\"'\n")
	runModel := "runs:/" + owlRun + "/model"

	for _, tc := range []struct {
		name  string
		args  []string
		wants []string // in standard error
	}{
		{"no model", []string{body}, []string{"--model PATH or --signature FILE"}},
		{"both model and signature", []string{"--model", owlModel, "--signature", badSig, body},
			[]string{"either --model or --signature"}},
		{"missing model folder", []string{"--model", filepath.Join(dir, "nope"), body},
			[]string{"read model", "nope"}},
		{"folder without MLmodel", []string{"--model", emptyFolder, body}, []string{"MLmodel"}},
		{"MLmodel with a broken signature", []string{"--model", brokenModel, body},
			[]string{"inputs is not valid JSON"}},
		{"signature not JSON", []string{"--signature", badSig, body},
			[]string{"bad-signature.json", "not valid JSON"}},
		{"signature with an unknown type", []string{"--signature", unknownType, body},
			[]string{"decimal"}},
		{"missing signature file", []string{"--signature", filepath.Join(dir, "none.json"), body},
			[]string{"read signature", "none.json"}},
		{"missing input", []string{"--model", owlModel, filepath.Join(dir, "absent.json")},
			[]string{"read input", "absent.json"}},
		{"input is a folder", []string{"--model", owlModel, dir}, []string{"read input"}},
		{"no input", []string{"--model", owlModel}, []string{"one INPUT", "got 0"}},
		{"two inputs", []string{"--model", owlModel, body, body}, []string{"one INPUT", "got 2"}},
		{"unknown flag", []string{"--model", owlModel, "--bogus", body}, []string{"-bogus"}},
		{"bad mode", []string{"--model", owlModel, "--mode", "batch", body}, []string{`--mode "batch"`}},
		{"bad content type", []string{"--model", owlModel, "--content-type", "text/plain", body},
			[]string{`--content-type "text/plain"`}},
		{"unsupported model URI", []string{"--model", "s3://bucket/model", body},
			[]string{"s3://bucket/model", "runs:/"}},
		{"runs: without a store", []string{"--model", runModel, "--backend-store-uri",
			filepath.Join(dir, "no-mlruns"), body}, []string{"no-mlruns", "no mlruns folder"}},
		{"runs: unknown run", []string{"--model", "runs:/0123456789abcdef0123456789abcdef/model",
			"--backend-store-uri", testTree, body}, []string{"0123456789abcdef0123456789abcdef"}},
		{"runs: no model at the path", []string{"--model", "runs:/" + owlRun + "/nothing",
			"--backend-store-uri", testTree, body}, []string{"no MLmodel file", "nothing"}},
		{"runs: path leaving the run", []string{"--model", "runs:/" + owlRun + "/../../..",
			"--backend-store-uri", testTree, body}, []string{"Invalid path"}},
		{"models: stage", []string{"--model", "models:/wine/Production", body},
			[]string{"version numbers"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := validateRun(t, "", tc.args...)
			if code != 2 {
				t.Fatalf("args %q: exit %d, want 2\n%s%s", tc.args, code, out, errOut)
			}
			for _, w := range tc.wants {
				if !strings.Contains(errOut, w) {
					t.Errorf("args %q: standard error lacks %q:\n%s", tc.args, w, errOut)
				}
			}
		})
	}
}

// TestValidateStdin reads the request from standard input, and takes
// flags after INPUT.
func TestValidateStdin(t *testing.T) {
	for _, tc := range []struct {
		name, body, contentType string
		want                    int
		report                  string
	}{
		{"json accepted", `{"inputs": {"fixed acidity": [7.4], "alcohol": [9.4]}}`, "", 0,
			"input: inputs, 1 row × 2 columns, serving mode"},
		{"json rejected", `{"dataframe_records": [{"alcohol": 9.4}]}`, "", 1,
			"missing_column"},
		// Without --content-type, standard input is read as JSON.
		{"csv as json", "fixed acidity,alcohol\n7.4,9.4\n", "", 1, "malformed_json"},
		// pandas.read_csv with the schema's dtypes fails on text in a float
		// column: the server refuses the body before enforcing anything.
		{"csv", "fixed acidity,alcohol\n7.4,9.4\n8.1,x\n", "text/csv", 1,
			`row 1, column "alcohol": bad_format`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"--model", owlModel, "-"}
			if tc.contentType != "" {
				args = append(args, "--content-type", tc.contentType)
			}
			code, out, errOut := validateRun(t, tc.body, args...)
			if code != tc.want || !strings.Contains(out, tc.report) {
				t.Fatalf("body %q: exit %d, want %d with %q\n%s%s", tc.body, code, tc.want,
					tc.report, out, errOut)
			}
		})
	}
}

// TestValidateReport checks the human report of a rejected request: the
// verdict, MLflow's message, and each problem with its place, expected
// and found.
func TestValidateReport(t *testing.T) {
	body := `{"dataframe_split": {"columns": ["fixed acidity", "alcohol"],
		"data": [[7.4, 9.4], ["high", 9.8], [7.8, null], [6.1, "low"]]}}`
	code, out, errOut := validateRun(t, body, "--model", owlModel, "-")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"rejected: bad_type (HTTP 400 BAD_REQUEST)\n",
		"input: dataframe_split, 4 rows × 2 columns, serving mode\n",
		"MLflow answers: Invalid input. Data is not compatible with model signature. " +
			"Failed to convert column fixed acidity",
		"2 problems:\n",
		"  row 1, column \"fixed acidity\": bad_type\n    expected double, found str 'high'\n",
		"  row 3, column \"alcohol\": bad_type\n    expected double, found str 'low'\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "rejected (bad_type)") {
		t.Errorf("standard error: %q", errOut)
	}
}

// TestValidateRunsURI finds the model of a run through the store: in the
// test tree's own artifacts folder, and under --artifacts-destination for
// a run whose artifacts a tracking server proxied (mlflow-artifacts:).
func TestValidateRunsURI(t *testing.T) {
	body := `{"dataframe_records": [{"fixed acidity": 7.4, "alcohol": 9.4}]}`
	for _, uri := range []string{"runs:/" + owlRun + "/model", "runs:/" + owlRun + "/model/MLmodel"} {
		code, out, errOut := validateRun(t, body, "--model", uri, "--backend-store-uri", testTree, "-")
		if code != 0 || !strings.Contains(out, "model: runs:/"+owlRun) {
			t.Errorf("%s: exit %d\n%s%s", uri, code, out, errOut)
		}
	}

	tree, dest := proxiedTree(t)
	args := []string{"--model", "runs:/" + owlRun + "/model", "--backend-store-uri", "file://" + tree}
	code, out, errOut := validateRun(t, body, append(args, "--artifacts-destination", dest, "-")...)
	if code != 0 {
		t.Fatalf("proxied artifacts: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = validateRun(t, body, append(args, "--artifacts-destination", t.TempDir(), "-")...)
	if code != 2 || !strings.Contains(errOut, "not found under") {
		t.Errorf("proxied artifacts, wrong destination: exit %d, %s", code, errOut)
	}
}

// proxiedTree copies the test tree's run as a tracking server with
// --serve-artifacts records it: artifact_uri mlflow-artifacts:/…, the
// files under the artifacts destination and none inside the tree.
func proxiedTree(t *testing.T) (tree, dest string) {
	t.Helper()
	tree = filepath.Join(t.TempDir(), "mlruns")
	if err := os.CopyFS(tree, os.DirFS(testTree)); err != nil {
		t.Fatal(err)
	}
	runDir := filepath.Join(tree, "284915716337362101", owlRun)
	dest = t.TempDir()
	rel := filepath.Join("284915716337362101", owlRun, "artifacts")
	if err := os.Rename(filepath.Join(runDir, "artifacts"), filepath.Join(dest, "tmp")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Join(dest, rel)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dest, "tmp"), filepath.Join(dest, rel)); err != nil {
		t.Fatal(err)
	}
	meta := filepath.Join(runDir, "meta.yaml")
	b, err := os.ReadFile(meta)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "artifact_uri:") {
			l = "artifact_uri: mlflow-artifacts:/" + filepath.ToSlash(rel)
		}
		lines = append(lines, l)
	}
	mustWriteFile(t, meta, strings.Join(lines, "\n"))
	return tree, dest
}

// TestValidateModelsURI reads a registered version's model.
func TestValidateModelsURI(t *testing.T) {
	body := `{"dataframe_records": [{"fixed acidity": 7.4, "alcohol": 9.4}]}`
	code, out, errOut := validateRun(t, body, "--model", "models:/wine-elasticnet/1",
		"--backend-store-uri", registryTree(t), "-")
	if code != 0 || !strings.Contains(out, "model: models:/wine-elasticnet/1") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// TestValidatePyfuncMode checks a few rows in both modes: the scoring
// server casts JSON integers into double columns, while predict called
// from Python refuses int64 for double unless every value is 0 or 1.
func TestValidatePyfuncMode(t *testing.T) {
	for _, tc := range []struct {
		name, body      string
		serving, pyfunc int
		pyfuncCategory  string
	}{
		{"doubles", `{"dataframe_records": [{"fixed acidity": 7.4, "alcohol": 9.5},
			{"fixed acidity": 8.1, "alcohol": 10.2}]}`, 0, 0, ""},
		{"whole numbers", `{"dataframe_records": [{"fixed acidity": 7, "alcohol": 9}]}`,
			0, 1, "bad_type"},
		// int64 holding only 0 and 1 may become float64 (spec §6 step 10).
		{"zeros and ones", `{"dataframe_split": {"columns": ["fixed acidity", "alcohol"],
			"data": [[0, 1], [1, 0]]}}`, 0, 0, ""},
		// The server parses numeric text; pandas in Python keeps it as object.
		{"numeric text", `{"dataframe_records": [{"fixed acidity": "7.4", "alcohol": 9.5}]}`,
			0, 1, "bad_type"},
		{"missing column", `{"dataframe_records": [{"alcohol": 9.5}]}`, 1, 1, "missing_column"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := validateRun(t, tc.body, "--model", owlModel, "-")
			if code != tc.serving {
				t.Errorf("serving: exit %d, want %d\n%s%s", code, tc.serving, out, errOut)
			}
			code, out, errOut = validateRun(t, tc.body, "--model", owlModel, "--mode", "pyfunc",
				"--json", "-")
			res := decodeResult(t, out)
			if code != tc.pyfunc || string(res.Category) != tc.pyfuncCategory ||
				res.Mode != "pyfunc" {
				t.Errorf("pyfunc: exit %d %q mode %v, want %d %q\n%s", code, res.Category,
					res.Mode, tc.pyfunc, tc.pyfuncCategory, out)
			}
		})
	}
}
