package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/remotecache"
)

func TestReportSaysWhatTheOtherToolboxRanAndWhatDiffers(t *testing.T) {
	warm := remotecache.Build{Wall: 42 * time.Second, Actions: remotecache.Actions{
		"AutotoolsBuild": {Hits: 16},
		"CpythonBuild":   {Hits: 1},
		"GoCompilePkg":   {Hits: 5},
	}}
	cold := remotecache.Build{Wall: 600 * time.Second, Actions: remotecache.Actions{"CpythonBuild": {Executed: 1}}}
	got := report(result{versions: [2]string{"Debian sid; gcc 16.1", "Debian trixie; gcc 16.2"}, warm: warm, cold: &cold,
		compared: 9, diffs: []string{"third_party/x: first differs at byte 3"}})

	require.True(t, strings.HasPrefix(got, "## One cache for toolboxes of two Debian releases"))
	require.Contains(t, got, "| other | Debian trixie; gcc 16.2 |")
	require.Contains(t, got, "| first toolbox's disk cache only | 0 | 17 | 0 / 22 | 42s |")
	require.Contains(t, got, "| no cache (cold) | 1 | 0 | 1 / 0 | 10m0s |")
	require.Contains(t, got, "9 paths compared, 1 differ")
	require.Contains(t, got, "- third_party/x: first differs at byte 3")
}
