// Package chart turns metric histories into drawable line charts. It
// reduces long histories with largest-triangle-three-buckets (LTTB)
// downsampling, smooths them with a debiased exponential moving average as
// MLflow and TensorBoard do, picks round axis ticks on linear, logarithmic
// and time axes, and lays everything out as a Plot: pixel coordinates,
// ticks, legend and notes that any renderer can draw. The browser draws a
// Plot on a canvas; SVG writes the same Plot as an SVG document.
//
// Non-finite values (NaN, +Inf, -Inf) never enter the downsampling: lines
// break where they were logged and the Plot reports them as gaps.
//
// Known limits: wall-time ticks are rounded in the zone offset at the start
// of the range, so a daylight-saving change inside it shifts the later
// ticks by an hour; ignoring outliers takes the percentiles of each series
// and keeps the widest range, not the percentiles of all values pooled.
//
// It is pure: no I/O and no syscall/js, so it builds for the browser and
// tests and benchmarks natively. It must never import os, net/http or
// anything under server/.
package chart
