package ui

import (
	"encoding/json"
)

// FirstRequest is an API request that a page makes as soon as it is
// drawn. The server's app.js starts the first requests of the page it
// opens before the WebAssembly module has even loaded, and the app takes
// their answers when it makes the same requests (issue 8: prefetched.go,
// server/web/prefetch.js).
type FirstRequest struct {
	Method string `json:"method"`
	URL    string `json:"url"`
	Body   string `json:"body,omitempty"`
}

// ExperimentFirstRequests are the first requests of the page of the
// experiment id in its default state (an address without a query): the
// sidebar's experiments, the experiment, and the runs table's first page
// with the keys. They are built by the code that makes them.
func ExperimentFirstRequests(id string) []FirstRequest {
	table := (&RunsTable{ExperimentID: id}).pageRequest(0)
	table.Keys = true
	body, _ := json.Marshal(table) // strings and numbers: it cannot fail
	return []FirstRequest{
		{Method: "GET", URL: apiURL("experiments/search", experimentsQuery("ACTIVE_ONLY"))},
		{Method: "GET", URL: apiURL("experiments/get", experimentQuery(id))},
		{Method: "POST", URL: tableURL, Body: string(body)},
	}
}
