package signature

import (
	"fmt"
	"strconv"
)

// This file holds the JSON reader: a resumable scanner that writes a flat
// "tape" of nodes (no per-value allocation) and accepts what Python's
// json.loads accepts (NaN, Infinity, -Infinity, a leading UTF-8 BOM).

// Kind is the kind of a JSON value.
type Kind uint8

// Kinds of values. KindMissing stands for "no value", for example a key a
// record does not have (pandas turns it into NaN).
const (
	KindMissing Kind = iota
	KindNull
	KindBool
	KindInt
	KindFloat
	KindString
	KindArray
	KindObject
)

var kindNames = [...]string{"missing", "null", "bool", "int", "float", "string", "array", "object"}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

const (
	flagTrue   = 1 << iota // boolean true
	flagEscape             // string holds backslash escapes
	flagCSV                // quoted CSV field (doubled quotes inside)
	flagBig                // integer outside the int64 range
	flagNeg                // number starts with '-'
)

// node is one value on the tape (16 bytes). For scalars start/end delimit
// the source text (strings: the content without quotes). For containers
// start is the opening bracket and end the index of the first node after
// the subtree.
type node struct {
	start, end uint32
	n          uint32 // array elements or object members
	kind       Kind
	flags      uint8
}

// next returns the index of the node after the subtree at i.
func (d *document) next(i int32) int32 {
	nd := &d.nodes[i]
	if nd.kind >= KindArray {
		return int32(nd.end)
	}
	return i + 1
}

// document is a parsed JSON (or CSV) text.
type document struct {
	src   string
	nodes []node
}

// SyntaxError reports text that is not JSON, in Python's json wording.
type SyntaxError struct {
	Msg    string // e.g. "Expecting value"
	Offset int    // byte offset of the problem
	Line   int    // 1-based line
	Column int    // 1-based column in characters
	Char   int    // 0-based character index
}

// Error formats the error as Python's json.JSONDecodeError does.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s: line %d column %d (char %d)", e.Msg, e.Line, e.Column, e.Char)
}

func newSyntaxError(src string, msg string, off int) *SyntaxError {
	if off > len(src) {
		off = len(src)
	}
	line, col, char := 1, 1, 0
	for _, r := range src[:off] {
		char++
		col++
		if r == '\n' {
			line++
			col = 1
		}
	}
	return &SyntaxError{Msg: msg, Offset: off, Line: line, Column: col, Char: char}
}

const (
	psValue = iota
	psArrayFirst
	psObjectFirst
	psKey
	psAfter
	psEnd
)

// parser builds a document step by step so huge bodies can be read in chunks.
type parser struct {
	d        *document
	pos      int
	stack    []int32
	state    uint8
	maxDepth int
	maxNodes int
	err      *SyntaxError
	done     bool
	tooMany  bool // stopped by maxNodes
}

func newParser(src string, maxDepth, maxNodes int) *parser {
	p := &parser{d: &document{src: src}, maxDepth: maxDepth, maxNodes: maxNodes}
	if len(src) >= 3 && src[:3] == "\xef\xbb\xbf" {
		p.pos = 3
	}
	est := len(src)/6 + 8
	if est > maxNodes {
		est = maxNodes
	}
	p.d.nodes = make([]node, 0, est)
	p.stack = make([]int32, 0, 8)
	return p
}

// parseJSON parses a whole text at once.
func parseJSON(src string, maxDepth, maxNodes int) (*document, *SyntaxError) {
	p := newParser(src, maxDepth, maxNodes)
	for !p.step(1 << 30) {
	}
	if p.err != nil {
		return nil, p.err
	}
	return p.d, nil
}

func (p *parser) fail(msg string, off int) {
	p.err = newSyntaxError(p.d.src, msg, off)
	p.done = true
}

func (p *parser) closeTop() {
	top := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	p.d.nodes[top].end = uint32(len(p.d.nodes))
	p.state = psAfter
}

// step scans until about budget nodes were added; it reports whether the
// document is finished (successfully or not).
func (p *parser) step(budget int) bool {
	if p.done {
		return true
	}
	src := p.d.src
	n := len(src)
	limit := len(p.d.nodes) + budget
	for len(p.d.nodes) < limit {
		pos := p.pos
		for pos < n {
			c := src[pos]
			if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
				break
			}
			pos++
		}
		p.pos = pos
		switch p.state {
		case psEnd:
			if pos < n {
				p.fail("Extra data", pos)
				return true
			}
			p.done = true
			return true
		case psAfter:
			if len(p.stack) == 0 {
				p.state = psEnd
				continue
			}
			top := p.stack[len(p.stack)-1]
			isArr := p.d.nodes[top].kind == KindArray
			switch {
			case pos < n && src[pos] == ',':
				p.pos++
				if isArr {
					p.state = psValue
				} else {
					p.state = psKey
				}
			case pos < n && isArr && src[pos] == ']', pos < n && !isArr && src[pos] == '}':
				p.pos++
				p.closeTop()
			default:
				p.fail("Expecting ',' delimiter", pos)
				return true
			}
		case psObjectFirst, psKey:
			if p.state == psObjectFirst && pos < n && src[pos] == '}' {
				p.pos++
				p.closeTop()
				continue
			}
			if pos >= n || src[pos] != '"' {
				p.fail("Expecting property name enclosed in double quotes", pos)
				return true
			}
			if !p.scanString(pos) {
				return true
			}
			p.d.nodes[p.stack[len(p.stack)-1]].n++
			pos = p.pos
			for pos < n && (src[pos] == ' ' || src[pos] == '\n' || src[pos] == '\r' ||
				src[pos] == '\t') {
				pos++
			}
			if pos >= n || src[pos] != ':' {
				p.fail("Expecting ':' delimiter", pos)
				return true
			}
			p.pos = pos + 1
			p.state = psValue
		default: // psValue, psArrayFirst
			if p.state == psArrayFirst && pos < n && src[pos] == ']' {
				p.pos++
				p.closeTop()
				continue
			}
			if !p.scanValue(pos) {
				return true
			}
			if p.state == psAfter && len(p.stack) > 0 && !p.scalarRun(limit) {
				return true
			}
		}
	}
	return false
}

// scalarRun is a fast path for a run of strings and numbers in an array:
// it scans ", value" pairs until something else comes. It returns false
// when the document failed.
func (p *parser) scalarRun(limit int) bool {
	top := p.stack[len(p.stack)-1]
	if p.d.nodes[top].kind != KindArray {
		return true
	}
	src := p.d.src
	n := len(src)
	nodes := p.d.nodes
	count := uint32(0)
	defer func() {
		p.d.nodes[top].n += count
	}()
	pos := p.pos
	for len(nodes) < limit && len(nodes) < p.maxNodes {
		for pos < n && isSpace[src[pos]] {
			pos++
		}
		if pos >= n || src[pos] != ',' {
			break
		}
		pos++
		for pos < n && isSpace[src[pos]] {
			pos++
		}
		if pos >= n {
			p.state = psValue
			break
		}
		c := src[pos]
		var nd node
		switch {
		case c == '"':
			end, flags, ok := lexString(src, pos)
			if !ok {
				p.d.nodes = nodes
				p.pos = pos
				p.state = psValue
				return true // the general path reports the error
			}
			nd = node{start: uint32(pos + 1), end: uint32(end - 1), kind: KindString,
				flags: flags}
			pos = end
		case c >= '0' && c <= '9' || c == '-' && pos+1 < n && isDigit(src[pos+1]):
			end, k, flags, _ := lexNumber(src, pos)
			nd = node{start: uint32(pos), end: uint32(end), kind: k, flags: flags}
			pos = end
		default:
			p.d.nodes = nodes
			p.pos = pos
			p.state = psValue
			return true
		}
		nodes = append(nodes, nd)
		count++
	}
	p.d.nodes = nodes
	p.pos = pos
	return true
}

func (p *parser) push(k Kind, pos int) bool {
	if len(p.stack) >= p.maxDepth {
		p.fail("Maximum nesting depth exceeded", pos)
		return false
	}
	if !p.add(node{start: uint32(pos), kind: k}, pos) {
		return false
	}
	p.stack = append(p.stack, int32(len(p.d.nodes)-1))
	p.pos = pos + 1
	if k == KindArray {
		p.state = psArrayFirst
	} else {
		p.state = psObjectFirst
	}
	return true
}

func (p *parser) add(nd node, pos int) bool {
	if len(p.d.nodes) >= p.maxNodes {
		p.tooMany = true
		p.fail("Too many values in the request", pos)
		return false
	}
	p.d.nodes = append(p.d.nodes, nd)
	return true
}

func (p *parser) scanValue(pos int) bool {
	src := p.d.src
	if pos >= len(src) {
		p.fail("Expecting value", pos)
		return false
	}
	if len(p.stack) > 0 {
		top := p.stack[len(p.stack)-1]
		if p.d.nodes[top].kind == KindArray {
			p.d.nodes[top].n++
		}
	}
	c := src[pos]
	switch {
	case c == '"':
		if !p.scanString(pos) {
			return false
		}
	case c == '{':
		return p.push(KindObject, pos)
	case c == '[':
		return p.push(KindArray, pos)
	case c == '-' || (c >= '0' && c <= '9'):
		return p.scanNumber(pos)
	case c == 'n' && hasAt(src, pos, "null"):
		return p.literal(pos, 4, KindNull, 0)
	case c == 't' && hasAt(src, pos, "true"):
		return p.literal(pos, 4, KindBool, flagTrue)
	case c == 'f' && hasAt(src, pos, "false"):
		return p.literal(pos, 5, KindBool, 0)
	case c == 'N' && hasAt(src, pos, "NaN"):
		return p.literal(pos, 3, KindFloat, 0)
	case c == 'I' && hasAt(src, pos, "Infinity"):
		return p.literal(pos, 8, KindFloat, 0)
	default:
		p.fail("Expecting value", pos)
		return false
	}
	p.state = psAfter
	return true
}

func (p *parser) literal(pos, size int, k Kind, flags uint8) bool {
	if !p.add(node{start: uint32(pos), end: uint32(pos + size), kind: k, flags: flags}, pos) {
		return false
	}
	p.pos = pos + size
	p.state = psAfter
	return true
}

func (p *parser) scanNumber(start int) bool {
	end, k, flags, ok := lexNumber(p.d.src, start)
	if !ok {
		if hasAt(p.d.src, start, "-Infinity") {
			return p.literal(start, 9, KindFloat, flagNeg)
		}
		p.fail("Expecting value", start)
		return false
	}
	if !p.add(node{start: uint32(start), end: uint32(end), kind: k, flags: flags}, start) {
		return false
	}
	p.pos = end
	p.state = psAfter
	return true
}
