package guard

import (
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // 0: an error
	}{
		{"1048576", 1 << 20},
		{"512K", 512 << 10},
		{"16M", 16 << 20},
		{"16MiB", 16 << 20},
		{"16mb", 16 << 20},
		{"64G", 64 << 30},
		{" 2 T ", 2 << 40},
		{"100B", 100},
		{"0", 0},
		{"-5M", 0},
		{"M", 0},
		{"1.5G", 0},
		{"5I", 0},
		{"1BB", 0},
		{"9000000T", 0}, // overflows int64
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if tt.want == 0 {
				if err == nil {
					t.Errorf("ParseSize(%q) = %d, want an error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{16 << 20: "16 MiB", 64 << 30: "64 GiB",
		1500: "1500 bytes", 3 << 10: "3 KiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// FuzzParseSize checks that ParseSize never panics, accepts only positive
// sizes, and reads back what FormatSize writes.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"16M", "64GiB", "1", "9223372036854775807", "8T", "-1", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err != nil {
			return
		}
		if n <= 0 {
			t.Fatalf("ParseSize(%q) = %d", s, n)
		}
		text := FormatSize(n)
		if text[len(text)-5:] == "bytes" {
			text = text[:len(text)-6]
		}
		if back, err := ParseSize(text); err != nil || back != n {
			t.Errorf("ParseSize(FormatSize(%d) = %q) = %d, %v", n, text, back, err)
		}
	})
}
