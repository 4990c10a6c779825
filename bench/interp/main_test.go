package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestGeomeanIsTheMeanOfLogRatiosOfMedians(t *testing.T) {
	times := map[string]samples{
		"a": {"base": {2.0, 9.0, 2.0}, "opt": {1.0, 1.0, 5.0}},
		"b": {"base": {1.0}, "opt": {2.0}},
		"c": {"base": {4.0, 4.0}, "opt": {1.0, 1.0}},
	}
	// medians 2/1, 1/2, 4/1: (2 * 0.5 * 4) ^ (1/3); one slow run changes no median
	require.InDelta(t, math.Cbrt(4), geomean(times, "base", "opt", median), 1e-9)
	require.True(t, math.IsNaN(geomean(times, "base", debian, median)), "no figures for Debian")
	// fastest runs 2/1, 1/2, 4/1: the same here, but a slow run of "opt" changes neither
	require.InDelta(t, math.Cbrt(4), geomean(times, "base", "opt", fastest), 1e-9)
	require.True(t, math.IsNaN(fastest(nil)))
}

func TestMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleOnes(t *testing.T) {
	require.Equal(t, 2.5, median([]float64{4, 1, 3, 2}))
	require.True(t, math.IsNaN(median(nil)))
}

func TestReportNamesEveryInterpreterTheSpreadAndTheFastestVariant(t *testing.T) {
	interpreters := []interpreter{{Name: "python_3_13", Path: "/a"}, {Name: "python_3_13_opt", Path: "/b"}, {Name: "python_3_13_clang_opt", Path: "/c"}, {Name: "python_3_13_opt_pgo_extended", Path: "/d", Experiment: true}}
	times := map[string]samples{"nbody": {"python_3_13": {3.0, 3.2, 2.9}, "python_3_13_opt": {2.0, 2.1, 1.9}, "python_3_13_clang_opt": {1.5, 1.6, 1.4}, "python_3_13_opt_pgo_extended": {1.0, 1.0, 1.0}}}
	md := report("Interpreter speed", interpreters, map[string]string{"python_3_13": "3.13.99 gcc ''"}, times, 3, "Debian's python3.13 is left out: no mirror.")
	require.Contains(t, md, "| nbody | 3.000 (2.900–3.200) | 2.000 (1.900–2.100) | 1.500 (1.400–1.600) |")
	require.Contains(t, md, "| python_3_13_opt | **1.50×** (1.53×) |", "medians 3.0/2.0, fastest runs 2.9/1.9")
	require.Contains(t, md, "Fastest named variant by the medians: `python_3_13_clang_opt`, **2.00×** `python_3_13`", "an experiment is no named variant")
	require.Contains(t, md, "| python_3_13_opt_pgo_extended (experiment) | **3.00×** (2.90×) |")
	require.Contains(t, md, "left out: no mirror")
	require.NotContains(t, md, "over Debian")
}

func TestTargetsAreRootNamesOrLabels(t *testing.T) {
	require.Equal(t, "//:python_3_13_opt", label("python_3_13_opt"))
	require.Equal(t, "python_3_13_opt_pgo_extended", name("//bench/interp:python_3_13_opt_pgo_extended"))
	require.Equal(t, "bench/interp/python_3_13_opt_pgo_extended", binPath("//bench/interp:python_3_13_opt_pgo_extended"))
	require.Equal(t, "python_3_13", binPath("python_3_13"))
}
