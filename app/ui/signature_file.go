package ui

import (
	"errors"
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/signature"
)

// droppedFile is a file the user dropped or chose, as the browser's File
// API hands it over: not read yet.
type droppedFile struct {
	file app.Value // a File
	name string
	size int
}

// chosenFile returns the first file of a file input's change event.
func chosenFile(e app.Event) (droppedFile, bool) {
	input := e.Get("target")
	files := input.Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return droppedFile{}, false
	}
	f := files.Index(0)
	// Clearing the input lets the same file be chosen again; the File
	// object stays readable.
	input.Set("value", "")
	return droppedFile{file: f, name: f.Get("name").String(), size: f.Get("size").Int()}, true
}

// read reads the whole file through File.arrayBuffer, which spares the
// text decoding and re-encoding of File.text. It blocks; call it from
// ctx.Async.
func (f droppedFile) read() ([]byte, error) {
	if f.size > signature.DefaultMaxBytes {
		return nil, fmt.Errorf("%s is %s; files up to %s are checked", f.name,
			formatBytes(int64(f.size)), formatBytes(signature.DefaultMaxBytes))
	}
	if !app.IsClient {
		return nil, errNotInBrowser
	}
	buf, err := await(f.file.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.name, err)
	}
	arr := app.Window().Get("Uint8Array").New(buf)
	b := make([]byte, arr.Length())
	if n := app.CopyBytesToGo(b, arr); n != len(b) {
		return nil, errors.New("read " + f.name + ": the browser handed over part of the file")
	}
	return b, nil
}
