package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
)

// maxBody bounds a JSON request body; MLflow's largest (log-batch) is
// limited to about 1 MB of content.
const maxBody = 16 << 20

// request gives handlers the fields of an MLflow RPC, whether they came as
// URL query parameters (GET) or as a JSON body (POST), as MLflow's server
// accepts both for the same message.
type request struct {
	query url.Values
	body  map[string]json.RawMessage
}

func badRequest(format string, args ...any) *mlflow.Error {
	return mlflow.Errorf(mlflow.CodeInvalidParameterValue, format, args...)
}

// readRequest parses the query string and, for POST, PUT and PATCH, a JSON
// object body. An empty body is {}; a body that is a JSON string holding a
// JSON object (old clients encoded twice) is decoded again.
func readRequest(r *http.Request) (*request, error) {
	req := &request{query: r.URL.Query()}
	if r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodPatch {
		return req, nil
	}
	if r.Method != http.MethodPatch {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct != "application/json" {
			return nil, badRequest("Bad Request. Content-Type must be one of "+
				"[application/json]. Got: %s", r.Header.Get("Content-Type"))
		}
	}
	b, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBody))
	if err != nil {
		// The guard in front turns body failures into MLflow errors.
		var me *mlflow.Error
		if errors.As(err, &me) {
			return nil, me
		}
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, mlflow.Errorf(mlflow.CodeBadRequest,
				"request body is larger than the limit of %d MiB", maxBody>>20)
		}
		return nil, mlflow.Errorf(mlflow.CodeBadRequest, "request body unreadable")
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		req.body = map[string]json.RawMessage{}
		return req, nil
	}
	if b[0] == '"' {
		var inner string
		if json.Unmarshal(b, &inner) == nil {
			b = []byte(inner)
		}
	}
	if err := json.Unmarshal(b, &req.body); err != nil {
		return nil, mlflow.Errorf(mlflow.CodeBadRequest, "malformed JSON request body: %v", err)
	}
	return req, nil
}

// raw returns the JSON value of a body field, or nil.
func (q *request) raw(name string) json.RawMessage {
	v, ok := q.body[name]
	if !ok || string(v) == "null" {
		return nil
	}
	return v
}

// str returns a scalar string field. Numbers in the body are taken as their
// text, which keeps old clients' integer experiment ids working.
func (q *request) str(name string) (string, error) {
	if v := q.raw(name); v != nil {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s, nil
		}
		var n json.Number
		if json.Unmarshal(v, &n) == nil {
			return n.String(), nil
		}
		return "", invalidValue(name, v)
	}
	return q.query.Get(name), nil
}

// strs returns a repeated string field: a JSON array, or every occurrence
// of the query key.
func (q *request) strs(name string) ([]string, error) {
	if v := q.raw(name); v != nil {
		var items []json.RawMessage
		if err := json.Unmarshal(v, &items); err != nil {
			return nil, invalidValue(name, v)
		}
		out := make([]string, 0, len(items))
		for _, it := range items {
			var s string
			if json.Unmarshal(it, &s) == nil {
				out = append(out, s)
				continue
			}
			var n json.Number
			if json.Unmarshal(it, &n) != nil {
				return nil, invalidValue(name, v)
			}
			out = append(out, n.String())
		}
		return out, nil
	}
	return q.query[name], nil
}

// int returns an integer field, def when absent. Protobuf's JSON rules take
// numbers and numeric strings alike.
func (q *request) int(name string, def int64) (int64, error) {
	s, err := q.str(name)
	if err != nil {
		return 0, err
	}
	if s == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && f == float64(int64(f)) {
			return int64(f), nil
		}
		return 0, invalidValue(name, []byte(strconv.Quote(s)))
	}
	return n, nil
}

// required returns a string field that must be present and non-empty.
func (q *request) required(name string) (string, error) {
	s, err := q.str(name)
	if err != nil {
		return "", err
	}
	if s == "" {
		return "", missing(name)
	}
	return s, nil
}

// runID returns run_id, or the deprecated run_uuid that old clients send.
func (q *request) runID() (string, error) {
	id, err := q.str("run_id")
	if err == nil && id == "" {
		id, err = q.str("run_uuid")
	}
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", missing("run_id")
	}
	return id, nil
}

func missing(name string) *mlflow.Error {
	return badRequest("Missing value for required parameter '%s'. See the API docs "+
		"for more information about request parameters.", name)
}

func invalidValue(name string, v []byte) *mlflow.Error {
	return badRequest("Invalid value %s for parameter '%s' supplied. See the API docs "+
		"for more information about request parameters.", strings.TrimSpace(string(v)), name)
}

// viewType reads a view type field (run_view_type or view_type).
func (q *request) viewType(name string) (mlflow.ViewType, error) {
	s, err := q.str(name)
	if err != nil {
		return 0, err
	}
	vt, err := mlflow.ParseViewType(s)
	if err != nil {
		return 0, badRequest("Invalid value %s for parameter '%s' supplied.", s, name)
	}
	return vt, nil
}
