package mlmodel

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// shown is what the model view shows of a model: every field, and each
// flavor's settings as text (a number read from JSON is a json.Number,
// from YAML an int or a float64).
func shown(m *Model) (*Model, [][]Setting) {
	c := *m
	var settings [][]Setting
	c.Flavors = nil
	for _, f := range m.Flavors {
		c.Flavors = append(c.Flavors, Flavor{Name: f.Name})
		settings = append(settings, f.Settings())
	}
	return &c, settings
}

// TestDocumentJSON reads every test MLmodel file both ways: parsed as
// YAML, and converted to JSON then parsed as the browser does. The model
// view must show the same.
func TestDocumentJSON(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.MLmodel"))
	if len(files) == 0 {
		t.Fatal("no test MLmodel files")
	}
	extra := map[string]string{
		"timestamp and odd keys": "utc_time_created: 2024-12-03 18:26:12.5\n" +
			"flavors:\n  sklearn:\n    1: one\n    true: yes\n    ratio: .nan\n",
	}
	cases := map[string][]byte{}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cases[filepath.Base(p)] = b
	}
	for name, text := range extra {
		cases[name] = []byte(text)
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			fromYAML, err := Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			js, err := DocumentJSON(b)
			if err != nil {
				t.Fatalf("DocumentJSON: %v", err)
			}
			fromJSON, err := ParseJSON(js)
			if err != nil {
				t.Fatalf("ParseJSON(%s): %v", js, err)
			}
			wantM, wantS := shown(fromYAML)
			gotM, gotS := shown(fromJSON)
			if !reflect.DeepEqual(gotM, wantM) || !reflect.DeepEqual(gotS, wantS) {
				t.Errorf("through JSON:\n%+v\n%q\nas YAML:\n%+v\n%q", gotM, gotS, wantM, wantS)
			}
		})
	}
}

func TestDocumentJSONErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "empty MLmodel file"},
		{"flavors: [unclosed", "invalid MLmodel yaml"},
		{"- a list", "invalid MLmodel yaml"},
	} {
		if _, err := DocumentJSON([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("DocumentJSON(%q) = %v, want an error saying %q", c.in, err, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"null", "empty MLmodel file"},
		{"[1]", "invalid MLmodel JSON"},
		{`{"a":`, "invalid MLmodel JSON"},
	} {
		if _, err := ParseJSON([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseJSON(%q) = %v, want an error saying %q", c.in, err, c.want)
		}
	}
}

// FuzzDocumentJSON: whatever YAML parses converts to JSON that parses to
// a usable model.
func FuzzDocumentJSON(f *testing.F) {
	addTestFiles(f)
	f.Add([]byte("a: {1: [x, .inf], 2024-01-02: null}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := Parse(b); err != nil {
			return
		}
		js, err := DocumentJSON(b)
		if err != nil {
			t.Fatalf("Parse reads %q but DocumentJSON fails: %v", b, err)
		}
		m, err := ParseJSON(js)
		if err != nil {
			t.Fatalf("ParseJSON(%s): %v", js, err)
		}
		_ = m.URI()
		_ = m.ExampleFiles()
		for _, fl := range m.Flavors {
			_ = fl.Settings()
		}
	})
}
