package api

import (
	"errors"

	"mlscope/app/mlflow"
	"mlscope/app/search"
)

// searchError turns a search grammar error into MLflow's answer: 400
// INVALID_PARAMETER_VALUE with MLflow's message.
func searchError(err error) error {
	var se *search.Error
	if errors.As(err, &se) {
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue, "%s", se.Msg)
	}
	return err
}

// searchExperiments filters, orders and pages experiments with MLflow's
// grammar.
func searchExperiments(exps []*mlflow.Experiment, filter string, orderBy []string,
	maxResults int, token string) ([]*mlflow.Experiment, string, error) {
	page, next, err := search.SearchExperiments(exps, filter, orderBy, maxResults, token)
	return page, next, searchError(err)
}

// searchRuns filters, orders and pages runs with MLflow's grammar.
func searchRuns(runs []*mlflow.Run, filter string, orderBy []string, maxResults int,
	token string) ([]*mlflow.Run, string, error) {
	page, next, err := search.SearchRuns(runs, filter, orderBy, maxResults, token)
	return page, next, searchError(err)
}

type span struct{ start, end int }

// paginate picks the page of n results that a token and max_results select
// and returns the next page's token, "" on the last page, with MLflow's
// file-store tokens.
func paginate(n, max int, token string) (span, string, error) {
	start, end, next, err := search.PageBounds(n, max, token)
	return span{start, end}, next, searchError(err)
}
