package main

import (
	"testing"
	"time"

	"github.com/rules-cpython/rules_cpython/bench/internal/buildlog"
	"github.com/stretchr/testify/require"
)

func TestReportHasARowPerStepAndADashWhereABuildHasNone(t *testing.T) {
	md := report([]build{
		{"python_3_13", 400 * time.Second, []buildlog.Step{{Name: "configure", Seconds: 40}, {Name: "make", Seconds: 200}, {Name: "install", Seconds: 30}}},
		{"python_3_13_opt", 1500 * time.Second, []buildlog.Step{{Name: "configure", Seconds: 41}, {Name: "instrumented build", Seconds: 300}, {Name: "training", Seconds: 600}, {Name: "optimized build", Seconds: 400}, {Name: "install", Seconds: 31}}},
	}, coldIntro)
	require.Contains(t, md, "| step | python_3_13 | python_3_13_opt |")
	require.Contains(t, md, "| make | 200 | – |")
	require.Contains(t, md, "| training | – | 600 |")
	require.Contains(t, md, "| **`bazel build`, wall** | **400** | **1500** |")
	require.Contains(t, md, "| **CPython action, its steps together** | **270** | **1372** |")
	require.Less(t, indexOf(md, "| make |"), indexOf(md, "| instrumented build |"), "steps in the order they first appear")
}

func TestReportOfLogsAloneHasNoWallTime(t *testing.T) {
	md := report([]build{{Target: "python_3_13", Steps: []buildlog.Step{{Name: "make", Seconds: 200}, {Name: "make", Seconds: 5}}}}, "read from logs")
	require.Contains(t, md, "| **CPython action, its steps together** | **205** |")
	require.NotContains(t, md, "wall")
}

func TestLogOfFindsTheTargetsLogBelowTheExecroot(t *testing.T) {
	files := []byte("bazel-out/k8-fastbuild-ST-1/bin/python.log\n")
	log, err := logOf("/ob", files, "//:python_3_13_opt")
	require.NoError(t, err)
	require.Equal(t, "/ob/execroot/_main/bazel-out/k8-fastbuild-ST-1/bin/python.log", log)
	_, err = logOf("/ob", []byte("bazel-out/k8-fastbuild/bin/python_install/bin/python3.13\n"), "//:python_3_13")
	require.ErrorContains(t, err, "no log among the output group log of //:python_3_13")
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
