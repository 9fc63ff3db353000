package signature

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// vectorsPath is the shared test-vector file, relative to this package.
var vectorsPath = filepath.Join("..", "..", "..", "shared", "fixtures", "signature-cases.jsonl")

type vector struct {
	ID        string            `json:"id"`
	Source    string            `json:"source"`
	Signature json.RawMessage   `json:"signature"`
	Request   string            `json:"request"`
	Expect    string            `json:"expect"`
	Reason    *string           `json:"reason"`
	Converted map[string]string `json:"converted"`
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	data, err := os.ReadFile(vectorsPath)
	if err != nil {
		t.Skip("../shared/fixtures not found; the shared signature test vectors " +
			"(shared/fixtures/signature-cases.jsonl next to the repository) are absent: " +
			err.Error())
	}
	var out []vector
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var v vector
		if err := json.Unmarshal(line, &v); err != nil {
			t.Fatalf("bad vector line %q: %v", line, err)
		}
		out = append(out, v)
	}
	return out
}

// TestVectors runs every shared vector in serving mode and checks the
// verdict, the category and the converted column types.
func TestVectors(t *testing.T) {
	vectors := loadVectors(t)
	if len(vectors) == 0 {
		t.Fatal("no vectors in " + vectorsPath)
	}
	for _, vc := range vectors {
		t.Run(vc.ID, func(t *testing.T) {
			sig, err := ParseSignature(vc.Signature)
			if err != nil {
				t.Fatalf("signature %s: %v", vc.Signature, err)
			}
			res := Validate(sig, []byte(vc.Request), Options{})
			want := ""
			if vc.Reason != nil {
				want = *vc.Reason
			}
			got := "accept"
			if !res.Accepted {
				got = "reject"
			}
			if got != vc.Expect || string(res.Category) != want {
				t.Fatalf("request %s\n got: %s %q (%s)\nwant: %s %q\nproblems: %+v",
					vc.Request, got, res.Category, res.Message, vc.Expect, want, res.Problems)
			}
			checkConverted(t, vc, res)
		})
	}
}

func checkConverted(t *testing.T, vc vector, res *Result) {
	t.Helper()
	if vc.Converted == nil {
		return
	}
	if res.Input == nil || res.Input.Table == nil {
		t.Fatalf("request %s: no converted table, want %v", vc.Request, vc.Converted)
	}
	got := map[string]string{}
	for _, c := range res.Input.Table.Columns {
		got[c.Name] = c.Type
	}
	if len(got) != len(vc.Converted) {
		t.Fatalf("request %s: converted columns got %v want %v", vc.Request, got, vc.Converted)
	}
	for k, w := range vc.Converted {
		if got[k] != w {
			t.Fatalf("request %s: column %s got type %q want %q", vc.Request, k, got[k], w)
		}
	}
}
