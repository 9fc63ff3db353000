package chart

import (
	"testing"
	"time"
)

func TestTimeTicks(t *testing.T) {
	at := func(s string) float64 {
		tm, err := time.ParseInLocation("2006-01-02 15:04:05", s, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return float64(tm.UnixMilli())
	}
	plus3, _ := time.LoadLocation("Etc/GMT-3") // three hours ahead of UTC
	tests := []struct {
		name   string
		lo, hi string
		n      int
		loc    *time.Location
		want   string
	}{
		{"minutes", "2024-12-03 19:42:10", "2024-12-03 19:52:10", 5, time.UTC,
			"19:44 19:46 19:48 19:50 19:52"},
		{"seconds", "2024-12-03 19:42:10", "2024-12-03 19:42:50", 4, time.UTC,
			"19:42:10 19:42:20 19:42:30 19:42:40 19:42:50"},
		{"quarter minutes", "2024-12-03 19:42:10", "2024-12-03 19:43:10", 4, time.UTC,
			"19:42:15 19:42:30 19:42:45 19:43:00"},
		{"hours in another zone", "2024-12-03 19:00:00", "2024-12-04 01:00:00", 3, plus3,
			"Dec 3 22:00 Dec 4 00:00 Dec 4 02:00 Dec 4 04:00"},
		{"across midnight", "2024-12-03 22:30:00", "2024-12-04 02:00:00", 2, time.UTC,
			"Dec 4 00:00 Dec 4 02:00"},
		{"days", "2024-12-01 12:00:00", "2024-12-08 12:00:00", 4, time.UTC,
			"Dec 2 Dec 4 Dec 6 Dec 8"},
		{"one instant", "2024-12-03 19:42:10", "2024-12-03 19:42:10", 4, time.UTC, "19:42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := labels(TimeTicks(at(tt.lo), at(tt.hi), tt.n, tt.loc))
			if got != tt.want {
				t.Fatalf("TimeTicks(%s, %s, %d) = %q, want %q", tt.lo, tt.hi, tt.n, got, tt.want)
			}
		})
	}
}

func TestDurationTicks(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64
		n      int
		want   string
	}{
		{"seconds", 0, 40e3, 4, "0 s 10 s 20 s 30 s 40 s"},
		{"minutes", 0, 3600e3, 4, "0 min 15 min 30 min 45 min 60 min"},
		{"hours", 0, 2 * msDay, 4, "0 h 12 h 24 h 36 h 48 h"},
		{"days", 0, 60 * msDay, 4, "0 d 20 d 40 d 60 d"},
		{"under a second", 0, 500, 5, "0 s 0.1 s 0.2 s 0.3 s 0.4 s 0.5 s"},
		{"zoomed", 95e3, 125e3, 3, "100 s 110 s 120 s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := labels(DurationTicks(tt.lo, tt.hi, tt.n)); got != tt.want {
				t.Fatalf("DurationTicks(%v, %v, %d) = %q, want %q", tt.lo, tt.hi, tt.n, got, tt.want)
			}
		})
	}
}
