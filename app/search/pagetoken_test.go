package search

import (
	"encoding/base64"
	"fmt"
	"testing"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestEncodePageToken(t *testing.T) {
	if got, want := EncodePageToken(100), "eyJvZmZzZXQiOiAxMDB9"; got != want {
		t.Errorf("EncodePageToken(100) = %q, want %q", got, want)
	}
	if got, want := EncodePageToken(3), b64(`{"offset": 3}`); got != want {
		t.Errorf("EncodePageToken(3) = %q, want %q", got, want)
	}
}

func TestDecodePageToken(t *testing.T) {
	tests := []struct {
		name, token string
		want        int
	}{
		{"empty", "", 0},
		{"ours", EncodePageToken(100), 100},
		{"no space", b64(`{"offset":7}`), 7},
		{"string offset", b64(`{"offset": " 12 "}`), 12},
		{"string zero", b64(`{"offset": "0"}`), 0},
		{"float offset", b64(`{"offset": 5.9}`), 5},
		{"true", b64(`{"offset": true}`), 1},
		{"other keys", b64(`{"a": 1, "offset": 4}`), 4},
		{"junk characters skipped", "eyJvZmZz\nZXQiOiAxMDB9!", 100},
		{"huge", b64(`{"offset": "99999999999999999999999"}`), int(^uint(0) >> 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodePageToken(tt.token)
			if err != nil || got != tt.want {
				t.Errorf("DecodePageToken(%q) = %d, %v; want %d", tt.token, got, err, tt.want)
			}
		})
	}
}

func TestDecodePageTokenErrors(t *testing.T) {
	tests := []struct {
		name, token, msg string
	}{
		{"bad padding", "abc", "Invalid page token, could not base64-decode"},
		{"not json", b64("hello"), "Invalid page token, decoded value=b'hello'"},
		{"nothing left", "!!!", "Invalid page token, decoded value=b''"},
		{"bytes repr", b64("it's\n\xff"), `Invalid page token, decoded value=b"it's\n\xff"`},
		{"zero", b64(`{"offset": 0}`), "Invalid page token, parsed value={'offset': 0}"},
		{"missing", b64(`{"foo": "x'y"}`), `Invalid page token, parsed value={'foo': "x'y"}`},
		{"null", b64(`{"offset": null, "a": [true, false]}`),
			"Invalid page token, parsed value={'offset': None, 'a': [True, False]}"},
		{"empty string", b64(`{"offset": ""}`), "Invalid page token, parsed value={'offset': ''}"},
		{"negative", b64(`{"offset": -5}`), "Invalid page token, parsed value={'offset': -5}"},
		{"not an object", b64(`[1, 2]`), "Invalid page token, parsed value=[1, 2]"},
		{"not a number", b64(`{"offset": "ten"}`), "Invalid page token, not stringable ten"},
		{"list offset", b64(`{"offset": [1]}`), "Invalid page token, not stringable [1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodePageToken(tt.token)
			wantErr(t, tt.token, err, tt.msg, 0, len(tt.token))
		})
	}
}

func TestPaginate(t *testing.T) {
	items := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	tests := []struct {
		name, token string
		max         int
		want        string
		next        string
	}{
		{"first page", "", 3, "[0 1 2]", EncodePageToken(3)},
		{"middle page", EncodePageToken(3), 3, "[3 4 5]", EncodePageToken(6)},
		{"last partial page", EncodePageToken(9), 3, "[9]", ""},
		{"exact fit", "", 10, "[0 1 2 3 4 5 6 7 8 9]", ""},
		{"past the end", EncodePageToken(20), 3, "[]", ""},
		{"zero max", EncodePageToken(2), 0, "[]", EncodePageToken(2)},
		{"negative max", EncodePageToken(2), -1, "[]", EncodePageToken(2)},
		{"huge offset", b64(`{"offset": "99999999999999999999999"}`), 5, "[]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, next, err := Paginate(items, tt.token, tt.max)
			if err != nil {
				t.Fatalf("Paginate(%q, %d): %v", tt.token, tt.max, err)
			}
			if got := fmt.Sprint(page); got != tt.want || next != tt.next {
				t.Errorf("Paginate(%q, %d)\n got  %s next %q\n want %s next %q",
					tt.token, tt.max, got, next, tt.want, tt.next)
			}
		})
	}
	if _, _, err := Paginate(items, "abc", 3); err == nil {
		t.Error("Paginate with a bad token: no error")
	}
}

func TestCheckMaxResults(t *testing.T) {
	tests := []struct {
		name string
		fn   func(int64) error
		n    int64
		msg  string
	}{
		{"runs ok", CheckRunMaxResults, 50000, ""},
		{"runs zero ok", CheckRunMaxResults, 0, ""},
		{"runs too many", CheckRunMaxResults, 50001, "Invalid value for request parameter " +
			"max_results. It must be at most 50000, but got value 50001"},
		{"experiments ok", CheckExperimentMaxResults, 1, ""},
		{"experiments zero", CheckExperimentMaxResults, 0,
			"Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer"},
		{"experiments too many", CheckExperimentMaxResults, 60000,
			"Invalid value 60000 for parameter 'max_results' supplied. It must be at most 50000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.fn(tt.n)
			if tt.msg == "" {
				if err != nil {
					t.Errorf("%d: unexpected error %v", tt.n, err)
				}
				return
			}
			wantErr(t, fmt.Sprint(tt.n), err, tt.msg, 0, 0)
		})
	}
}
