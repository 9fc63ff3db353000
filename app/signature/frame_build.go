package signature

import (
	"fmt"
	"strconv"
)

// Building frames from request values: pd.DataFrame(data, columns=...) for
// a list of rows, records or scalars, scanned in chunks.

// failure is a problem that stops the processing of a request.
type failure struct {
	st  stage
	cat Category
	msg string
}

type scanLayout uint8

const (
	layoutRows scanLayout = iota
	layoutRecords
	layoutScalars
)

// frameScan reads the elements of a data list once to find the columns,
// the row count and the kinds of values in each column.
type frameScan struct {
	f        *frame
	d        *document
	data     Value
	layout   scanLayout
	cursor   int32
	done     int
	total    int
	rowIdx   []int32
	fixed    bool // column labels were given
	maxW     int
	lastSeen []int
	what     string // "split", "records" or "csv", for messages
	csv      bool   // cells are CSV text
	hints    []int  // records: column of the m-th key of the last record
}

func newFrameScan(data Value, labels []string, what string) *frameScan {
	s := &frameScan{f: &frame{}, d: data.d, data: data, what: what, cursor: data.i + 1,
		total: data.Len()}
	if labels != nil {
		s.fixed = true
		for _, l := range labels {
			s.addCol(l)
		}
	}
	s.rowIdx = make([]int32, 0, s.total)
	return s
}

func (s *frameScan) addCol(label string) int {
	s.f.cols = append(s.f.cols, frameCol{label: label})
	s.lastSeen = append(s.lastSeen, -1)
	if s.f.index != nil {
		if _, dup := s.f.index[label]; !dup {
			s.f.index[label] = len(s.f.cols) - 1
		}
	}
	return len(s.f.cols) - 1
}

func (s *frameScan) invalid(err string) *failure {
	return &failure{st: stFrame, cat: CatBadFormat, msg: "Invalid input. dataframe_" + s.what +
		" does not describe a DataFrame: " + err}
}

// step scans up to budget elements; it reports whether the scan is over.
func (s *frameScan) step(budget int) (bool, *failure) {
	for s.done < s.total && budget > 0 {
		v := Value{s.d, s.cursor}
		if s.done == 0 {
			switch v.Kind() {
			case KindArray:
				s.layout = layoutRows
			case KindObject:
				s.layout = layoutRecords
			default:
				s.layout = layoutScalars
				if !s.fixed {
					s.addCol("0")
				}
			}
		}
		var f *failure
		switch s.layout {
		case layoutRows:
			f = s.scanRow(v)
		case layoutRecords:
			f = s.scanRecord(v)
		default:
			if len(s.f.cols) > 0 {
				s.note(0, v)
			}
		}
		if f != nil {
			return true, f
		}
		s.rowIdx = append(s.rowIdx, s.cursor)
		s.cursor = s.d.next(s.cursor)
		s.done++
		budget--
	}
	return s.done >= s.total, nil
}

func (s *frameScan) note(col int, v Value) {
	c := &s.f.cols[col]
	if s.csv {
		c.mask |= csvKindBit(v)
	} else {
		c.mask |= kindBit(v)
	}
	if s.lastSeen[col] != s.done {
		s.lastSeen[col] = s.done
		c.count++
	}
	if s.done == 0 {
		c.first = v
	}
}

func (s *frameScan) scanRow(v Value) *failure {
	if v.Kind() != KindArray {
		return s.invalid(fmt.Sprintf("expected every row to be a list, row %d is %s", s.done,
			pyTypeName(v)))
	}
	w := v.Len()
	if w > s.maxW {
		s.maxW = w
	}
	for !s.fixed && len(s.f.cols) < w {
		s.addCol(strconv.Itoa(len(s.f.cols)))
	}
	if s.csv || s.done == 0 {
		for k, c := range v.Elems() {
			if k >= len(s.f.cols) {
				break
			}
			s.note(k, c)
		}
		return nil
	}
	// hot path: only the kinds are needed
	nodes := s.d.nodes
	cols := s.f.cols
	c := v.i + 1
	k := 0
	for ; k < w && k < len(cols); k++ {
		nd := &nodes[c]
		bit := nodeBits[nd.kind]
		if nd.kind == KindInt && nd.flags&(flagBig|flagNeg) != 0 {
			bit = kindBit(Value{s.d, c})
		}
		cols[k].mask |= bit
		c = s.d.next(c)
	}
	for ; k < len(cols); k++ {
		cols[k].mask |= kmNull
	}
	return nil
}

// nodeBits maps a node kind to its kind bit (non-negative int64 for ints).
var nodeBits = [...]kindMask{KindMissing: kmMissing, KindNull: kmNull, KindBool: kmBool,
	KindInt: kmInt, KindFloat: kmFloat, KindString: kmStr, KindArray: kmList,
	KindObject: kmDict}

func (s *frameScan) scanRecord(v Value) *failure {
	if v.Kind() != KindObject {
		return s.invalid(fmt.Sprintf("expected every record to be a dictionary, record %d "+
			"is %s", s.done, pyTypeName(v)))
	}
	d := s.d
	c := v.i + 1
	for m := 0; m < int(d.nodes[v.i].n); m++ {
		key, val := Value{d, c}, Value{d, c + 1}
		c = d.next(c + 1)
		col := s.column(m, key)
		if col < 0 {
			if s.fixed {
				continue
			}
			col = s.addCol(key.Text())
			s.hints[m] = col
		}
		s.note(col, val)
	}
	return nil
}

// column finds the column of the m-th key of a record, trying first the
// column the m-th key of the previous record had.
func (s *frameScan) column(m int, key Value) int {
	nd := &s.d.nodes[key.i]
	var text string
	if nd.flags&flagEscape == 0 {
		text = s.d.src[nd.start:nd.end]
	} else {
		text = key.Text()
	}
	for len(s.hints) <= m {
		s.hints = append(s.hints, -1)
	}
	if h := s.hints[m]; h >= 0 && s.f.cols[h].label == text {
		return h
	}
	col := s.f.lookup(text)
	s.hints[m] = col
	return col
}

// finish checks the shape and infers the column dtypes.
func (s *frameScan) finish() (*frame, *failure) {
	f := s.f
	f.rows = s.done
	if s.layout == layoutRows && s.fixed && !s.csv && f.rows > 0 && s.maxW != len(f.cols) {
		return nil, s.invalid(fmt.Sprintf("%d columns passed, passed data had %d columns",
			len(f.cols), s.maxW))
	}
	if s.layout == layoutScalars && s.fixed && f.rows > 0 && len(f.cols) != 1 {
		return nil, s.invalid(fmt.Sprintf("Shape of passed values is (%d, 1), indices imply "+
			"(%d, %d)", f.rows, f.rows, len(f.cols)))
	}
	for i := range f.cols {
		c := &f.cols[i]
		if c.count < f.rows && (s.layout != layoutRows || s.csv || c.count == 0) {
			if s.layout == layoutRecords || s.csv {
				c.mask |= kmMissing
			} else {
				c.mask |= kmNull
			}
			if c.count == 0 && f.rows > 0 {
				c.first = Value{}
				if s.layout != layoutRecords {
					c.first = nonePad
				}
			}
		}
		c.src = inferDtypeNeg(c.mask, f.rows)
	}
	switch s.layout {
	case layoutRows:
		f.src = &rowsSource{d: s.d, rows: s.rowIdx}
	case layoutRecords:
		f.src = &recordsSource{d: s.d, rows: s.rowIdx, f: f}
	default:
		f.src = &scalarSource{d: s.d, rows: s.rowIdx}
	}
	return f, nil
}

// scalarSource reads a list of scalars as a single column.
type scalarSource struct {
	d    *document
	rows []int32
}

func (s *scalarSource) fill(r int, cells []Value) {
	if len(cells) > 0 {
		cells[0] = Value{s.d, s.rows[r]}
	}
}

// labelsOf reads a "columns" list as labels.
func labelsOf(v Value) []string {
	labels := make([]string, 0, v.Len())
	for _, e := range v.Elems() {
		labels = append(labels, pyStr(e))
	}
	return labels
}

// splitScan starts the scan of a dataframe_split value.
func splitScan(v Value) (*frameScan, *failure) {
	bad := func(msg string) (*frameScan, *failure) {
		return nil, &failure{st: stFrame, cat: CatBadFormat, msg: msg}
	}
	if v.Kind() != KindObject {
		what := "a list"
		if v.Kind() != KindArray {
			what = pyClass(v)
		}
		return bad("Invalid input. dataframe_split must be a dictionary, not " + what + ".")
	}
	keys := v.Keys()
	extra := false
	for _, k := range keys {
		extra = extra || (k != "columns" && k != "data" && k != "index")
	}
	data, hasData := v.Get("data")
	if !hasData || extra {
		return bad("Invalid input. dataframe_split takes the keys 'data' (required), " +
			"'columns' and 'index'; got " + pySet(keys) + ".")
	}
	var labels []string
	if cv, ok := v.Get("columns"); ok && cv.Kind() != KindNull {
		if cv.Kind() != KindArray {
			return bad("Invalid input. dataframe_split does not describe a DataFrame: " +
				"columns must be a list")
		}
		labels = labelsOf(cv)
	}
	if data.Kind() != KindArray {
		if data.Kind() == KindNull && labels != nil {
			return newFrameScan(Value{}, labels, "split"), nil
		}
		return bad("Invalid input. dataframe_split does not describe a DataFrame: data must " +
			"be a list of rows, not " + pyTypeName(data))
	}
	s := newFrameScan(data, labels, "split")
	if iv, ok := v.Get("index"); ok && iv.Kind() != KindNull {
		if iv.Kind() != KindArray || iv.Len() != data.Len() {
			return bad(fmt.Sprintf("Invalid input. dataframe_split does not describe a "+
				"DataFrame: Length of values (%d) does not match length of index (%d)",
				data.Len(), iv.Len()))
		}
	}
	return s, nil
}

// recordsScan starts the scan of a dataframe_records value.
func recordsScan(v Value) (*frameScan, *failure) {
	if v.Kind() != KindArray {
		what := "a dictionary"
		if v.Kind() != KindObject {
			what = pyClass(v)
		}
		return nil, &failure{st: stFrame, cat: CatBadFormat, msg: "Invalid input. " +
			"dataframe_records must be a list of records, not " + what + "."}
	}
	return newFrameScan(v, nil, "records"), nil
}
