package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestGeomeanIsTheMeanOfLogRatios(t *testing.T) {
	times := map[string]map[string]float64{
		"a": {baseline: 2.0, optimized: 1.0},
		"b": {baseline: 1.0, optimized: 2.0},
		"c": {baseline: 4.0, optimized: 1.0},
	}
	// (2 * 0.5 * 4) ^ (1/3)
	require.InDelta(t, math.Cbrt(4), geomean(times, baseline, optimized), 1e-9)
	require.True(t, math.IsNaN(geomean(times, baseline, debian)), "no figures for Debian")
}

func TestReportNamesEveryInterpreterAndTheSpeedup(t *testing.T) {
	interpreters := []interpreter{{baseline, "/a"}, {optimized, "/b"}}
	times := map[string]map[string]float64{"nbody": {baseline: 3.0, optimized: 2.0}}
	md := report(interpreters, map[string]string{baseline: "3.13.15 ''", optimized: "3.13.15 '--enable-optimizations'"}, times, 5, "Debian's python3.13 is left out: no mirror.")
	require.Contains(t, md, "| nbody | 3.000 | 2.000 | 1.50× |")
	require.Contains(t, md, "**1.50×** (target: at least 1.2×)")
	require.Contains(t, md, "left out: no mirror")
	require.NotContains(t, md, "over Debian")
}
