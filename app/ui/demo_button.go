package ui

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// demoURL is mlscope's endpoint that writes generated demo experiments.
const demoURL = "/ajax-api/2.0/mlscope/demo"

// DemoButton asks the server for a demo experiment of generated runs and
// opens it. A server without the endpoint, or one that refuses, gets its
// reason shown beside the button.
type DemoButton struct {
	app.Compo

	busy bool
	err  error
}

func (d *DemoButton) onClick(ctx app.Context, e app.Event) {
	d.busy, d.err = true, nil
	ctx.Async(func() {
		id, err := createDemo()
		ctx.Dispatch(func(ctx app.Context) {
			d.busy, d.err = false, err
			if err != nil {
				return
			}
			ctx.NewActionWithValue(actionExperimentsChanged, id)
			if id != "" {
				ctx.NewActionWithValue(actionNavigate, experimentPath(id, ""))
			} else {
				ctx.NewAction(actionRefresh)
			}
		})
	})
}

// createDemo calls the demo endpoint and returns the id of the first
// experiment it made, "" when the answer names none.
func createDemo() (string, error) {
	status, b, err := fetch("POST", demoURL, []byte("{}"))
	if err != nil {
		return "", err
	}
	if status != 200 {
		var me mlflow.Error
		if json.Unmarshal(b, &me) == nil && me.Code == mlflow.CodeEndpointNotFound {
			return "", errors.New("this server has no demo endpoint " +
				"(POST " + demoURL + " answered 404)")
		}
		if me.Message != "" {
			return "", &me
		}
		return "", fmt.Errorf("POST %s: HTTP %d", demoURL, status)
	}
	var ans struct {
		ExperimentID  string   `json:"experiment_id"`
		ExperimentIDs []string `json:"experiment_ids"`
		Experiments   []struct {
			ExperimentID string `json:"experiment_id"`
		} `json:"experiments"`
	}
	if err := json.Unmarshal(b, &ans); err != nil {
		return "", fmt.Errorf("decode the answer of %s: %w", demoURL, err)
	}
	switch {
	case ans.ExperimentID != "":
		return ans.ExperimentID, nil
	case len(ans.ExperimentIDs) > 0:
		return ans.ExperimentIDs[0], nil
	case len(ans.Experiments) > 0:
		return ans.Experiments[0].ExperimentID, nil
	}
	return "", nil
}

// Render draws the button and, after a failure, why.
func (d *DemoButton) Render() app.UI {
	label := "Create a demo experiment"
	if d.busy {
		label = "Creating the demo experiment…"
	}
	return app.Div().Class("demo").Body(
		app.Button().ID("create-demo").Class("button primary").Disabled(d.busy).
			Text(label).OnClick(d.onClick),
		app.If(d.err != nil, errorBox("The demo experiment could not be created.", d.err)),
	)
}
