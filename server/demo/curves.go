package demo

import (
	"fmt"
	"math"
	"math/rand/v2"

	"mlscope/app/mlflow"
)

// curve is the shape of one run's learning curves.
type curve struct {
	skill    float64 // 0 (poor) to about 1 (good)
	speed    float64 // how fast the loss falls
	overfit  float64 // how far val_loss climbs again at the end
	h        hyper
	total    int // steps the run was planned for
	logged   int // steps it logged
	diverged bool
}

// metricShape gives a metric's value at progress p (0 to 1) from the
// noise-free decay term d (1 at the start, towards 0 at the end) and a
// stream of noise.
type metricShape func(c *curve, p, d float64, r *rand.Rand) float64

// metricKeys are the metrics in the order a run logs them; runs asked for
// more get metric_<i> keys, slow waves with noise.
var metricKeys = []struct {
	key   string
	shape metricShape
}{
	{"loss", func(c *curve, p, d float64, r *rand.Rand) float64 {
		floor := 0.1 + 0.45*(1-c.skill)
		return math.Abs(floor + (0.69-floor)*d + 0.02*(0.3+d)*r.NormFloat64())
	}},
	{"val_loss", func(c *curve, p, d float64, r *rand.Rand) float64 {
		floor := 0.14 + 0.45*(1-c.skill)
		rise := c.overfit * math.Pow(max(0, p-0.5), 2)
		return math.Abs(floor + (0.7-floor)*d + rise + 0.015*r.NormFloat64())
	}},
	{"accuracy", func(c *curve, p, d float64, r *rand.Rand) float64 {
		return math.Min(0.999, 0.5+(0.24+0.24*c.skill)*(1-d)+0.008*r.NormFloat64())
	}},
	{"val_accuracy", func(c *curve, p, d float64, r *rand.Rand) float64 {
		drop := c.overfit * 0.3 * math.Pow(max(0, p-0.6), 2)
		return math.Min(0.999, 0.5+(0.2+0.22*c.skill)*(1-d)-drop+0.01*r.NormFloat64())
	}},
	{"learning_rate", func(c *curve, p, d float64, r *rand.Rand) float64 {
		return c.h.lr * schedule(c.h.scheduler, p, float64(c.h.warmup)/float64(c.total*50))
	}},
	{"val_f1", func(c *curve, p, d float64, r *rand.Rand) float64 {
		return math.Max(0, 0.45+(0.2+0.22*c.skill)*(1-d)-0.04+0.012*r.NormFloat64())
	}},
	{"val_precision", func(c *curve, p, d float64, r *rand.Rand) float64 {
		return math.Min(0.999, 0.5+(0.2+0.22*c.skill)*(1-d)-0.02+0.012*r.NormFloat64())
	}},
	{"val_recall", func(c *curve, p, d float64, r *rand.Rand) float64 {
		return math.Max(0, 0.4+(0.2+0.22*c.skill)*(1-d)+0.015*r.NormFloat64())
	}},
	{"grad_norm", func(c *curve, p, d float64, r *rand.Rand) float64 {
		return 0.4 + 3.5*d + 0.6*math.Abs(r.NormFloat64())
	}},
	{"epoch_time_s", func(c *curve, p, d float64, r *rand.Rand) float64 {
		return float64(c.h.stepMillis()) / 1000 * (1 + 0.05*r.NormFloat64())
	}},
}

// schedule is the learning-rate multiplier at progress p after a linear
// warm-up over the fraction w.
func schedule(name string, p, w float64) float64 {
	w = min(w, 0.3)
	if p < w {
		return (p + 0.01) / (w + 0.01)
	}
	q := (p - w) / (1 - w)
	switch name {
	case "cosine":
		return 0.5 * (1 + math.Cos(math.Pi*q))
	case "linear":
		return 1 - q
	case "step":
		return math.Pow(0.1, math.Floor(3*q))
	}
	return 1
}

// newCurve shapes the curves of a run.
func newCurve(o Options, p *runPlan) *curve {
	r := newRand(o.Seed, streamCurve, uint64(p.exp), uint64(p.curveRun))
	return &curve{skill: p.skill, h: p.h, total: o.Steps, logged: p.steps,
		diverged: p.diverged,
		speed:    0.6 + 0.8*r.Float64() + 2*p.h.lr,
		overfit:  (0.5 - p.h.dropout) * (0.3 + 0.5*r.Float64())}
}

// values returns metric key number k of the run, one value per logged
// step, with timestamps from the plan. Each key has its own noise stream,
// so a key's values do not depend on how many keys are logged.
func (c *curve) values(o Options, p *runPlan, k int) []mlflow.Metric {
	key, shape := metricKey(k)
	r := newRand(o.Seed, streamCurve, uint64(p.exp), uint64(p.curveRun), uint64(k)+1)
	out := make([]mlflow.Metric, c.logged)
	for t := range out {
		prog := 0.0
		if c.total > 1 {
			prog = float64(t) / float64(c.total-1)
		}
		v := shape(c, prog, math.Exp(-4*prog*c.speed), r)
		if c.diverged && k < 2 {
			v = c.blowUp(v, t)
		}
		out[t] = mlflow.Metric{Key: key, Value: mlflow.Float(v), Step: int64(t),
			Timestamp: p.timeOfStep(t)}
	}
	return out
}

// blowUp makes the loss of a diverging run grow over its last steps and
// end in NaN, as an exploding gradient does.
func (c *curve) blowUp(v float64, t int) float64 {
	left := c.logged - 1 - t
	switch {
	case left == 0:
		return math.NaN()
	case left < 5:
		return v * math.Pow(6, float64(5-left))
	}
	return v
}

// metricKey returns the name and shape of metric number k.
func metricKey(k int) (string, metricShape) {
	if k < len(metricKeys) {
		return metricKeys[k].key, metricKeys[k].shape
	}
	phase := float64(k)
	return fmt.Sprintf("metric_%d", k+1), func(c *curve, p, d float64, r *rand.Rand) float64 {
		return 0.5 + 0.3*math.Sin(2*math.Pi*p*float64(1+k%3)+phase) + 0.05*r.NormFloat64()
	}
}

// timeOfStep is when step t was logged: steps are evenly spaced, with a
// jitter that is the same for every key of the step.
func (p *runPlan) timeOfStep(t int) int64 {
	jitter := int64(mix(uint64(p.start)^uint64(t)) % uint64(p.stepMs/10+1))
	return p.start + p.warmMs + int64(t)*p.stepMs + jitter
}
