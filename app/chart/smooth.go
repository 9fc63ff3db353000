package chart

// MaxSmoothing is the largest smoothing weight Smooth accepts; MLflow's and
// TensorBoard's sliders stop there too.
const MaxSmoothing = 0.99

// Smooth returns pts with each finite value replaced by the debiased
// exponential moving average of the values up to it, the way TensorBoard
// and MLflow smooth their charts: a running average that gives each older
// value weight times less say, divided by 1-weight^k so that the first
// values are not pulled towards zero. Non-finite values are kept as they
// are and skipped by the average. weight is clamped to [0, MaxSmoothing];
// at 0, or when every value is the same, the values are returned
// unchanged. The result is a new slice; pts is not modified.
func Smooth(pts []Point, weight float64) []Point {
	out := make([]Point, len(pts))
	copy(out, pts)
	weight = min(max(weight, 0), MaxSmoothing)
	if weight == 0 || constant(pts) {
		return out
	}
	last, debias := 0.0, 1.0
	for i, p := range pts {
		if !finite(p) {
			continue
		}
		last = last*weight + (1-weight)*p.Y
		debias *= weight // weight^k after k finite values
		out[i].Y = last / (1 - debias)
	}
	return out
}

// constant reports whether all values of pts are equal (NaN never equals).
func constant(pts []Point) bool {
	for _, p := range pts {
		if p.Y != pts[0].Y {
			return false
		}
	}
	return true
}
