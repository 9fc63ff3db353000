package api

import (
	"context"
	"net/http"
	"time"

	"mlscope/server/demo"
)

// demoExperiment is the name of the experiment the UI's empty state
// offers to create.
const demoExperiment = "mlscope demo"

// demoRoutes registers mlscope's own endpoint for the UI's empty state,
// under /ajax-api only: it is not part of MLflow's API.
func (s *Server) demoRoutes() {
	const path = "/ajax-api/2.0/mlscope/demo"
	s.mux.HandleFunc("POST "+path, s.handleDemo)
	s.methods[path] = append(s.methods[path], http.MethodPost)
}

// handleDemo creates the experiment "mlscope demo" with a dozen generated
// runs (a sweep, a failed and a killed run, a logged model) and answers
// {"experiment_id": ...}. When the name is taken, active or deleted, it
// answers RESOURCE_ALREADY_EXISTS as experiments/create does. The runs end
// shortly before the request, so they look recent.
func (s *Server) handleDemo(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		o := demo.DefaultOptions()
		o.Experiments, o.Runs, o.Steps, o.Names = 1, 12, 60, []string{demoExperiment}
		o.Seed = time.Now().UnixNano()
		o.Start = time.Now().Add(-26 * time.Hour)
		// A client that goes away must not leave half an experiment.
		sum, err := demo.Generate(context.WithoutCancel(r.Context()), s.store, o)
		if err != nil {
			return nil, err
		}
		return map[string]string{"experiment_id": sum.Experiments[0]}, nil
	})
}
