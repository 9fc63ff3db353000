package main

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// unknownRun is a well-formed run id that no run has.
const unknownRun = "ffffffffffffffffffffffffffffffff"

// TestWriteErrorsMore checks MLflow's status and error code for the error
// paths of the write endpoints that TestWriteErrors leaves out: unknown and
// deleted targets, oversized tag batches, numbers that are not numbers.
func TestWriteErrorsMore(t *testing.T) {
	f := newWriteFixture(t)
	tags := func(n int) []map[string]any {
		out := make([]map[string]any, n)
		for i := range out {
			out[i] = map[string]any{"key": fmt.Sprintf("t%d", i), "value": "v"}
		}
		return out
	}
	metric := func(run string, extra ...any) map[string]any {
		m := map[string]any{"run_id": run, "key": "m", "value": 1, "timestamp": 1, "step": 0}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i].(string)] = extra[i+1]
		}
		return m
	}
	const active = "must be in 'active' lifecycle_stage"
	tests := []struct {
		name   string
		rpc    string
		body   map[string]any
		status int
		code   string // "" for success
		msg    string
	}{
		{"restore unknown experiment", "experiments/restore", map[string]any{"experiment_id": "12345"},
			404, "RESOURCE_DOES_NOT_EXIST", "Could not find deleted experiment with ID 12345"},
		{"restore experiment without id", "experiments/restore", map[string]any{}, 400,
			"INVALID_PARAMETER_VALUE", "Missing value for required parameter 'experiment_id'"},
		{"restore unknown run", "runs/restore", map[string]any{"run_id": unknownRun}, 404,
			"RESOURCE_DOES_NOT_EXIST", "Run '" + unknownRun + "' not found"},
		{"restore run without id", "runs/restore", map[string]any{}, 400,
			"INVALID_PARAMETER_VALUE", "'run_id'"},
		{"update unknown run", "runs/update", map[string]any{"run_id": unknownRun, "status": "FINISHED"},
			404, "RESOURCE_DOES_NOT_EXIST", "not found"},
		{"update with a bad end time", "runs/update", map[string]any{"run_id": f.run, "end_time": "later"},
			400, "INVALID_PARAMETER_VALUE", "'end_time'"},
		{"tag unknown run", "runs/set-tag", map[string]any{"run_id": unknownRun, "key": "k", "value": "v"},
			404, "RESOURCE_DOES_NOT_EXIST", "not found"},
		{"untag unknown run", "runs/delete-tag", map[string]any{"run_id": unknownRun, "key": "k"},
			404, "RESOURCE_DOES_NOT_EXIST", "not found"},
		{"param on unknown run", "runs/log-parameter",
			map[string]any{"run_id": unknownRun, "key": "p", "value": "1"}, 404, "RESOURCE_DOES_NOT_EXIST", "not found"},
		{"metric on unknown run", "runs/log-metric", metric(unknownRun), 404, "RESOURCE_DOES_NOT_EXIST", "not found"},
		{"param on deleted run", "runs/log-parameter",
			map[string]any{"run_id": f.deadRun, "key": "p", "value": "1"}, 400, "INVALID_PARAMETER_VALUE", active},
		{"tag on deleted run", "runs/set-tag", map[string]any{"run_id": f.deadRun, "key": "k", "value": "v"},
			400, "INVALID_PARAMETER_VALUE", active},
		{"untag on deleted run", "runs/delete-tag", map[string]any{"run_id": f.deadRun, "key": "k"},
			400, "INVALID_PARAMETER_VALUE", active},
		{"tag on run of deleted experiment", "runs/set-tag",
			map[string]any{"run_id": f.deadExpRun, "key": "k", "value": "v"}, 400, "INVALID_PARAMETER_VALUE", active},
		{"batch with too many tags", "runs/log-batch", map[string]any{"run_id": f.run, "tags": tags(101)},
			400, "INVALID_PARAMETER_VALUE", "at most 100 tags. Got 101 tags."},
		{"batch with 100 tags", "runs/log-batch", map[string]any{"run_id": f.run, "tags": tags(100)},
			200, "", ""},
		{"batch to unknown run", "runs/log-batch", map[string]any{"run_id": unknownRun, "tags": tags(1)},
			404, "RESOURCE_DOES_NOT_EXIST", "not found"},
		{"batch to deleted run", "runs/log-batch", map[string]any{"run_id": f.deadRun, "tags": tags(1)},
			400, "INVALID_PARAMETER_VALUE", active},
		{"batch to run of deleted experiment", "runs/log-batch",
			map[string]any{"run_id": f.deadExpRun, "params": tags(1)}, 400, "INVALID_PARAMETER_VALUE", active},
		{"inputs on deleted run", "runs/log-inputs", map[string]any{"run_id": f.deadRun,
			"datasets": []map[string]any{{"dataset": map[string]any{"name": "d", "digest": "1",
				"source_type": "local", "source": "{}"}}}}, 400, "INVALID_PARAMETER_VALUE", active},
		{"metric with text step", "runs/log-metric", metric(f.run, "step", "one"), 400,
			"INVALID_PARAMETER_VALUE", "'step'"},
		{"metric with fractional step", "runs/log-metric", metric(f.run, "step", 1.5), 400,
			"INVALID_PARAMETER_VALUE", "'step'"},
		{"metric with text timestamp", "runs/log-metric", metric(f.run, "timestamp", "noon"), 400,
			"INVALID_PARAMETER_VALUE", "'timestamp'"},
		{"metric with bool timestamp", "runs/log-metric", metric(f.run, "timestamp", true), 400,
			"INVALID_PARAMETER_VALUE", "'timestamp'"},
		// Protobuf's JSON mapping takes int64 values as numeric strings too.
		{"metric with numeric strings", "runs/log-metric", metric(f.run, "timestamp", "17", "step", "3"),
			200, "", ""},
		{"batch metric with text step", "runs/log-batch", map[string]any{"run_id": f.run,
			"metrics": []map[string]any{{"key": "m", "value": 1, "timestamp": 1, "step": "x"}}}, 400,
			"INVALID_PARAMETER_VALUE", "'metrics[0].step'"},
		{"batch metric with text timestamp", "runs/log-batch", map[string]any{"run_id": f.run,
			"metrics": []map[string]any{{"key": "m", "value": 1, "timestamp": 1},
				{"key": "m", "value": 1, "timestamp": "x"}}}, 400,
			"INVALID_PARAMETER_VALUE", "'metrics[1].timestamp'"},
		{"run with text start time", "runs/create", map[string]any{"experiment_id": f.exp, "start_time": "now"},
			400, "INVALID_PARAMETER_VALUE", "'start_time'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct {
				Code    string `json:"error_code"`
				Message string `json:"message"`
			}
			status := f.srv.call(t, "POST", "/api/2.0/mlflow/"+tt.rpc, tt.body, &resp)
			if status != tt.status || resp.Code != tt.code || !strings.Contains(resp.Message, tt.msg) {
				t.Errorf("POST %s %.200v: got %d %s %q; want %d %s containing %q", tt.rpc, tt.body,
					status, resp.Code, resp.Message, tt.status, tt.code, tt.msg)
			}
		})
	}
	checkNoStrayFiles(t, f.root)
}

// TestHistoryBulkIntervalErrors checks the validation of
// metrics/get-history-bulk-interval: all 400 INVALID_PARAMETER_VALUE, but
// for an unknown run.
func TestHistoryBulkIntervalErrors(t *testing.T) {
	f := newWriteFixture(t)
	f.post(t, "runs/log-metric", map[string]any{"run_id": f.run, "key": "loss", "value": 1,
		"timestamp": 1, "step": 0}, 200)
	runs := func(ids ...string) url.Values {
		return url.Values{"run_ids": ids, "metric_key": {"loss"}}
	}
	with := func(q url.Values, kv ...string) url.Values {
		out := url.Values{}
		for k, v := range q {
			out[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				out.Del(kv[i])
			} else {
				out.Set(kv[i], kv[i+1])
			}
		}
		return out
	}
	many := make([]string, 101)
	for i := range many {
		many[i] = f.run
	}
	const bad = "INVALID_PARAMETER_VALUE"
	tests := []struct {
		name   string
		query  url.Values
		status int
		code   string
		msg    string
	}{
		{"101 run ids", runs(many...), 400, bad, "must specify at most 100 run_ids. Received 101 run_ids."},
		{"100 run ids", runs(many[:100]...), 200, "", ""},
		{"no metric key", with(runs(f.run), "metric_key", ""), 400, bad,
			"Missing value for required parameter 'metric_key'"},
		{"no run ids", url.Values{"metric_key": {"loss"}}, 400, bad, "'run_ids'"},
		{"zero results", with(runs(f.run), "max_results", "0"), 400, bad, "max_results must be between 1 and 2500."},
		{"too many results", with(runs(f.run), "max_results", "2501"), 400, bad, "max_results must be between 1 and 2500."},
		{"text max results", with(runs(f.run), "max_results", "all"), 400, bad, "'max_results'"},
		{"start step alone", with(runs(f.run), "start_step", "1"), 400, bad,
			"If either start step or end step are specified, both must be specified."},
		{"end step alone", with(runs(f.run), "end_step", "1"), 400, bad,
			"If either start step or end step are specified, both must be specified."},
		{"steps reversed", with(runs(f.run), "start_step", "5", "end_step", "2"), 400, bad,
			"end_step must be greater than start_step. Found start_step=5 and end_step=2."},
		{"text step", with(runs(f.run), "start_step", "a", "end_step", "2"), 400, bad, "'start_step'"},
		{"unknown run", runs(f.run, unknownRun), 404, "RESOURCE_DOES_NOT_EXIST", "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct {
				Code    string `json:"error_code"`
				Message string `json:"message"`
			}
			for _, prefix := range []string{"/api/2.0", "/ajax-api/2.0"} {
				path := prefix + "/mlflow/metrics/get-history-bulk-interval?" + tt.query.Encode()
				resp.Code, resp.Message = "", ""
				status := f.srv.call(t, "GET", path, nil, &resp)
				if status != tt.status || resp.Code != tt.code || !strings.Contains(resp.Message, tt.msg) {
					t.Errorf("GET %.200s: got %d %s %q; want %d %s containing %q", path,
						status, resp.Code, resp.Message, tt.status, tt.code, tt.msg)
				}
			}
		})
	}
}
