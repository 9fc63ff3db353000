package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"mlscope/app/mlflow"
)

// hyper are a run's hyperparameters. They are drawn before anything else,
// so that how well the run does (skill) follows from them.
type hyper struct {
	lr          float64
	batch       int
	optimizer   string
	model       string
	dropout     float64
	weightDecay float64
	scheduler   string
	warmup      int
	seed        int
	earlyStop   bool
	activation  string
}

// Choices, in the grids people sweep.
var (
	lrGrid      = []float64{1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2}
	batchSizes  = []int{32, 64, 128, 256}
	optimizers  = []string{"adam", "adamw", "sgd", "rmsprop"}
	models      = []string{"mlp_small", "mlp_medium", "mlp_large", "resmlp"}
	dropouts    = []float64{0, 0.1, 0.2, 0.3, 0.5}
	decays      = []float64{0, 1e-5, 1e-4, 1e-3}
	schedulers  = []string{"cosine", "linear", "constant", "step"}
	activations = []string{"relu", "gelu", "silu"}
)

func pick[T any](r *rand.Rand, vs []T) T { return vs[r.IntN(len(vs))] }

// drawHyper draws a run's hyperparameters.
func drawHyper(r *rand.Rand) hyper {
	return hyper{
		lr: pick(r, lrGrid), batch: pick(r, batchSizes), optimizer: pick(r, optimizers),
		model: pick(r, models), dropout: pick(r, dropouts), weightDecay: pick(r, decays),
		scheduler: pick(r, schedulers), warmup: pick(r, []int{0, 100, 500}),
		seed: r.IntN(10000), earlyStop: r.IntN(2) == 0, activation: pick(r, activations),
	}
}

// skill says how well runs with these hyperparameters learn, from 0 to
// about 1: the learning rate matters most, and its best value depends on
// the optimizer, as it does in practice.
func (h hyper) skill() float64 {
	best := 1e-3
	if h.optimizer == "sgd" {
		best = 1e-2
	}
	d := math.Log10(h.lr) - math.Log10(best)
	s := 0.55 * math.Exp(-d*d/0.6)
	s += map[string]float64{"mlp_small": 0.05, "mlp_medium": 0.12, "mlp_large": 0.15,
		"resmlp": 0.18}[h.model]
	s += 0.1 * math.Exp(-math.Pow((h.dropout-0.15)/0.2, 2))
	if h.batch == 64 || h.batch == 128 {
		s += 0.04
	}
	return s
}

// stepMillis is how long one step takes: bigger models and batches are
// slower.
func (h hyper) stepMillis() int64 {
	ms := map[string]int64{"mlp_small": 250, "mlp_medium": 600, "mlp_large": 1400,
		"resmlp": 1900}[h.model]
	return ms * int64(h.batch) / 64
}

// params returns the first n params of a run: the hyperparameters in the
// order people log them, then filler keys param_<i>.
func (h hyper) params(n, steps int) []mlflow.Param {
	all := []mlflow.Param{
		{Key: "learning_rate", Value: mlflow.PythonString(h.lr)},
		{Key: "batch_size", Value: strconv.Itoa(h.batch)},
		{Key: "optimizer", Value: h.optimizer},
		{Key: "model", Value: h.model},
		{Key: "epochs", Value: strconv.Itoa(steps)},
		{Key: "dropout", Value: mlflow.PythonString(h.dropout)},
		{Key: "weight_decay", Value: pyNumber(h.weightDecay)},
		{Key: "lr_scheduler", Value: h.scheduler},
		{Key: "warmup_steps", Value: strconv.Itoa(h.warmup)},
		{Key: "seed", Value: strconv.Itoa(h.seed)},
		{Key: "early_stopping", Value: pyBool(h.earlyStop)},
		{Key: "activation", Value: h.activation},
	}
	if n <= len(all) {
		return all[:n]
	}
	out := make([]mlflow.Param, n)
	copy(out, all)
	for i := len(all); i < n; i++ {
		out[i] = mlflow.Param{Key: fmt.Sprintf("param_%d", i+1),
			Value: strconv.Itoa((h.seed*31 + i*17) % 1000)}
	}
	return out
}

// pyNumber spells a config number as Python's str does: 0 stays an int.
func pyNumber(v float64) string {
	if v == 0 {
		return "0"
	}
	return mlflow.PythonString(v)
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
