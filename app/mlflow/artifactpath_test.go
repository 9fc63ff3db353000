package mlflow

import "testing"

func TestCleanArtifactPath(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"", "", true},
		{".", "", true},
		{"model/MLmodel", "model/MLmodel", true},
		{"model/", "model", true},
		{"a/./b", "a/b", true},
		{"file with space.txt", "file with space.txt", true},
		{"..", "", false},
		{"../x", "", false},
		{"a/../../x", "", false},
		{"a/..", "", false},
		{"/etc/passwd", "", false},
		{"C:/Windows", "", false},
		{`a\..\b`, "", false},
		{"a%2f..%2fb", "", false},
		{"%2e%2e/x", "", false},
		{"a\x00b", "", false},
	}
	for _, tt := range tests {
		got, err := CleanArtifactPath(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("CleanArtifactPath(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzCleanArtifactPath(f *testing.F) {
	for _, s := range []string{"model/MLmodel", "../x", "a/b/../c", "%2e%2e", "/abs"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		c, err := CleanArtifactPath(p)
		if err != nil {
			return
		}
		if len(c) > 0 && (c[0] == '/' || c == ".." || len(c) >= 3 && c[:3] == "../") {
			t.Fatalf("CleanArtifactPath(%q) = %q escapes the root", p, c)
		}
	})
}
