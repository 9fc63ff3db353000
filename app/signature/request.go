package signature

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Format is the shape of a scoring request.
type Format string

// Request formats of MLflow's scoring server.
const (
	FormatUnknown   Format = ""
	FormatSplit     Format = "dataframe_split"
	FormatRecords   Format = "dataframe_records"
	FormatInstances Format = "instances"
	FormatInputs    Format = "inputs"
	FormatCSV       Format = "csv"
	// FormatLLM is the unified LLM request: a body with "messages", "prompt"
	// or "input", passed to the model as a whole.
	FormatLLM Format = "unified_llm"
)

var formatKeys = []Format{FormatSplit, FormatRecords, FormatInstances, FormatInputs}

const requiredInputFormat = "The input must be a JSON dictionary with exactly one of the " +
	"input fields {'dataframe_split', 'instances', 'inputs', 'dataframe_records'}"

const protocolChangeInfo = "(MLflow 2.0 changed the scoring request format; requests in the " +
	"1.x format are refused.)"

// Request is a parsed scoring request.
type Request struct {
	Format Format
	// Data is the value under the format key. For CSV it is an array of rows,
	// each an array of text cells; for FormatLLM it is the whole body.
	Data Value
	// Params is the "params" value, KindMissing when absent.
	Params Value
	// Columns holds the CSV header.
	Columns []string
	// Dropped lists top-level keys the scoring server ignores.
	Dropped []string
	doc     *document
}

// RequestError is a request refused before its data is looked at.
type RequestError struct {
	Category Category
	Message  string // MLflow's wording
	Status   int    // HTTP status: 400, 413 or 415
}

// Error returns the message.
func (e *RequestError) Error() string { return string(e.Category) + ": " + e.Message }

// Content types the scoring server serves.
const (
	ContentJSON = "application/json"
	ContentCSV  = "text/csv"
)

// Default limits, see Options.
const (
	DefaultMaxBytes = 256 << 20
	DefaultMaxDepth = 1000
	DefaultMaxNodes = 1 << 25
)

// ParseRequest parses a scoring request body. contentType is the HTTP
// Content-Type ("" means JSON). Errors are *RequestError.
func ParseRequest(body []byte, contentType string) (*Request, error) {
	rp, rerr := newRequestParser(body, contentType, Options{})
	if rerr != nil {
		return nil, rerr
	}
	for !rp.step(1 << 30) {
	}
	if rp.err != nil {
		return nil, rp.err
	}
	return rp.req, nil
}

// ReadRequest reads and parses a body from r, refusing bodies larger than
// maxBytes (DefaultMaxBytes when 0).
func ReadRequest(r io.Reader, contentType string, maxBytes int) (*Request, error) {
	body, err := readCapped(r, maxBytes)
	if err != nil {
		return nil, err
	}
	return ParseRequest(body, contentType)
}

func readCapped(r io.Reader, maxBytes int) ([]byte, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	body, err := io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxBytes {
		return nil, tooLarge(maxBytes)
	}
	return body, nil
}

func tooLarge(max int) *RequestError {
	return &RequestError{Category: CatTooLarge, Status: 413,
		Message: fmt.Sprintf("Request body larger than %d bytes", max)}
}

// requestParser parses a body in steps.
type requestParser struct {
	p    *parser
	req  *Request
	err  *RequestError
	done bool
}

func newRequestParser(body []byte, contentType string, o Options) (*requestParser,
	*RequestError) {
	o = o.withDefaults()
	mime, err := checkContentType(contentType)
	if err != nil {
		return nil, err
	}
	if len(body) > o.MaxBytes {
		return nil, tooLarge(o.MaxBytes)
	}
	rp := &requestParser{req: &Request{}}
	if mime == ContentCSV {
		d, cols, cerr := parseCSV(string(body), o.MaxNodes)
		if cerr != nil {
			return nil, cerr
		}
		rp.req = &Request{Format: FormatCSV, Data: d.value(0), Columns: cols, doc: d}
		rp.done = true
		return rp, nil
	}
	rp.p = newParser(string(body), o.MaxDepth, o.MaxNodes)
	return rp, nil
}

// checkContentType returns the media type or the scoring server's 415.
func checkContentType(ct string) (string, *RequestError) {
	if strings.TrimSpace(ct) == "" {
		return ContentJSON, nil
	}
	parts := strings.Split(ct, ";")
	mime := strings.ToLower(strings.TrimSpace(parts[0]))
	var unknown []string
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		k = strings.TrimSpace(k)
		if k == "charset" {
			if cs := strings.ToLower(strings.Trim(strings.TrimSpace(v), `"`)); cs != "utf-8" {
				return "", &RequestError{Category: CatUnsupportedMedia, Status: 415,
					Message: "Only UTF-8 bodies are served"}
			}
			continue
		}
		unknown = append(unknown, k)
	}
	if len(unknown) > 0 {
		return "", &RequestError{Category: CatUnsupportedMedia, Status: 415,
			Message: "Unknown content type parameters: " + strings.Join(unknown, ", ") + " " +
				protocolChangeInfo}
	}
	if mime != ContentJSON && mime != ContentCSV {
		return "", &RequestError{Category: CatUnsupportedMedia, Status: 415,
			Message: "Only text/csv and application/json bodies are served, not '" + ct + "'."}
	}
	return mime, nil
}

// step parses about budget values; it reports whether parsing finished.
func (rp *requestParser) step(budget int) bool {
	if rp.done {
		return true
	}
	if !rp.p.step(budget) {
		return false
	}
	rp.done = true
	if rp.p.tooMany {
		rp.err = &RequestError{Category: CatTooLarge, Status: 413, Message: "Request has " +
			"more than " + strconv.Itoa(rp.p.maxNodes) + " JSON values"}
		return true
	}
	if rp.p.err != nil {
		rp.err = &RequestError{Category: CatMalformedJSON, Status: 400,
			Message: "Invalid input. The body is not valid JSON: " + rp.p.err.Error()}
		return true
	}
	rp.req, rp.err = decodeRequest(rp.p.d)
	return true
}

// progress returns the bytes consumed and the total.
func (rp *requestParser) progress() (int, int) {
	if rp.p == nil {
		return 1, 1
	}
	return rp.p.pos, len(rp.p.d.src)
}

var llmKeys = []string{"messages", "prompt", "input"}

// decodeRequest finds the format of a parsed JSON body.
func decodeRequest(d *document) (*Request, *RequestError) {
	root := d.value(0)
	switch root.Kind() {
	case KindObject:
	case KindArray:
		return nil, badFormat("Invalid input. " + requiredInputFormat + "; got a list.")
	default:
		return nil, badFormat("Invalid input. " + requiredInputFormat + "; got " + pyClass(root) +
			".")
	}
	req := &Request{doc: d}
	req.Params, _ = root.Get("params")
	keys := root.Keys()
	for _, k := range keys {
		for _, l := range llmKeys {
			if k == l {
				req.Format = FormatLLM
				req.Data = root
				return req, nil
			}
		}
	}
	var found []Format
	for _, k := range keys {
		isFormat := false
		for _, f := range formatKeys {
			if k == string(f) {
				found = append(found, f)
				isFormat = true
			}
		}
		if !isFormat && k != "params" {
			req.Dropped = append(req.Dropped, k)
		}
	}
	if len(found) != 1 {
		return nil, badFormat(requiredInputFormat + "; got the keys " + pyList(keys) + ". " +
			protocolChangeInfo)
	}
	req.Format = found[0]
	req.Data, _ = root.Get(string(found[0]))
	sort.Strings(req.Dropped)
	return req, nil
}

func badFormat(msg string) *RequestError {
	return &RequestError{Category: CatBadFormat, Status: 400, Message: msg}
}
