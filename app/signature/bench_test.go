package signature

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// benchColumns builds a 20-column schema (8 long, 6 double, 6 string) and a
// dataframe_split body with the given number of rows.
func benchColumns(rows int) (*Signature, []byte) {
	var specs, names []string
	for c := 0; c < 20; c++ {
		typ := "long"
		switch {
		case c%10 >= 7:
			typ = "string"
		case c%10 >= 4:
			typ = "double"
		}
		specs = append(specs, fmt.Sprintf(`{"type": %q, "name": "c%d", "required": true}`,
			typ, c))
		names = append(names, strconv.Quote("c"+strconv.Itoa(c)))
	}
	sigJSON := `{"inputs": ` + strconv.Quote("["+strings.Join(specs, ", ")+"]") + `}`
	sig, err := ParseSignature([]byte(sigJSON))
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	b.WriteString(`{"dataframe_split": {"columns": [` + strings.Join(names, ",") +
		`], "data": [`)
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for c := 0; c < 20; c++ {
			if c > 0 {
				b.WriteByte(',')
			}
			switch {
			case c%10 >= 7:
				b.WriteString(`"v` + strconv.Itoa((r*7+c)%1000) + `"`)
			case c%10 >= 4:
				b.WriteString(strconv.FormatFloat(float64(r%977)*0.25+float64(c), 'f', -1,
					64))
			default:
				b.WriteString(strconv.Itoa(r*31 + c))
			}
		}
		b.WriteByte(']')
	}
	b.WriteString(`]}}`)
	return sig, []byte(b.String())
}

// BenchmarkValidateColumns validates a 100,000 x 20 dataframe_split and
// reports cells per second.
func BenchmarkValidateColumns(b *testing.B) {
	sig, body := benchColumns(100000)
	cells := 100000 * 20
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := Validate(sig, body, Options{})
		if !res.Accepted {
			b.Fatalf("not accepted: %s", res.Message)
		}
	}
	b.ReportMetric(float64(cells)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}

// recordsBody turns the column benchmark body into dataframe_records.
func recordsBody(rows int) (*Signature, []byte) {
	sig, _ := benchColumns(1)
	var b strings.Builder
	b.WriteString(`{"dataframe_records": [`)
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('{')
		for c := 0; c < 20; c++ {
			if c > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"c` + strconv.Itoa(c) + `":`)
			switch {
			case c%10 >= 7:
				b.WriteString(`"v` + strconv.Itoa((r*7+c)%1000) + `"`)
			case c%10 >= 4:
				b.WriteString(strconv.FormatFloat(float64(r%977)*0.25, 'f', -1, 64))
			default:
				b.WriteString(strconv.Itoa(r*31 + c))
			}
		}
		b.WriteByte('}')
	}
	b.WriteString(`]}`)
	return sig, []byte(b.String())
}

// BenchmarkValidateRecords is BenchmarkValidateColumns for dataframe_records.
func BenchmarkValidateRecords(b *testing.B) {
	sig, body := recordsBody(100000)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if res := Validate(sig, body, Options{}); !res.Accepted {
			b.Fatalf("not accepted: %s", res.Message)
		}
	}
	b.ReportMetric(float64(100000*20)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}

// BenchmarkValidatorChunks validates the column benchmark in chunks of 1000
// rows, as a UI would between frames.
func BenchmarkValidatorChunks(b *testing.B) {
	sig, body := benchColumns(100000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := NewValidator(sig, body, Options{})
		for !v.Next(1000) {
		}
		if !v.Result().Accepted {
			b.Fatal("not accepted")
		}
	}
	b.ReportMetric(float64(100000*20)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}

// BenchmarkParseJSON measures the JSON reader alone on the column benchmark body.
func BenchmarkParseJSON(b *testing.B) {
	_, body := benchColumns(100000)
	s := string(body)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := parseJSON(s, 1000, 1<<25); err != nil {
			b.Fatal(err)
		}
	}
}
