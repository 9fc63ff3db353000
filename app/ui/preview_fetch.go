package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// chunk is a byte range of an artifact and what is known of the file.
type chunk struct {
	data  []byte
	off   int64 // file offset of data[0]
	total int64 // the file's size
}

// eof reports whether the chunk reaches the end of the file.
func (c chunk) eof() bool { return c.off+int64(len(c.data)) >= c.total }

// maxWhole is the largest answer accepted when the server (or the offline
// copy) sends a whole file instead of the range asked for.
const maxWhole = 16 << 20

// fetchRange reads n bytes of an artifact from offset off with an HTTP
// Range request, so that a large file is never loaded whole. Past the end
// of the file it returns an empty chunk. It blocks; call it from ctx.Async.
func fetchRange(u string, off, n int64) (chunk, error) {
	if !app.IsClient {
		return chunk{}, errNotInBrowser
	}
	opts := map[string]any{"headers": map[string]any{
		"Range": "bytes=" + strconv.FormatInt(off, 10) + "-" + strconv.FormatInt(off+n-1, 10),
	}}
	resp, err := await(app.Window().Call("fetch", u, opts))
	if err != nil {
		return chunk{}, unreachable("GET", u, err)
	}
	noteAnswer(resp)
	status := resp.Get("status").Int()
	head := func(name string) string {
		v := resp.Get("headers").Call("get", name)
		if !v.Truthy() {
			return ""
		}
		return v.String()
	}
	switch {
	case status == 200 && lengthOver(head("Content-Length"), maxWhole):
		resp.Get("body").Call("cancel")
		return chunk{}, fmt.Errorf("GET %s: the whole file was sent, not the range asked for", u)
	case status != 200 && status != 206 && status != 416:
		return chunk{}, answerError(resp, u, status)
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return chunk{}, fmt.Errorf("GET %s: reading the answer failed (%v)", u, err)
	}
	arr := app.Window().Get("Uint8Array").New(buf)
	b := make([]byte, arr.Get("length").Int())
	app.CopyBytesToGo(b, arr)
	return toChunk(status, head("Content-Range"), b, off, n)
}

func lengthOver(v string, limit int64) bool {
	n, err := strconv.ParseInt(v, 10, 64)
	return err == nil && n > limit
}

// answerError is the error of an answer other than 200, 206 or 416,
// with MLflow's message when the body carries one.
func answerError(resp app.Value, u string, status int) error {
	text, err := await(resp.Call("text"))
	if err == nil {
		var me mlflow.Error
		if json.Unmarshal([]byte(text.String()), &me) == nil && me.Message != "" {
			return &me
		}
	}
	return fmt.Errorf("GET %s: HTTP %d", u, status)
}

// toChunk reads the answer to a range request: 206 with its Content-Range,
// 416 (nothing at off) with the size in Content-Range, or 200 with the
// whole file, from which the range is cut here.
func toChunk(status int, contentRange string, body []byte, off, n int64) (chunk, error) {
	switch status {
	case 206:
		start, total, err := parseContentRange(contentRange)
		if err != nil {
			return chunk{}, err
		}
		return chunk{data: body, off: start, total: total}, nil
	case 416:
		_, total, err := parseContentRange(contentRange)
		if err != nil {
			return chunk{}, err
		}
		return chunk{off: total, total: total}, nil
	}
	total := int64(len(body))
	lo, hi := min(off, total), min(off+n, total)
	return chunk{data: body[lo:hi], off: lo, total: total}, nil
}

var errContentRange = errors.New("the answer has no usable Content-Range")

// parseContentRange reads "bytes 0-99/1234" or "bytes */1234". The start
// is -1 in the second form.
func parseContentRange(v string) (start, total int64, err error) {
	rng, ok := strings.CutPrefix(v, "bytes ")
	if !ok {
		return 0, 0, errContentRange
	}
	span, size, ok := strings.Cut(rng, "/")
	if !ok {
		return 0, 0, errContentRange
	}
	if total, err = strconv.ParseInt(size, 10, 64); err != nil || total < 0 {
		return 0, 0, errContentRange
	}
	if span == "*" {
		return -1, total, nil
	}
	from, _, ok := strings.Cut(span, "-")
	if start, err = strconv.ParseInt(from, 10, 64); !ok || err != nil || start < 0 {
		return 0, 0, errContentRange
	}
	return start, total, nil
}
