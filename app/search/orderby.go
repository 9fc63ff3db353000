package search

import "strings"

// OrderKey is one parsed order_by entry.
type OrderKey struct {
	// Kind is KindAttribute, KindMetric, KindParam or KindTag.
	Kind Kind
	// Key is the name after quotes are stripped and aliases translated.
	Key string
	// Ascending is false for DESC.
	Ascending bool
}

// DefaultExperimentOrderBy is the order the file store applies to
// experiments when order_by is empty.
var DefaultExperimentOrderBy = []string{"creation_time DESC", "experiment_id ASC"}

// ParseRunOrderBy parses the order_by entries of runs/search: each is
// "<identifier> [ASC|DESC]" over run attributes, metrics, params or tags.
// Like MLflow, it reads the entries last to first, so the last faulty
// entry is the one reported; Error.Index says which it is.
func ParseRunOrderBy(orderBy []string) ([]OrderKey, error) {
	keys := make([]OrderKey, len(orderBy))
	for i := len(orderBy) - 1; i >= 0; i-- {
		k, err := parseRunOrderKey(orderBy[i])
		if err != nil {
			err.Index = i
			return nil, err
		}
		keys[i] = k
	}
	return keys, nil
}

// ParseExperimentOrderBy parses the order_by entries of
// experiments/search: "<attribute> [ASC|DESC]" over name, experiment_id,
// creation_time and last_update_time. An empty list yields the file
// store's default, DefaultExperimentOrderBy.
func ParseExperimentOrderBy(orderBy []string) ([]OrderKey, error) {
	if len(orderBy) == 0 {
		orderBy = DefaultExperimentOrderBy
	}
	keys := make([]OrderKey, len(orderBy))
	for i, s := range orderBy {
		k, err := parseExpOrderKey(s)
		if err != nil {
			err.Index = i
			return nil, err
		}
		keys[i] = k
	}
	return keys, nil
}

func parseRunOrderKey(s string) (OrderKey, *Error) {
	t, asc, err := splitOrderBy(s)
	if err != nil {
		return OrderKey{}, err
	}
	id, err := resolveRunIdent(t, runOrderKeys)
	if err != nil {
		return OrderKey{}, err
	}
	if id.kind == KindDataset {
		return OrderKey{}, errTok(t, "Invalid order_by entity type '%s'", id.kind)
	}
	return OrderKey{Kind: id.kind, Key: translateAlias(id.key), Ascending: asc}, nil
}

func parseExpOrderKey(s string) (OrderKey, *Error) {
	t, asc, err := splitOrderBy(s)
	if err != nil {
		return OrderKey{}, err
	}
	id, err := resolveExpIdent(t, expOrderKeys)
	if err != nil {
		return OrderKey{}, err
	}
	if id.kind != KindAttribute {
		return OrderKey{}, errTok(t, "Invalid order_by entity: %s", id.kind)
	}
	return OrderKey{Kind: id.kind, Key: id.key, Ascending: asc}, nil
}

// splitOrderBy reads "<identifier> [ASC|DESC]" and returns the identifier
// token and whether the order is ascending.
func splitOrderBy(s string) (token, bool, *Error) {
	toks := lex(s)
	if len(toks) == 0 || len(toks) > 2 || toks[0].kind != tokIdent ||
		(len(toks) == 2 && toks[1].kind != tokIdent) {
		return token{}, false, errAt(0, len(s),
			"Invalid order_by clause '%s'. Could not be parsed.", s)
	}
	if len(toks) == 1 {
		return toks[0], true, nil
	}
	switch strings.ToLower(toks[1].text) {
	case "asc":
		return toks[0], true, nil
	case "desc":
		return toks[0], false, nil
	}
	return token{}, false, errTok(toks[1], "Invalid ordering key in order_by clause '%s'.", s)
}
