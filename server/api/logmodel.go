package api

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
)

// loggedModelKeys are the MLmodel fields MLflow keeps in the
// mlflow.log-model.history tag; each flavor's "config" is left out.
var loggedModelKeys = map[string]bool{
	"run_id": true, "artifact_path": true, "utc_time_created": true,
	"model_uuid": true, "flavors": true,
}

func (s *Server) handleLogModel(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		text, err := q.required("model_json")
		if err != nil {
			return nil, err
		}
		var model map[string]json.RawMessage
		if json.Unmarshal([]byte(text), &model) != nil {
			return nil, badRequest("Malformed model info. \n %s \n is not a valid JSON.", text)
		}
		var miss []string
		for _, k := range []string{"artifact_path", "flavors", "utc_time_created", "run_id"} {
			if _, ok := model[k]; !ok {
				miss = append(miss, "'"+k+"'")
			}
		}
		if len(miss) > 0 {
			sort.Strings(miss)
			return nil, badRequest("Model json is missing mandatory fields: {%s}",
				strings.Join(miss, ", "))
		}
		entry, err := pythonJSON([]byte(text), func(path []string) bool {
			switch len(path) {
			case 1:
				return loggedModelKeys[path[0]]
			case 3:
				return !(path[0] == "flavors" && path[2] == "config")
			}
			return true
		})
		if err != nil {
			return nil, badRequest("Malformed model info. \n %s \n is not a valid JSON.", text)
		}
		return nil, s.store.AppendLoggedModel(id, entry)
	})
}
