package ui

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"
	"time"

	"mlscope/app/mlmodel"
	"mlscope/app/signature"
)

// Chunking of a validation in the browser. WebAssembly runs Go on the
// page's only thread, so a validation holds the page until it sleeps: it
// does chunkRows rows at a time and, once a chunk has run past sliceTime
// since the last pause, sleeps for yieldTime so the browser can paint the
// progress and handle input. Pausing after every chunk would be smoother
// but slow: browsers stretch chained timers to 4 ms, which on a 100,000-row
// request costs more than the checking itself.
const (
	chunkRows = 4000
	sliceTime = 40 * time.Millisecond
	yieldTime = time.Millisecond
)

// browserMaxProblems caps the problems a validation in the browser keeps;
// Result.ProblemCount still counts them all.
const browserMaxProblems = 5000

// checkRequest is a request body to validate and where it came from.
type checkRequest struct {
	body        []byte
	name        string // file name, "pasted text" or the example file
	contentType string
}

// checkJob is one validation running in the background. Its stop channel
// is closed when its outcome is no longer wanted.
type checkJob struct {
	stop  chan struct{}
	start time.Time
}

func newCheckJob() *checkJob {
	return &checkJob{stop: make(chan struct{}), start: time.Now()}
}

func (j *checkJob) cancel() {
	if j != nil {
		close(j.stop)
	}
}

// validate runs the validation in chunks; progress is called between
// chunks, from the goroutine running validate. It returns nil when the job
// was cancelled.
func (j *checkJob) validate(sig *signature.Signature, req checkRequest, mode signature.Mode,
	progress func(float64)) *signature.Result {
	v := signature.NewValidator(sig, req.body, signature.Options{Mode: mode,
		ContentType: req.contentType, MaxProblems: browserMaxProblems})
	slice := time.Now()
	for !v.Next(chunkRows) {
		if time.Since(slice) < sliceTime {
			continue
		}
		progress(v.Progress())
		time.Sleep(yieldTime)
		select {
		case <-j.stop:
			return nil
		default:
		}
		slice = time.Now()
	}
	return v.Result()
}

// enforcedSignature reads the schemas an MLmodel file stores into the
// validator's form. A model without a signature gives nil and no error:
// MLflow enforces nothing then.
func enforcedSignature(s *mlmodel.Signature) (*signature.Signature, error) {
	if s == nil {
		return nil, nil
	}
	entry := func(text string) any {
		if text == "" {
			return nil
		}
		return text // the JSON string, as MLmodel holds it
	}
	b, err := json.Marshal(map[string]any{"inputs": entry(s.InputsJSON),
		"outputs": entry(s.OutputsJSON), "params": entry(s.ParamsJSON)})
	if err != nil {
		return nil, err
	}
	return signature.ParseSignature(b)
}

// sniffContentType guesses the media type of a body: CSV for a .csv file
// name, JSON for .json, else JSON unless the text starts like CSV (with
// neither an object, an array nor a string).
func sniffContentType(name string, body []byte) string {
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".csv":
		return signature.ContentCSV
	case ".json":
		return signature.ContentJSON
	}
	text := bytes.TrimLeft(body, " \t\r\n")
	if len(text) == 0 || bytes.IndexByte([]byte(`{["`), text[0]) >= 0 {
		return signature.ContentJSON
	}
	return signature.ContentCSV
}
