package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"mlscope/app/mlflow"
	"mlscope/server/mlruns"
)

// The load and fault test of issue 9: 50 clients log batches through
// MLflow's REST API while a real mlscope server process is killed with
// SIGKILL and restarted on the same port and tree; afterwards the files on
// disk must hold every acknowledged write exactly once, and mlscope's own
// reader must read the tree without skipping anything. docs/RELIABILITY.md
// says how to run it and what it measured.
//
// How a write is recognised on disk. Every HTTP attempt of a log-batch,
// retries included, gets a fresh attempt id, recorded before it is sent.
// Its metric lines carry step id*faultStepSpan+j and value id+j/4, with
// the attempt's own timestamp, so each line on disk names the one attempt
// that wrote it. An attempt counts as acknowledged only when it got
// HTTP 200. The rules checked:
//
//   - a metric line of an acknowledged attempt is on disk exactly once;
//   - a line of any attempt is on disk at most once. A batch retried after
//     a connection error may land twice when its first attempt did land,
//     but under two attempt ids, which is legitimate: MLflow's clients
//     retry too, and the server cannot tell the attempts apart;
//   - every line parses and names a known attempt of that run and key.
//     The one exception is a last line without its newline (a write torn
//     by the kill). It never counts as a write, so a torn line of an
//     acknowledged attempt fails the first rule: a torn line is allowed
//     only when its attempt was not acknowledged. The server ends a torn
//     line with a mark before it appends after it (mlruns.tornMark): a
//     marked line is a torn line too;
//   - params (one new key per batch, the same value on every attempt) and
//     per-batch tags are present with their whole value once their batch
//     was acknowledged, and otherwise absent or whole, never half written;
//   - the tag "last", rewritten by every batch, holds the number of the
//     last acknowledged batch of its run or of a later attempted one.

const (
	faultClients     = 50
	faultDefaultRun  = 60 * time.Second
	faultKills       = 5  // during the run, evenly spaced
	faultBatchesEach = 60 // batches per run before a client starts another
	faultStepSpan    = 4  // steps reserved per attempt, of which it uses faultPoints
	faultPoints      = 3  // lines per metric key in one batch
)

// faultTornMark is how mlruns ends a torn metric line before appending
// after it: its tornMark, which is not exported.
const faultTornMark = " <- torn: its writer stopped in mid-line\n"

// faultMetricKeys are logged by every batch; "eval/acc" nests a folder.
var faultMetricKeys = []string{"loss", "eval/acc"}

// faultDuration is 60 s, or MLSCOPE_LOAD_SECONDS for a shorter local run.
func faultDuration(t *testing.T) time.Duration {
	t.Helper()
	s := os.Getenv("MLSCOPE_LOAD_SECONDS")
	if s == "" {
		return faultDefaultRun
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 3 {
		t.Fatalf("MLSCOPE_LOAD_SECONDS=%q: want a whole number of seconds, at least 3", s)
	}
	return time.Duration(n) * time.Second
}

// TestLoadAndFaults is the test described above. It stops by itself: the
// load ends after faultDuration, every request and every wait has a
// timeout, and the test's cleanup kills the server process.
func TestLoadAndFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: the load and fault test runs for a minute")
	}
	length := faultDuration(t)
	dir := t.TempDir()
	srv := &faultServer{t: t, bin: buildServerBinary(t, dir), dir: dir, port: freePort(t)}
	t.Cleanup(srv.kill)
	srv.start()

	ctx, cancel := context.WithTimeout(context.Background(), length)
	defer cancel()
	hc := &http.Client{Timeout: 15 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: faultClients}}
	var ids atomic.Int64
	clients := make([]*faultClient, faultClients)
	var wg sync.WaitGroup
	began := time.Now()
	for i := range clients {
		clients[i] = &faultClient{n: i, base: srv.url(), hc: hc, ids: &ids}
		wg.Add(1)
		go func() { defer wg.Done(); clients[i].loop(ctx) }()
	}
	kills := srv.killRepeatedly(ctx, faultKills)
	wg.Wait()
	elapsed := time.Since(began)
	srv.stop()

	log := mergeClients(t, clients)
	sent, acked := log.counts()
	t.Logf("%d clients, %v, %d kills: %d log-batch requests (%.0f/s), %d acknowledged (%.0f/s), "+
		"%d connection errors", faultClients, elapsed.Round(time.Second), kills, sent,
		float64(sent)/elapsed.Seconds(), acked, float64(acked)/elapsed.Seconds(), log.connErrs)
	if acked == 0 {
		t.Fatal("no write was acknowledged")
	}
	t.Logf("down after each kill: %v", srv.down)
	if kills < faultKills {
		t.Errorf("the server was killed %d times, want %d", kills, faultKills)
	}
	srv.checkLogs()
	got := checkDisk(t, filepath.Join(dir, "mlruns"), log)
	t.Logf("checked on disk: %d acknowledged writes (%d metric lines, %d params, %d tags); "+
		"%d unacknowledged attempts landed, %d files with a torn line, %d runs created without "+
		"an answer", got.writes(), got.lines, got.params, got.tags, got.unackedLanded,
		len(got.torn), got.orphans)
	checkReader(t, filepath.Join(dir, "mlruns"), got)
}

// buildServerBinary builds mlscope into dir, so that the test kills a real
// server process, not a goroutine.
func buildServerBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "mlscope")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// faultServer is the mlscope process under test. Its methods are called
// from the test goroutine only.
type faultServer struct {
	t      *testing.T
	bin    string
	dir    string
	port   int
	cmd    *exec.Cmd
	done   chan error // receives the exit of cmd
	starts int
	down   []time.Duration // from each kill until /health answered again
}

func (s *faultServer) url() string { return "http://127.0.0.1:" + strconv.Itoa(s.port) }

func (s *faultServer) logPath(n int) string {
	return filepath.Join(s.dir, fmt.Sprintf("server-%d.log", n))
}

// start runs the server on its port and waits until /health answers. The
// port was held by the killed process a moment ago, so a failed start is
// tried again.
func (s *faultServer) start() {
	s.t.Helper()
	for try := 1; ; try++ {
		err := s.startOnce()
		if err == nil {
			return
		}
		if try == 3 {
			s.t.Fatalf("server start %d: %v", s.starts, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (s *faultServer) startOnce() error {
	s.starts++
	logf, err := os.Create(s.logPath(s.starts))
	if err != nil {
		return err
	}
	defer logf.Close() // the child holds its own descriptor
	cmd := exec.Command(s.bin, "server", "--host", "127.0.0.1",
		"--port", strconv.Itoa(s.port),
		"--backend-store-uri", filepath.Join(s.dir, "mlruns"),
		"--artifacts-destination", filepath.Join(s.dir, "mlartifacts"),
		"--index-cache", filepath.Join(s.dir, "index-cache"))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd, s.done = cmd, make(chan error, 1)
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.cmd = nil
			b, _ := os.ReadFile(s.logPath(s.starts))
			return fmt.Errorf("exited at start (%v):\n%s", err, b)
		case <-time.After(20 * time.Millisecond):
		}
		if healthy(s.url()) {
			return nil
		}
	}
	s.kill()
	return errors.New("no answer from /health in 20 s")
}

func healthy(base string) bool {
	c := &http.Client{Timeout: time.Second}
	resp, err := c.Get(base + "/health")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// kill sends SIGKILL and waits for the process to go. It is the test's
// cleanup too, so that no server outlives the test.
func (s *faultServer) kill() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

// killRepeatedly kills and restarts the server n times, evenly spaced
// until ctx ends, and returns how many times it killed it. A slow restart
// delays the next kill but does not skip it.
func (s *faultServer) killRepeatedly(ctx context.Context, n int) int {
	s.t.Helper()
	began, end := time.Now(), deadlineOf(ctx)
	interval := end.Sub(began) / time.Duration(n+1)
	for k := 1; k <= n; k++ {
		pause(ctx, time.Until(began.Add(time.Duration(k)*interval)))
		if ctx.Err() != nil {
			return k - 1
		}
		killed := time.Now()
		s.kill()
		s.start()
		s.down = append(s.down, time.Since(killed))
	}
	<-ctx.Done()
	return n
}

func deadlineOf(ctx context.Context) time.Time {
	d, _ := ctx.Deadline()
	return d
}

// stop ends the last server as an operator would, with SIGTERM, and
// expects it to exit cleanly.
func (s *faultServer) stop() {
	s.t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.t.Errorf("SIGTERM: %v", err)
	}
	select {
	case err := <-s.done:
		s.cmd = nil
		if err != nil {
			s.t.Errorf("server exited with %v after SIGTERM", err)
		}
	case <-time.After(15 * time.Second):
		s.t.Errorf("server still running 15 s after SIGTERM")
		s.kill()
	}
}

// checkLogs fails on any error or warning the servers logged: a write
// that failed, or a damaged file the server met on the tree.
func (s *faultServer) checkLogs() {
	s.t.Helper()
	for n := 1; n <= s.starts; n++ {
		b, err := os.ReadFile(s.logPath(n))
		if err != nil {
			s.t.Error(err)
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "level=ERROR") || strings.Contains(line, "level=WARN") {
				s.t.Errorf("server %d logged: %s", n, line)
			}
		}
	}
}

// faultAttempt is one HTTP attempt of a log-batch.
type faultAttempt struct {
	id    int64
	run   string
	batch int
	ts    int64 // the timestamp of its metric lines
	acked bool  // it got HTTP 200
}

// faultClient is one of the concurrent clients. Its fields are its own
// while it runs, and read by the test goroutine after.
type faultClient struct {
	n        int
	base     string
	hc       *http.Client
	ids      *atomic.Int64
	runID    string // the run being logged to
	batch    int    // the next batch of that run
	attempts []*faultAttempt
	runs     []string // runs it created and got an answer for
	connErrs int
	failures []string // answers other than 200 and 503
}

// loop logs batches until ctx ends, starting a new run every
// faultBatchesEach batches.
func (c *faultClient) loop(ctx context.Context) {
	for ctx.Err() == nil {
		if c.runID == "" || c.batch == faultBatchesEach {
			c.createRun(ctx)
			continue
		}
		if c.logBatch(ctx) {
			c.batch++
		}
	}
}

func (c *faultClient) createRun(ctx context.Context) {
	body := map[string]any{"experiment_id": "0", "start_time": time.Now().UnixMilli(),
		"run_name": fmt.Sprintf("client-%d-%d", c.n, len(c.runs))}
	var out struct {
		Run struct {
			Info struct {
				RunID string `json:"run_id"`
			} `json:"info"`
		} `json:"run"`
	}
	b, ok := c.post(ctx, "runs/create", body)
	if !ok {
		return
	}
	if err := json.Unmarshal(b, &out); err != nil || out.Run.Info.RunID == "" {
		c.failures = append(c.failures, fmt.Sprintf("runs/create answered %.200q", b))
		return
	}
	c.runID, c.batch = out.Run.Info.RunID, 0
	c.runs = append(c.runs, c.runID)
}

// logBatch makes one attempt of the current batch and reports whether it
// was acknowledged.
func (c *faultClient) logBatch(ctx context.Context) bool {
	a := &faultAttempt{id: c.ids.Add(1), run: c.runID, batch: c.batch,
		ts: time.Now().UnixMilli()}
	c.attempts = append(c.attempts, a)
	_, a.acked = c.post(ctx, "runs/log-batch", faultBatch(a))
	return a.acked
}

// faultBatch is the log-batch body of an attempt: what changes between
// attempts of one batch is only in the metric lines.
func faultBatch(a *faultAttempt) map[string]any {
	var metrics []map[string]any
	for _, key := range faultMetricKeys {
		for j := range faultPoints {
			metrics = append(metrics, map[string]any{"key": key, "timestamp": a.ts,
				"value": faultValue(a.id, j), "step": a.id*faultStepSpan + int64(j)})
		}
	}
	return map[string]any{
		"run_id":  a.run,
		"metrics": metrics,
		"params":  []map[string]string{{"key": faultParamKey(a.batch), "value": faultParamValue(a)}},
		"tags": []map[string]string{
			{"key": faultTagKey(a.batch), "value": "batch " + strconv.Itoa(a.batch)},
			{"key": "last", "value": strconv.Itoa(a.batch)},
		},
	}
}

func faultValue(id int64, j int) float64 { return float64(id) + float64(j)/4 }
func faultParamKey(batch int) string     { return fmt.Sprintf("p-%04d", batch) }
func faultTagKey(batch int) string       { return fmt.Sprintf("t-%04d", batch) }
func faultParamValue(a *faultAttempt) string {
	return a.run[:8] + "/" + strconv.Itoa(a.batch)
}

// post sends one request. ok is true only for HTTP 200. A connection
// error or a 503 waits a little first, so that a restarting server is
// not hammered; any other answer is recorded as a failure.
func (c *faultClient) post(ctx context.Context, rpc string, body any) (b []byte, ok bool) {
	js, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/2.0/mlflow/"+rpc,
		bytes.NewReader(js))
	if err != nil {
		c.failures = append(c.failures, err.Error())
		return nil, false
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err == nil {
		b, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	switch {
	case err == nil && resp.StatusCode == http.StatusOK:
		return b, true
	case ctx.Err() != nil:
		return nil, false // the run is over, not the server
	case err != nil:
		c.connErrs++
		pause(ctx, 100*time.Millisecond)
		return nil, false
	case resp.StatusCode == http.StatusServiceUnavailable:
		pause(ctx, 100*time.Millisecond)
		return nil, false
	}
	c.failures = append(c.failures, fmt.Sprintf("%s: %d %.200q", rpc, resp.StatusCode, b))
	pause(ctx, 100*time.Millisecond)
	return nil, false
}

func pause(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// faultLog is what every client sent, merged after the run.
type faultLog struct {
	attempts map[int64]*faultAttempt
	runs     map[string]bool // runs whose creation was acknowledged
	connErrs int
}

func mergeClients(t *testing.T, clients []*faultClient) *faultLog {
	t.Helper()
	l := &faultLog{attempts: map[int64]*faultAttempt{}, runs: map[string]bool{}}
	for _, c := range clients {
		for _, a := range c.attempts {
			l.attempts[a.id] = a
		}
		for _, r := range c.runs {
			l.runs[r] = true
		}
		l.connErrs += c.connErrs
		for i, f := range c.failures {
			if i == 3 {
				t.Errorf("client %d: and %d more failures", c.n, len(c.failures)-3)
				break
			}
			t.Errorf("client %d: %s", c.n, f)
		}
	}
	return l
}

// counts returns the log-batch requests sent and acknowledged.
func (l *faultLog) counts() (sent, acked int) {
	for _, a := range l.attempts {
		sent++
		if a.acked {
			acked++
		}
	}
	return sent, acked
}

// faultBatches returns, for every run, whether each batch tried was
// acknowledged.
func (l *faultLog) batches() map[string]map[int]bool {
	out := map[string]map[int]bool{}
	for _, a := range l.attempts {
		if out[a.run] == nil {
			out[a.run] = map[int]bool{}
		}
		out[a.run][a.batch] = out[a.run][a.batch] || a.acked
	}
	return out
}

// faultLineID names one metric line an attempt sends.
type faultLineID struct {
	attempt int64
	key     string
	j       int
}

// faultFound is what checkDisk found.
type faultFound struct {
	lines, params, tags int // acknowledged writes found whole, once
	unackedLanded       int // unacknowledged attempts with lines on disk
	orphans             int // runs created without an answer
	torn                map[string]bool
	metricLines         map[string]int // whole lines per "run/key"
	paramFiles          map[string]int // per run
}

func (f *faultFound) writes() int { return f.lines + f.params + f.tags }

// checkDisk reads the tree's files directly and checks the rules at the
// top of this file.
func checkDisk(t *testing.T, root string, l *faultLog) *faultFound {
	t.Helper()
	f := &faultFound{torn: map[string]bool{}, metricLines: map[string]int{},
		paramFiles: map[string]int{}}
	seen := map[faultLineID]int{}
	batches := l.batches()
	exp := filepath.Join(root, "0")
	ents, err := os.ReadDir(exp)
	if err != nil {
		t.Fatalf("read experiment 0: %v", err)
	}
	onDisk := map[string]bool{}
	for _, e := range ents {
		id := e.Name()
		if !e.IsDir() || len(id) != 32 {
			continue // meta.yaml, tags/
		}
		onDisk[id] = true
		dir := filepath.Join(exp, id)
		if !l.runs[id] {
			f.orphans++
			checkOrphanRun(t, dir)
			continue
		}
		checkMetricFiles(t, dir, id, l, seen, f)
		checkParams(t, dir, batches[id], f)
		checkTags(t, dir, batches[id], f)
	}
	for id := range l.runs {
		if !onDisk[id] {
			t.Errorf("run %s was acknowledged but is not on disk", id)
		}
	}
	checkExactlyOnce(t, l, seen, f)
	return f
}

// checkExactlyOnce applies the first two rules to every attempt.
func checkExactlyOnce(t *testing.T, l *faultLog, seen map[faultLineID]int, f *faultFound) {
	t.Helper()
	for _, a := range l.attempts {
		landed := false
		for _, key := range faultMetricKeys {
			for j := range faultPoints {
				n := seen[faultLineID{a.id, key, j}]
				switch {
				case n > 1:
					t.Errorf("attempt %d (run %s batch %d): metric %s point %d is on disk %d times",
						a.id, a.run, a.batch, key, j, n)
				case a.acked && n == 0:
					t.Errorf("attempt %d (run %s batch %d) was acknowledged; metric %s point %d "+
						"is not on disk", a.id, a.run, a.batch, key, j)
				case a.acked:
					f.lines++
				case n == 1:
					landed = true
				}
			}
		}
		if landed {
			f.unackedLanded++
		}
	}
}

// checkMetricFiles parses every line of a run's metric files and counts
// the lines each attempt wrote in seen.
func checkMetricFiles(t *testing.T, dir, run string, l *faultLog, seen map[faultLineID]int,
	f *faultFound) {
	t.Helper()
	for _, key := range faultMetricKeys {
		p := filepath.Join(dir, "metrics", filepath.FromSlash(key))
		b, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue // no batch of the run landed
		}
		if err != nil {
			t.Error(err)
			continue
		}
		lines := strings.SplitAfter(string(b), "\n")
		for i, line := range lines {
			if line == "" {
				continue // after the final newline
			}
			id, j, ok := parseFaultLine(line, l.attempts, run)
			if ok {
				seen[faultLineID{id, key, j}]++
				f.metricLines[run+"/"+key]++
				continue
			}
			if strings.HasSuffix(line, faultTornMark) ||
				i == len(lines)-1 && !strings.HasSuffix(line, "\n") {
				f.torn[p] = true // counts as no write: see the rules above
				continue
			}
			t.Errorf("%s line %d is not a line any attempt sent: %q", p, i+1, line)
		}
	}
	keys := 0
	walkFiles(t, filepath.Join(dir, "metrics"), func(string, string) { keys++ })
	if keys > len(faultMetricKeys) {
		t.Errorf("run %s has %d metric files, want at most %d", run, keys, len(faultMetricKeys))
	}
}

// parseFaultLine decodes "timestamp value step\n" and reports which
// attempt and point of run it is. ok is false for a line that is not
// whole or does not match what that attempt sent.
func parseFaultLine(line string, attempts map[int64]*faultAttempt, run string) (id int64, j int,
	ok bool) {
	if !strings.HasSuffix(line, "\n") {
		return 0, 0, false
	}
	fields := strings.Fields(line)
	if len(fields) != 3 {
		return 0, 0, false
	}
	ts, err1 := strconv.ParseInt(fields[0], 10, 64)
	value, err2 := strconv.ParseFloat(fields[1], 64)
	step, err3 := strconv.ParseInt(fields[2], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || step < 0 {
		return 0, 0, false
	}
	id, j = step/faultStepSpan, int(step%faultStepSpan)
	a := attempts[id]
	if a == nil || a.run != run || a.ts != ts || j >= faultPoints || value != faultValue(id, j) {
		return 0, 0, false
	}
	return id, j, true
}

// checkParams checks that every param file is whole and belongs to a batch
// the run tried, and that every acknowledged batch's param is there.
func checkParams(t *testing.T, dir string, batches map[int]bool, f *faultFound) {
	t.Helper()
	run := filepath.Base(dir)
	present := map[int]bool{}
	walkFiles(t, filepath.Join(dir, "params"), func(key, value string) {
		f.paramFiles[run]++
		var batch int
		if _, err := fmt.Sscanf(key, "p-%04d", &batch); err != nil || key != faultParamKey(batch) {
			t.Errorf("run %s has a param %q no client sent", run, key)
			return
		}
		want := faultParamValue(&faultAttempt{run: run, batch: batch})
		if _, tried := batches[batch]; !tried || value != want {
			t.Errorf("run %s param %s = %q, want %q (batch tried: %v)", run, key, value, want, tried)
			return
		}
		present[batch] = true
	})
	for batch, acked := range batches {
		switch {
		case acked && present[batch]:
			f.params++
		case acked:
			t.Errorf("run %s batch %d was acknowledged; param %s is missing", run, batch,
				faultParamKey(batch))
		}
	}
}

// checkTags checks the per-batch tags like params, and the tag "last".
func checkTags(t *testing.T, dir string, batches map[int]bool, f *faultFound) {
	t.Helper()
	run := filepath.Base(dir)
	present := map[int]bool{}
	last := -1
	walkFiles(t, filepath.Join(dir, "tags"), func(key, value string) {
		var batch int
		switch {
		case strings.HasPrefix(key, "mlflow."):
			return // set by runs/create
		case key == "last":
			n, err := strconv.Atoi(value)
			if _, tried := batches[n]; err != nil || !tried {
				t.Errorf("run %s tag last = %q, not a batch it tried", run, value)
			}
			last = n
			return
		}
		if _, err := fmt.Sscanf(key, "t-%04d", &batch); err != nil || key != faultTagKey(batch) {
			t.Errorf("run %s has a tag %q no client sent", run, key)
			return
		}
		if _, tried := batches[batch]; !tried || value != "batch "+strconv.Itoa(batch) {
			t.Errorf("run %s tag %s = %q (batch tried: %v)", run, key, value, tried)
			return
		}
		present[batch] = true
	})
	lastAcked := -1
	for batch, acked := range batches {
		if !acked {
			continue
		}
		lastAcked = max(lastAcked, batch)
		if present[batch] {
			f.tags++
		} else {
			t.Errorf("run %s batch %d was acknowledged; tag %s is missing", run, batch,
				faultTagKey(batch))
		}
	}
	if last < lastAcked {
		t.Errorf("run %s tag last = %d, but batch %d was acknowledged", run, last, lastAcked)
	}
}

// checkOrphanRun checks a run whose creation got no answer: no client
// knew it, so nothing may have been logged to it.
func checkOrphanRun(t *testing.T, dir string) {
	t.Helper()
	for _, kind := range []string{"metrics", "params"} {
		walkFiles(t, filepath.Join(dir, kind), func(key, _ string) {
			t.Errorf("run %s, created without an answer, has %s %s", dir, kind, key)
		})
	}
}

// walkFiles calls fn with the key and content of every file below dir; a
// missing dir has none. Hidden files are reported: no reader takes them
// for keys, and no writer may leave them there.
func walkFiles(t *testing.T, dir string, fn func(key, value string)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if errors.Is(err, os.ErrNotExist) && p == dir {
			return filepath.SkipDir
		}
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") {
			t.Errorf("hidden file left in a keys folder: %s", p)
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fn(filepath.ToSlash(rel), string(b))
		return nil
	})
	if err != nil {
		t.Errorf("walk %s: %v", dir, err)
	}
}

// checkReader opens the tree with mlscope's own reader, without its index,
// and checks that it reads every run and every line checkDisk found whole,
// and skips nothing but the torn last lines checkDisk allowed.
func checkReader(t *testing.T, root string, f *faultFound) {
	t.Helper()
	warns := &warnRecorder{}
	st, err := mlruns.Open(root, mlruns.Options{Logger: slog.New(warns),
		ArtifactsDestination: filepath.Join(filepath.Dir(root), "mlartifacts")})
	if err != nil {
		t.Fatal(err)
	}
	runs, err := st.Runs([]string{"0"}, mlflow.ViewAll)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(f.paramFiles); len(runs) < want {
		t.Errorf("reader found %d runs, want at least the %d with params", len(runs), want)
	}
	for _, r := range runs {
		id := r.Info.RunID
		if got, want := len(r.Data.Params), f.paramFiles[id]; got != want {
			t.Errorf("reader: run %s has %d params, want %d", id, got, want)
		}
		for _, key := range faultMetricKeys {
			h, err := st.MetricHistory(id, key)
			if err != nil {
				t.Errorf("reader: history of %s in run %s: %v", key, id, err)
			}
			if got, want := len(h), f.metricLines[id+"/"+key]; got != want {
				t.Errorf("reader: run %s metric %s has %d points, want %d", id, key, got, want)
			}
		}
	}
	for _, w := range warns.all() {
		// checkDisk failed on any other damaged line of a torn file.
		if !f.torn[w.path] || !strings.Contains(w.problem, "truncated last line") &&
			!strings.HasPrefix(w.problem, "skipped metric lines") {
			t.Errorf("reader skipped damaged data: %s: %s", w.path, w.problem)
		}
	}
}

// warnRecorder is a slog.Handler that keeps the store's warnings.
type warnRecorder struct {
	mu    sync.Mutex
	warns []readerWarning
}

type readerWarning struct{ path, problem string }

func (w *warnRecorder) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }
func (w *warnRecorder) WithAttrs([]slog.Attr) slog.Handler           { return w }
func (w *warnRecorder) WithGroup(string) slog.Handler                { return w }

func (w *warnRecorder) Handle(_ context.Context, r slog.Record) error {
	rw := readerWarning{problem: r.Message}
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "path":
			rw.path = a.Value.String()
		case "problem":
			rw.problem = a.Value.String()
		}
		return true
	})
	w.mu.Lock()
	defer w.mu.Unlock()
	w.warns = append(w.warns, rw)
	return nil
}

func (w *warnRecorder) all() []readerWarning {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]readerWarning(nil), w.warns...)
}
