package ui

import "testing"

func TestToChunk(t *testing.T) {
	tests := []struct {
		name         string
		status       int
		contentRange string
		body         string
		off, n       int64
		want         string
		wantOff      int64
		wantTotal    int64
		wantErr      bool
	}{
		{"partial", 206, "bytes 0-3/10", "abcd", 0, 4, "abcd", 0, 10, false},
		{"partial later", 206, "bytes 4-9/10", "efghij", 4, 100, "efghij", 4, 10, false},
		{"past the end", 416, "bytes */10", "", 10, 4, "", 10, 10, false},
		// The offline copy is the whole file: the range is cut from it.
		{"whole file", 200, "", "abcdefghij", 2, 3, "cde", 2, 10, false},
		{"whole file, past its end", 200, "", "abc", 5, 3, "", 3, 3, false},
		{"no Content-Range", 206, "", "abcd", 0, 4, "", 0, 0, true},
		{"bad Content-Range", 206, "bytes x-3/10", "abcd", 0, 4, "", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := toChunk(tt.status, tt.contentRange, []byte(tt.body), tt.off, tt.n)
			if (err != nil) != tt.wantErr {
				t.Fatalf("toChunk(%d, %q): error %v, want error %v", tt.status, tt.contentRange,
					err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if string(c.data) != tt.want || c.off != tt.wantOff || c.total != tt.wantTotal {
				t.Errorf("toChunk(%d, %q, %q, %d, %d) = %q at %d of %d, want %q at %d of %d",
					tt.status, tt.contentRange, tt.body, tt.off, tt.n, c.data, c.off, c.total,
					tt.want, tt.wantOff, tt.wantTotal)
			}
		})
	}
}
