package signature

import (
	"math"
	"strconv"
	"strings"
)

// CSV bodies (text/csv), read the way pandas.read_csv does by default: the
// first non-blank line is the header, fields are separated by commas and
// may be quoted with doubled quotes inside, blank lines are skipped, short
// rows are padded with missing values and long rows are an error.

const csvParseError = "The CSV body cannot be read as a DataFrame: "

// csvReader splits CSV text into records of field spans.
type csvReader struct {
	src   string
	pos   int
	line  int
	extra strings.Builder // decoded text of irregular quoted fields
}

type csvField struct {
	start, end uint32
	flags      uint8
}

// next reads one record; it returns nil at the end of the text. Blank lines
// are skipped.
func (r *csvReader) next(buf []csvField) []csvField {
	for r.pos < len(r.src) && (r.src[r.pos] == '\n' || r.src[r.pos] == '\r') {
		r.skipEOL()
	}
	if r.pos >= len(r.src) {
		return nil
	}
	buf = buf[:0]
	for {
		f := r.field()
		buf = append(buf, f)
		if r.pos < len(r.src) && r.src[r.pos] == ',' {
			r.pos++
			continue
		}
		r.skipEOL()
		return buf
	}
}

func (r *csvReader) skipEOL() {
	if r.pos < len(r.src) && r.src[r.pos] == '\r' {
		r.pos++
	}
	if r.pos < len(r.src) && r.src[r.pos] == '\n' {
		r.pos++
	}
	r.line++
}

// field reads one field starting at r.pos.
func (r *csvReader) field() csvField {
	s := r.src
	if r.pos >= len(s) || s[r.pos] != '"' {
		start := r.pos
		for r.pos < len(s) && s[r.pos] != ',' && s[r.pos] != '\n' && s[r.pos] != '\r' {
			r.pos++
		}
		return csvField{start: uint32(start), end: uint32(r.pos)}
	}
	r.pos++
	start := r.pos
	var flags uint8
	for r.pos < len(s) {
		if s[r.pos] != '"' {
			r.pos++
			continue
		}
		if r.pos+1 < len(s) && s[r.pos+1] == '"' {
			flags = flagCSV
			r.pos += 2
			continue
		}
		break
	}
	end := r.pos
	if r.pos < len(s) {
		r.pos++ // closing quote
	}
	if r.pos < len(s) && s[r.pos] != ',' && s[r.pos] != '\n' && s[r.pos] != '\r' {
		// text after the closing quote is kept, as pandas does
		tail := r.pos
		for r.pos < len(s) && s[r.pos] != ',' && s[r.pos] != '\n' && s[r.pos] != '\r' {
			r.pos++
		}
		text := strings.ReplaceAll(s[start:end], `""`, `"`) + s[tail:r.pos]
		off := len(s) + r.extra.Len()
		r.extra.WriteString(text)
		return csvField{start: uint32(off), end: uint32(off + len(text))}
	}
	return csvField{start: uint32(start), end: uint32(end), flags: flags}
}

// parseCSV reads CSV text into a document shaped like dataframe_split data:
// an array of rows, each an array of string cells (absent cells omitted).
func parseCSV(src string, maxNodes int) (*document, []string, *RequestError) {
	src = strings.TrimPrefix(src, "\xef\xbb\xbf")
	r := &csvReader{src: src, line: 1}
	header := r.next(nil)
	if header == nil {
		return nil, nil, &RequestError{Category: CatBadFormat, Status: 400,
			Message: csvParseError + "No columns to parse from file"}
	}
	tmp := &document{src: src}
	cols := make([]string, len(header))
	seen := map[string]int{}
	for i, f := range header {
		name := tmp.csvText(f)
		if name == "" {
			name = "Unnamed: " + strconv.Itoa(i)
		}
		if k, dup := seen[name]; dup {
			seen[name] = k + 1
			name = name + "." + strconv.Itoa(k+1)
		}
		seen[name] = 0
		cols[i] = name
	}
	d := &document{src: src, nodes: make([]node, 1, len(src)/4+2)}
	d.nodes[0] = node{kind: KindArray}
	var buf []csvField
	for {
		lineStart, lineNo := r.pos, r.line
		buf = r.next(buf)
		if buf == nil {
			break
		}
		if len(buf) > len(cols) {
			return nil, nil, &RequestError{Category: CatBadFormat, Status: 400,
				Message: csvParseError + "Error tokenizing data. C error: Expected " +
					strconv.Itoa(len(cols)) + " fields in line " + strconv.Itoa(lineNo) +
					", saw " + strconv.Itoa(len(buf))}
		}
		if len(d.nodes)+len(buf)+1 > maxNodes {
			return nil, nil, tooLarge(len(src))
		}
		row := len(d.nodes)
		d.nodes = append(d.nodes, node{kind: KindArray, start: uint32(lineStart),
			n: uint32(len(buf))})
		for _, f := range buf {
			d.nodes = append(d.nodes, node{kind: KindString, start: f.start, end: f.end,
				flags: f.flags})
		}
		d.nodes[row].end = uint32(len(d.nodes))
		d.nodes[0].n++
	}
	d.nodes[0].end = uint32(len(d.nodes))
	d.src = src + r.extra.String()
	return d, cols, nil
}

func (d *document) csvText(f csvField) string {
	if int(f.end) > len(d.src) {
		return ""
	}
	s := d.src[f.start:f.end]
	if f.flags&flagCSV != 0 {
		return strings.ReplaceAll(s, `""`, `"`)
	}
	return s
}

// csvNA lists the texts pandas reads as missing by default.
var csvNA = map[string]bool{"": true, "#N/A": true, "#N/A N/A": true, "#NA": true,
	"-1.#IND": true, "-1.#QNAN": true, "-NaN": true, "-nan": true, "1.#IND": true,
	"1.#QNAN": true, "<NA>": true, "N/A": true, "NA": true, "NULL": true, "NaN": true,
	"None": true, "n/a": true, "nan": true, "null": true}

// csvKindBit classifies a CSV cell like pandas' dtype inference does.
func csvKindBit(v Value) kindMask {
	if v.Kind() != KindString {
		return kmMissing
	}
	t := v.Text()
	switch {
	case csvNA[t]:
		return kmMissing
	case csvTrue[t] || csvFalse[t]:
		return kmBool
	}
	if _, big, ok := cParseInt(t); ok {
		if big {
			return kmBig
		}
		return kmInt
	}
	if _, ok := pyParseFloat(strings.ReplaceAll(t, "_", "x")); ok {
		return kmFloat
	}
	return kmStr
}

var (
	csvTrue  = map[string]bool{"True": true, "TRUE": true, "true": true}
	csvFalse = map[string]bool{"False": true, "FALSE": true, "false": true}
)

// cParseInt parses an integer the way pandas' C parser does: optional
// surrounding spaces and sign, digits only.
func cParseInt(t string) (int64, bool, bool) {
	s := strings.TrimSpace(t)
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || body == "" || !allDigits(body) {
		return 0, false, false
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64)
	if err != nil {
		return 0, true, true
	}
	return n, false, true
}

// csvConvert converts a CSV cell to dst as read_csv(dtype=...) does; col is
// the column position used in pandas' messages.
func csvConvert(v Value, dst dtype, col int) (scalar, string) {
	na := v.Kind() != KindString || csvNA[v.Text()]
	t := v.Text()
	pos := strconv.Itoa(col)
	switch dst.kind {
	case 'i', 'u':
		if na {
			return scalar{}, "Integer column has NA values in column " + pos
		}
		n, big, ok := cParseInt(t)
		if !ok || big {
			return scalar{}, "invalid literal for int() with base 10: " + pyQuote(t)
		}
		if sc, msg, _ := intResult(n, dst, false); msg == "" {
			return sc, ""
		}
		return scalar{}, "cannot safely convert passed user dtype of " + dst.String() +
			" for int64 dtyped data in column " + pos
	case 'f':
		if na {
			return scalar{k: skFloat, f: math.NaN()}, ""
		}
		f, ok := pyParseFloat(strings.ReplaceAll(t, "_", "x"))
		if !ok {
			return scalar{}, "could not convert string to float: " + pyQuote(t)
		}
		return scalar{k: skFloat, f: roundFloat(f, dst)}, ""
	case 'b':
		switch {
		case na:
			return scalar{}, "Bool column has NA values in column " + pos
		case csvTrue[t]:
			return scalar{k: skBool, b: true}, ""
		case csvFalse[t]:
			return scalar{k: skBool}, ""
		}
		return scalar{}, "cannot safely convert passed user dtype of bool for object dtyped " +
			"data in column " + pos
	}
	if na {
		return scalar{k: skMissing}, ""
	}
	return scalar{k: skText, s: t}, ""
}

// csvCell is a serving-mode CSV cell: read_csv with the schema's dtype.
func (p *colPlan) csvCell(j *colJob, r int, v Value) {
	sc, msg := csvConvert(v, p.dst, p.fc)
	if msg != "" {
		p.failed++
		p.out.set(r, scalar{k: skMissing})
		j.v.add(Problem{stage: stFrame, Category: CatBadFormat, Row: r, Column: p.out.Name,
			ColumnIndex: p.j, Message: csvParseError + msg, Detail: msg,
			Expected: p.spec.Type.String(), Found: describe(v)})
		return
	}
	p.out.set(r, sc)
}

// rawCSVCell is a pyfunc-mode CSV cell: read_csv infers the dtype, then the
// dtype rule applies.
func (p *colPlan) rawCSVCell(j *colJob, r int, v Value) {
	sc, msg := csvConvert(v, p.src, p.fc)
	if msg != "" {
		p.failed++
		j.v.add(Problem{stage: stFrame, Category: CatBadType, Row: r, Column: p.out.Name,
			ColumnIndex: p.j, Message: "Cannot build column " + p.label + " with dtype " +
				p.src.String() + ": " + msg, Expected: p.src.String(), Found: describe(v)})
		return
	}
	if p.src == dtFloat64 {
		if math.IsNaN(sc.f) {
			p.hasNaN = true
		} else if sc.f != math.Trunc(sc.f) {
			p.integral = false
		}
	}
	switch p.outcome {
	case ruleZeroOne:
		if sc.i != 0 && sc.i != 1 {
			p.badZero++
			j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: r, Column: p.out.Name,
				ColumnIndex: p.j, Message: p.incompatible(""), Expected: "0 or 1",
				Found: describe(v)})
		}
	case ruleDatetime:
		dp, ok := parsePandasDatetime(v.Text())
		ns, inRange := dp.toNS()
		if !ok || !inRange {
			p.failed++
			j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: r, Column: p.out.Name,
				ColumnIndex: p.j, Message: "Column " + p.label + " (object) cannot be " +
					"converted to datetime.", Expected: "datetime",
				Found: describe(v)})
			return
		}
		sc = scalar{k: skInt, i: ns}
	case ruleReject:
		if p.markBad && csvKindBit(v)&p.accept == 0 {
			j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: r, Column: p.out.Name,
				ColumnIndex: p.j, Message: p.incompatible(""), Expected: p.spec.Type.String(),
				Found: describe(v)})
		}
	}
	p.out.set(r, sc)
}
