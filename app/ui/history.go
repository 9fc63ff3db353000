package ui

import (
	"encoding/json"
	"fmt"
	"net/url"

	"mlscope/app/mlflow"
)

// metricHistory loads every value of a run's metric. It decodes with
// mlflow.DecodeHistory rather than through getJSON, because a history may
// hold millions of values and encoding/json is several times slower at
// that size. It blocks; call it from ctx.Async.
func metricHistory(runID, key string) ([]mlflow.Metric, error) {
	u := apiBase + "metrics/get-history?" +
		url.Values{"run_id": {runID}, "metric_key": {key}}.Encode()
	status, b, err := fetch("GET", u, nil)
	if err != nil {
		return nil, err
	}
	if status != 200 {
		var me mlflow.Error
		if json.Unmarshal(b, &me) == nil && me.Message != "" {
			return nil, &me
		}
		return nil, fmt.Errorf("GET %s: HTTP %d", u, status)
	}
	h, err := mlflow.DecodeHistory(b)
	if err != nil {
		return nil, fmt.Errorf("decode the history of %s: %w", key, err)
	}
	// TODO: follow NextPageToken once the server pages long histories;
	// today it sends them whole.
	return h.Metrics, nil
}
