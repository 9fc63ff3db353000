package signature

// Validation modes and options.

// Mode selects the MLflow path a validation models.
type Mode int

const (
	// Serving is what MLflow's scoring server does (mlflow models serve, the
	// Docker images, mlflow models predict): values are cast with the schema,
	// then enforced.
	Serving Mode = iota
	// Pyfunc is PyFuncModel.predict called from Python with the request's data
	// as pandas/numpy builds it, unconverted: int32 may widen to int64 or
	// float64, int64 may not become float64; strict dtypes for tensors.
	Pyfunc
)

// String returns "serving" or "pyfunc".
func (m Mode) String() string {
	if m == Pyfunc {
		return "pyfunc"
	}
	return "serving"
}

// MarshalText encodes the mode as its name.
func (m Mode) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// Options tune a validation. The zero value validates a JSON request in
// Serving mode with default limits.
type Options struct {
	Mode Mode
	// ContentType is the request's Content-Type; "" means application/json.
	ContentType string
	// Dtypes (Pyfunc mode) gives numpy/pandas dtypes of input columns or
	// arrays by name (position for unnamed schemas, e.g. "0"), to model a
	// DataFrame or arrays built with those dtypes; other columns get the dtype
	// pandas infers from the JSON values (int64, float64, bool, object).
	Dtypes map[string]string
	// MaxBytes caps the body size (DefaultMaxBytes when 0).
	MaxBytes int
	// MaxDepth caps JSON nesting (DefaultMaxDepth when 0).
	MaxDepth int
	// MaxNodes caps the number of JSON values (DefaultMaxNodes when 0).
	MaxNodes int
	// MaxProblems caps Result.Problems (10000 when 0, unlimited when < 0);
	// Result.ProblemCount still counts them all.
	MaxProblems int
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxNodes <= 0 {
		o.MaxNodes = DefaultMaxNodes
	}
	if o.MaxProblems == 0 {
		o.MaxProblems = 10000
	}
	return o
}
