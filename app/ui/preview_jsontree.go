package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// jsonNode is one value of a JSON document, as the JSON preview draws it.
type jsonNode struct {
	id       int    // its place in document order, from 0: the handlers' scope
	key      string // the member name in an object, "" elsewhere
	index    int    // the position in an array, -1 elsewhere
	kind     byte   // '{' object, '[' array, 's' string, 'n' number, 'b' bool, 'z' null
	value    string // a scalar as JSON writes it
	children []*jsonNode
	cut      bool // the loaded part of the file ends inside this object or array
	open     bool // its <details> is open
	shown    int  // children drawn, the rest behind a button; 0 for the first page
}

func (n *jsonNode) container() bool { return n.kind == '{' || n.kind == '[' }

// childrenShown is how many children are drawn.
func (n *jsonNode) childrenShown() int {
	if n.shown == 0 {
		return min(len(n.children), jsonChildPage)
	}
	return min(len(n.children), n.shown)
}

// jsonFrame is an object or array being read.
type jsonFrame struct {
	node    *jsonNode
	key     string
	wantKey bool
}

// parseJSONPrefix reads the first JSON value in b into a tree. When
// complete is false, b is only the start of the file: the tree then ends
// where b ends, and every object and array left open is marked cut. A
// number at the very end of a prefix may itself be cut short, so it is
// left out. Invalid JSON in a complete file is an error.
func parseJSONPrefix(b []byte, complete bool) (*jsonNode, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var stack []*jsonFrame
	var root *jsonNode
	ids := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return endJSON(root, stack, complete, err)
		}
		f := top(stack)
		if f != nil && f.wantKey {
			if d, ok := tok.(json.Delim); !ok || d != '}' {
				f.key, f.wantKey = fmt.Sprint(tok), false
				continue
			}
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return root, nil
			}
			top(stack).wantKey = top(stack).node.kind == '{'
			continue
		}
		n := scalarNode(tok)
		if n.kind == 'n' && !complete && dec.InputOffset() == int64(len(b)) {
			return endJSON(root, stack, false, io.ErrUnexpectedEOF)
		}
		n.id, n.index = ids, -1
		ids++
		if f == nil {
			root = n
		} else {
			if f.node.kind == '[' {
				n.index = len(f.node.children)
			}
			n.key = f.key
			f.node.children = append(f.node.children, n)
			f.wantKey = f.node.kind == '{'
		}
		if n.container() {
			stack = append(stack, &jsonFrame{node: n, wantKey: n.kind == '{'})
		} else if f == nil {
			return root, nil
		}
	}
}

func top(stack []*jsonFrame) *jsonFrame {
	if len(stack) == 0 {
		return nil
	}
	return stack[len(stack)-1]
}

// endJSON ends the reading at an error: the end of a prefix marks the
// open containers cut; anything else is invalid JSON.
func endJSON(root *jsonNode, stack []*jsonFrame, complete bool, err error) (*jsonNode, error) {
	var syn *json.SyntaxError
	atEnd := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &syn)
	if complete || !atEnd {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if root == nil {
		return nil, errors.New("the loaded part holds no whole JSON value")
	}
	for _, f := range stack {
		f.node.cut = true
	}
	return root, nil
}

// scalarNode turns a token into a node; delimiters become an empty
// object or array.
func scalarNode(tok json.Token) *jsonNode {
	switch v := tok.(type) {
	case json.Delim:
		return &jsonNode{kind: byte(v)}
	case string:
		return &jsonNode{kind: 's', value: strconv.Quote(v)}
	case json.Number:
		return &jsonNode{kind: 'n', value: v.String()}
	case bool:
		return &jsonNode{kind: 'b', value: strconv.FormatBool(v)}
	}
	return &jsonNode{kind: 'z', value: "null"}
}

// jsonChildPage is how many children of an object or array are drawn at
// a time.
const jsonChildPage = 100

// jsonOpenRows bounds the rows that the first view of a tree shows: the
// outer levels open, breadth first, while they fit.
const jsonOpenRows = 300

// openOuter opens the outer objects and arrays of the tree, breadth first,
// while about jsonOpenRows rows fit.
func openOuter(root *jsonNode) {
	rows := 1
	queue := []*jsonNode{root}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if !n.container() {
			continue
		}
		shown := n.childrenShown()
		if n != root && rows+shown > jsonOpenRows {
			continue
		}
		n.open = true
		rows += shown
		queue = append(queue, n.children[:shown]...)
	}
}
