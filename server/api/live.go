package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"

	"mlscope/app/mlflow"
)

// The live stream's timing and limits.
const (
	// livePoll is how often the stream looks at its runs' progress in the
	// index: an in-memory lookup, which the index keeps current from file
	// notifications and the store's own writes.
	livePoll = 500 * time.Millisecond
	// liveKeepAlive is how often an idle stream sends a comment, so that
	// proxies and the guard's stall timeout keep the connection open.
	liveKeepAlive = 15 * time.Second
	// liveMaxValues bounds the values of one metric in one message; past
	// it the browser is told to load the history again instead.
	liveMaxValues = 5000
)

// liveRPCs are mlscope's own endpoints, beside MLflow's.
func (s *Server) liveRPCs() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"GET /mlscope/live": s.handleLive,
	}
}

// liveHub ends the live streams when the HTTP server shuts down: they
// would otherwise hold its graceful shutdown until its grace runs out.
type liveHub struct {
	once sync.Once
	done chan struct{}
}

// closed returns a channel closed when the server of r begins to shut
// down.
func (h *liveHub) closed(r *http.Request) <-chan struct{} {
	h.once.Do(func() {
		h.done = make(chan struct{})
		if srv, ok := r.Context().Value(http.ServerContextKey).(*http.Server); ok {
			srv.RegisterOnShutdown(func() { close(h.done) })
		}
	})
	return h.done
}

// liveRun is what a stream knows of one of its runs.
type liveRun struct {
	id      string
	running bool
	status  mlflow.RunStatus // as the stream opened
	read    map[string]int64 // bytes of each metric file already sent
}

// handleLive streams new metric values of running runs as Server-Sent
// Events, so that charts extend without polling. GET
// /ajax-api/2.0/mlscope/live?run_ids=... (up to 100) answers with events:
//
//	metrics  {"run_id", "key", "steps", "timestamps", "values"}: values
//	         logged since the stream opened (or since the last event)
//	reload   {"run_id", "key"}: a file was rewritten, or too many values
//	         came at once; load the history again
//	status   {"run_id", "status"}: the run is no longer running
//	end      {}: none of the runs is running; the stream closes
//
// Values logged before the stream opened are not sent: a page opens the
// stream, then loads the histories.
func (s *Server) handleLive(w http.ResponseWriter, r *http.Request) {
	q, err := readRequest(r)
	if err == nil {
		var runs []*liveRun
		if runs, err = s.liveRuns(q); err == nil {
			s.streamLive(w, r, runs)
			return
		}
	}
	s.fail(w, r, err)
}

// liveRuns reads the request's runs and where their metric files stand.
func (s *Server) liveRuns(q *request) ([]*liveRun, error) {
	ids, err := q.strs("run_ids")
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, missing("run_ids")
	}
	if len(ids) > maxRunsBulkHistory {
		return nil, badRequest("a live stream follows at most %d runs; received %d.",
			maxRunsBulkHistory, len(ids))
	}
	runs := make([]*liveRun, len(ids))
	for i, id := range ids {
		p, err := s.store.RunProgress(id)
		if err != nil {
			return nil, err
		}
		runs[i] = &liveRun{id: id, running: p.Running, status: p.Status, read: p.Metrics}
	}
	return runs, nil
}

// streamLive sends the events of the runs until none is running, the
// client goes away or the server shuts down.
func (s *Server) streamLive(w http.ResponseWriter, r *http.Request, runs []*liveRun) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not hold events back
	w.WriteHeader(http.StatusOK)
	send := func(event string, data any) error {
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b); err != nil {
			return err
		}
		return rc.Flush()
	}
	if _, err := fmt.Fprint(w, ": mlscope live\n\n"); err != nil || rc.Flush() != nil {
		return
	}
	poll, alive := time.NewTicker(livePoll), time.NewTicker(liveKeepAlive)
	defer poll.Stop()
	defer alive.Stop()
	stop := s.live.closed(r)
	// Runs that have already ended are reported at once, so that the page
	// stops waiting for them.
	for _, lr := range runs {
		if !lr.running {
			data := map[string]string{"run_id": lr.id, "status": lr.status.String()}
			if send("status", data) != nil {
				return
			}
		}
	}
	for {
		running := false
		for _, lr := range runs {
			if err := s.liveStep(lr, send); err != nil {
				return // the client went away
			}
			running = running || lr.running
		}
		if !running {
			send("end", struct{}{})
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-stop:
			return
		case <-alive.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case <-poll.C:
		}
	}
}

// liveValues is the data of a metrics event: the new values of one metric.
type liveValues struct {
	RunID      string         `json:"run_id"`
	Key        string         `json:"key"`
	Steps      []int64        `json:"steps"`
	Timestamps []int64        `json:"timestamps"`
	Values     []mlflow.Float `json:"values"`
}

// liveStep sends what changed in one run since the last look. Only
// errors in sending are returned; a run that went away just stops.
func (s *Server) liveStep(lr *liveRun, send func(string, any) error) error {
	if !lr.running {
		return nil
	}
	p, err := s.store.RunProgress(lr.id)
	if err != nil {
		lr.running = false
		return send("status", map[string]string{"run_id": lr.id, "status": "DELETED"})
	}
	keys := make([]string, 0, len(p.Metrics))
	for k, n := range p.Metrics {
		if n > lr.read[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := s.liveMetric(lr, k, send); err != nil {
			return err
		}
	}
	if !p.Running {
		lr.running = false
		return send("status", map[string]string{"run_id": lr.id, "status": p.Status.String()})
	}
	return nil
}

// liveMetric sends the values appended to one metric file.
func (s *Server) liveMetric(lr *liveRun, key string, send func(string, any) error) error {
	c, next, ok, err := s.store.MetricTail(lr.id, key, lr.read[key])
	if err != nil {
		s.log.Debug("live stream: read metric", "run_id", lr.id, "key", key, "err", err)
		return nil
	}
	lr.read[key] = next
	if !ok || c.Len() > liveMaxValues {
		return send("reload", map[string]string{"run_id": lr.id, "key": key})
	}
	if c.Len() == 0 {
		return nil
	}
	v := liveValues{RunID: lr.id, Key: key, Steps: c.Steps, Timestamps: c.Times,
		Values: make([]mlflow.Float, c.Len())}
	for i, x := range c.Values {
		v.Values[i] = mlflow.Float(x)
	}
	return send("metrics", v)
}
