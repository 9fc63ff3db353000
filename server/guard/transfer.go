package guard

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"mlscope/app/mlflow"
)

// Timeouts. A server-wide ReadTimeout or WriteTimeout would cut a long
// artifact upload or download however well it moves, so instead every read
// of the request body and every write of the answer pushes the
// connection's deadline IOTimeout into the future: a transfer may take
// hours, but it may not stall for longer than IOTimeout. Time a handler
// spends computing before its first write does not count. (Request
// headers have the server's ReadHeaderTimeout, idle keep-alive connections
// its IdleTimeout.)

// watchTransfer wraps the body and the response writer of a request; rc
// controls w.
func (g *Guard) watchTransfer(w http.ResponseWriter, r *http.Request,
	rc *http.ResponseController) (http.ResponseWriter, *http.Request) {
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = &watchedBody{
			ReadCloser: http.MaxBytesReader(w, r.Body, g.bodyLimit(r)),
			rc:         rc, timeout: g.cfg.IOTimeout, limit: g.bodyLimit(r),
		}
	}
	return &watchedWriter{ResponseWriter: w, rc: rc, timeout: g.cfg.IOTimeout}, r
}

// watchedBody extends the read deadline before each read and turns the
// failures that are the client's doing into MLflow errors, so that a
// handler answers them as 400 rather than as an internal error.
type watchedBody struct {
	io.ReadCloser
	rc      *http.ResponseController
	timeout time.Duration
	limit   int64
}

func (b *watchedBody) Read(p []byte) (int, error) {
	b.rc.SetReadDeadline(time.Now().Add(b.timeout))
	n, err := b.ReadCloser.Read(p)
	if err == nil {
		return n, nil
	}
	// After the body, net/http watches the connection for the client going
	// away; that read must not inherit our deadline.
	b.rc.SetReadDeadline(time.Time{})
	var tooLarge *http.MaxBytesError
	var msg string
	switch {
	case err == io.EOF:
		return n, err
	case errors.As(err, &tooLarge):
		msg = fmt.Sprintf("request body is larger than the limit of %s for this endpoint",
			FormatSize(b.limit))
	case errors.Is(err, os.ErrDeadlineExceeded):
		msg = fmt.Sprintf("request body stalled: no data for %v", b.timeout)
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "request body ended before its announced length"
	default:
		return n, err
	}
	return n, fmt.Errorf("%w (%w)", mlflow.Errorf(mlflow.CodeBadRequest, "%s", msg), err)
}

// watchedWriter extends the write deadline before each write. It hides
// io.ReaderFrom on purpose: one ReadFrom call (sendfile) would carry a whole
// download under a single deadline.
type watchedWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

func (w *watchedWriter) WriteHeader(status int) {
	w.rc.SetWriteDeadline(time.Now().Add(w.timeout))
	w.ResponseWriter.WriteHeader(status)
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	w.rc.SetWriteDeadline(time.Now().Add(w.timeout))
	return w.ResponseWriter.Write(p)
}

// Flush sends what is buffered, for handlers that stream.
func (w *watchedWriter) Flush() {
	w.rc.SetWriteDeadline(time.Now().Add(w.timeout))
	w.rc.Flush()
}

// Unwrap lets http.ResponseController reach the connection.
func (w *watchedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
