package storefmt

// runTexts and runInts name the fields of a run meta.yaml the store reads.
var (
	runTexts = map[string]func(*runMeta) *string{
		"artifact_uri":    func(m *runMeta) *string { return &m.ArtifactURI },
		"experiment_id":   func(m *runMeta) *string { return &m.ExperimentID },
		"lifecycle_stage": func(m *runMeta) *string { return &m.LifecycleStage },
		"run_id":          func(m *runMeta) *string { return &m.RunID },
		"run_uuid":        func(m *runMeta) *string { return &m.RunUUID },
		"run_name":        func(m *runMeta) *string { return &m.RunName },
		"user_id":         func(m *runMeta) *string { return &m.UserID },
	}
	runInts = map[string]func(*runMeta) **int64{
		"start_time":   func(m *runMeta) **int64 { return &m.StartTime },
		"end_time":     func(m *runMeta) **int64 { return &m.EndTime },
		"deleted_time": func(m *runMeta) **int64 { return &m.DeletedTime },
	}
)

// flatRunMeta reads a run meta.yaml of the flat shape (flatYAML), or
// reports false for the YAML parser to read it instead.
func flatRunMeta(b []byte) (runMeta, bool) {
	var m runMeta
	es, ok := flatYAML(b)
	for i := 0; ok && i < len(es); i++ {
		key, v := es[i].key, es[i].value
		if field := runTexts[key]; field != nil {
			*field(&m), ok = flatString(v)
		} else if field := runInts[key]; field != nil {
			*field(&m), ok = flatIntPtr(v)
		} else if key == "status" {
			var n *int64
			if n, ok = flatIntPtr(v); n != nil {
				status := int(*n)
				m.Status = &status
			}
		}
	}
	return m, ok
}

// flatInputMeta reads a run input's meta.yaml of the flat shape, or
// reports false.
func flatInputMeta(b []byte) (inputMeta, bool) {
	var m inputMeta
	es, ok := flatYAML(b)
	for i := 0; ok && i < len(es); i++ {
		v := es[i].value
		switch es[i].key {
		case "source_type":
			m.SourceType, ok = flatString(v)
		case "source_id":
			m.SourceID, ok = flatString(v)
		case "tags":
			m.Tags, ok = flatStringMap(es[i])
		}
	}
	return m, ok
}

// flatStringMap reads a mapping of strings: nested lines, {} or null.
func flatStringMap(e flatEntry) (map[string]string, bool) {
	switch {
	case e.value.null:
		return nil, true
	case e.value.empty:
		return map[string]string{}, e.value.text == "{}"
	case !e.value.nested:
		return nil, false
	}
	m := make(map[string]string, len(e.nested))
	for _, n := range e.nested {
		s, ok := flatString(n.value)
		if !ok {
			return nil, false
		}
		m[n.key] = s
	}
	return m, true
}
