package signature

// The DataFrame a request becomes: columns of request values with the dtype
// pandas would infer for them. Cells are read row by row through a
// rowSource so big frames can be processed in chunks.

// kindMask records which kinds of values a column holds.
type kindMask uint16

const (
	kmNull kindMask = 1 << iota
	kmMissing
	kmBool
	kmInt
	kmUint // above int64, fits uint64
	kmBig  // beyond uint64
	kmFloat
	kmStr
	kmList
	kmDict
	kmNeg // some integer is negative
)

const kmNumbers = kmInt | kmUint | kmFloat

func kindBit(v Value) kindMask {
	switch v.Kind() {
	case KindNull:
		return kmNull
	case KindMissing:
		return kmMissing
	case KindBool:
		return kmBool
	case KindInt:
		nd := v.nd()
		neg := kindMask(0)
		if nd.flags&flagNeg != 0 {
			neg = kmNeg
		}
		if nd.flags&flagBig == 0 {
			return kmInt | neg
		}
		if neg == 0 && fitsUint64(v.Raw()) {
			return kmUint
		}
		return kmBig
	case KindFloat:
		return kmFloat
	case KindString:
		return kmStr
	case KindArray:
		return kmList
	}
	return kmDict
}

// inferDtype is the dtype pandas gives a column of Python objects with these
// kinds when building a DataFrame (lib.maybe_convert_objects).
func inferDtype(m kindMask, rows int) dtype {
	m &^= kmNeg
	switch {
	case rows == 0 || m == 0:
		return dtObject
	case m == kmBool:
		return dtBool
	case m == kmInt:
		return dtInt64
	case m&^(kmInt|kmUint) == 0:
		return dtUint64
	case m&(kmNull|kmMissing) == m && m&kmNull != 0:
		return dtObject // only None (and NaN)
	case m&^(kmNumbers|kmNull|kmMissing) == 0:
		return dtFloat64
	}
	return dtObject
}

func inferDtypeNeg(m kindMask, rows int) dtype {
	d := inferDtype(m, rows)
	if d == dtUint64 && m&kmNeg != 0 {
		return dtObject
	}
	return d
}

// rowSource yields the cells of one row, indexed by frame column. Rows are
// asked for in increasing order; a restart at 0 is allowed.
type rowSource interface {
	fill(r int, cells []Value)
}

// frameCol is one column of a frame.
type frameCol struct {
	label string
	mask  kindMask
	count int   // cells present (records layout)
	src   dtype // inferred pandas dtype
	first Value // first cell (pd_series[0])
}

// frame is a DataFrame under construction.
type frame struct {
	cols  []frameCol
	rows  int
	src   rowSource
	index map[string]int
}

// lookup returns the first column with the label, or -1.
func (f *frame) lookup(label string) int {
	if f.index == nil {
		f.index = make(map[string]int, len(f.cols))
		for i := len(f.cols) - 1; i >= 0; i-- {
			f.index[f.cols[i].label] = i
		}
	}
	if i, ok := f.index[label]; ok {
		return i
	}
	return -1
}

// rowsSource reads rows that are arrays (dataframe_split, CSV, lists of
// lists). Short rows are padded with None, as pandas does.
type rowsSource struct {
	d    *document
	rows []int32
}

var nonePad = Value{i: -2}

func (s *rowsSource) fill(r int, cells []Value) {
	nodes := s.d.nodes
	ri := s.rows[r]
	n := int(nodes[ri].n)
	c := ri + 1
	k := 0
	for ; k < n && k < len(cells); k++ {
		cells[k] = Value{s.d, c}
		c = s.d.next(c)
	}
	for ; k < len(cells); k++ {
		cells[k] = nonePad
	}
}

// recordsSource reads rows that are objects (dataframe_records, lists of
// dicts); absent keys are missing (NaN).
type recordsSource struct {
	d     *document
	rows  []int32
	f     *frame
	hints []int
}

func (s *recordsSource) fill(r int, cells []Value) {
	for k := range cells {
		cells[k] = Value{}
	}
	nodes := s.d.nodes
	ri := s.rows[r]
	c := ri + 1
	for m := 0; m < int(nodes[ri].n); m++ {
		key := Value{s.d, c}
		col := s.column(m, key)
		if col >= 0 && col < len(cells) {
			cells[col] = Value{s.d, c + 1}
		}
		c = s.d.next(c + 1)
	}
}

// column maps a member key to its column, trying the column the member at
// the same position had in the previous row first.
func (s *recordsSource) column(pos int, key Value) int {
	nd := &s.d.nodes[key.i]
	var text string
	if nd.flags&flagEscape == 0 {
		text = s.d.src[nd.start:nd.end]
	} else {
		text = key.Text()
	}
	if pos < len(s.hints) {
		if h := s.hints[pos]; h >= 0 && h < len(s.f.cols) && s.f.cols[h].label == text {
			return h
		}
	} else {
		for len(s.hints) <= pos {
			s.hints = append(s.hints, -1)
		}
	}
	col := s.f.lookup(text)
	s.hints[pos] = col
	return col
}
