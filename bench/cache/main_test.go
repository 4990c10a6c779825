package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/remotecache"
)

func TestReportCountsLibraryAndCPythonActionsApartFromTheRest(t *testing.T) {
	warm := remotecache.Build{Wall: 61 * time.Second, Actions: remotecache.Actions{
		"AutotoolsBuild": {Executed: 0, Hits: 15},
		"CpythonBuild":   {Executed: 0, Hits: 1},
		"GoCompilePkg":   {Executed: 2, Hits: 30},
	}}

	got := report([]row{{"second checkout", "HTTP cache only", warm, "16 GET hits"}}, 3<<20, size{bytes: 5 << 20, files: 7})

	require.Contains(t, got, "| second checkout | HTTP cache only | 0 | 16 | 2 / 46 | 16 GET hits | 1m1s |")
	require.True(t, strings.HasPrefix(got, "## Sharing builds"))
	require.Contains(t, got, "holds 3 MiB")
	require.Contains(t, got, "is 5 MiB in 7 files")
}
