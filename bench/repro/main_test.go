package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/treediff"
)

func TestReportCountsTheDifferencesByKind(t *testing.T) {
	builds := []build{{"a", 25 * time.Minute}, {"b", 26 * time.Minute}}
	res := treediff.Result{Compared: 100, Differences: []treediff.Difference{
		{Path: "bin/python3.13", Reason: "first differs at byte 4096"},
		{Path: "lib/python3.13/lib-dynload/_ssl.cpython-313-x86_64-linux-gnu.so", Reason: "first differs at byte 9"},
		{Path: "lib/python3.13/lib-dynload/_json.cpython-313-x86_64-linux-gnu.so", Reason: "first differs at byte 9"},
		{Path: "lib/python3.13/config-3.13-x86_64-linux-gnu/libpython3.13.a", Reason: "sizes"},
	}}

	got := report("//:python_3_13_opt", builds, res)

	require.True(t, strings.HasPrefix(got, "## Is `//:python_3_13_opt` reproducible?"), got)
	require.Contains(t, got, "**Not reproducible**: 4 of 100 paths differ.")
	require.Contains(t, got, "| shared objects | 2 |")
	require.Contains(t, got, "| bin/ | 1 |")
	require.Contains(t, got, "| static archives and objects | 1 |")
	require.Contains(t, got, "25m0s and 26m0s")
}

func TestReportSaysSoWhenNothingDiffers(t *testing.T) {
	got := report("//:python_3_13_opt", []build{{"a", time.Minute}, {"b", time.Minute}}, treediff.Result{Compared: 5798})
	require.Contains(t, got, "**Reproducible**: 5798 paths compared, no differences.")
}
