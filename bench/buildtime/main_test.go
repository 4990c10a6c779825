package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestReadExecutionLogSumsActionsByMnemonic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "exec.json")
	// Bazel writes one JSON object per spawn, one after the other.
	log := `{"targetLabel": "//third_party/zlib:zlib", "mnemonic": "AutotoolsBuild", "metrics": {"totalTime": "4.5s"}}
{"targetLabel": "//:python", "mnemonic": "CpythonBuild", "walltime": "250.25s"}
{"targetLabel": "//tools/builder:builder", "mnemonic": "GoLink", "metrics": {"totalTime": "1s"}}`
	require.NoError(t, os.WriteFile(path, []byte(log), 0o644))

	actions, err := readExecutionLog(path)

	require.NoError(t, err)
	require.Equal(t, []action{
		{Label: "//third_party/zlib:zlib", Mnemonic: "AutotoolsBuild", Seconds: 4.5},
		{Label: "//:python", Mnemonic: "CpythonBuild", Seconds: 250.25},
		{Label: "//tools/builder:builder", Mnemonic: "GoLink", Seconds: 1},
	}, actions)
}

func TestStepTimesReadsTheBuilderLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "python.log")
	require.NoError(t, os.WriteFile(path, []byte("==== configure: ./configure\nchecking...\n==== configure took 48.1s\n==== make took 185.6s\n==== install took 22.3s\n"), 0o644))

	steps, err := stepTimes(path)

	require.NoError(t, err)
	require.Equal(t, map[string]float64{"configure": 48.1, "make": 185.6, "install": 22.3}, steps)
}

func TestReportComparesTheCpythonActionWithThePlainBuild(t *testing.T) {
	actions := []action{
		{Label: "//third_party/openssl:openssl", Mnemonic: "AutotoolsBuild", Seconds: 80},
		{Label: "//third_party/zlib:zlib", Mnemonic: "AutotoolsBuild", Seconds: 4},
		{Label: "//:python", Mnemonic: "CpythonBuild", Seconds: 220},
	}
	steps := map[string]float64{"configure": 50, "make": 140, "install": 20}

	md := report(actions, steps, plainTimes{Configure: 20, Make: 180}, 400*time.Second, "3.13.15")

	require.Contains(t, md, "| library `//third_party/openssl:openssl` | 80.0 |\n| library `//third_party/zlib:zlib` | 4.0 |")
	require.Contains(t, md, "| **all libraries** (sum of actions; they run one at a time, each with make -j2) | **84.0** |")
	require.Contains(t, md, "| **total** | **220.0** | **200.0** |")
	require.Contains(t, md, "takes **110 %** of the plain build's time")
	require.Contains(t, md, "| copying sources and dependencies, module and ELF checks | 10.0 | - |")
}
