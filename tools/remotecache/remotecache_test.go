package remotecache

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// As Bazel 7 writes it: pretty-printed SpawnExec objects, one after another.
const executionLog = `{
  "commandArgs": ["bazel-out/k8-opt-exec/bin/tools/builder/builder_/builder", "@bazel-out/k8-fastbuild/bin/python.log-0.params"],
  "mnemonic": "CpythonBuild",
  "runner": "remote cache hit",
  "cacheHit": true,
  "targetLabel": "//:python"
}{
  "mnemonic": "AutotoolsBuild",
  "runner": "processwrapper-sandbox",
  "targetLabel": "//third_party/zlib:zlib"
}
{
  "mnemonic": "AutotoolsBuild",
  "runner": "remote cache hit",
  "cacheHit": true
}
{
  "mnemonic": "AutotoolsBuild",
  "runner": "remote",
  "targetLabel": "//third_party/xz:xz"
}
`

func TestReadExecutionLogCountsRunsAndHitsByMnemonic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "exec.json")
	require.NoError(t, os.WriteFile(path, []byte(executionLog), 0o644))

	actions, err := ReadExecutionLog(path)

	require.NoError(t, err)
	require.Equal(t, Count{Executed: 0, Hits: 1}, *actions["CpythonBuild"])
	require.Equal(t, Count{Executed: 2, Remote: 1, Hits: 1}, *actions["AutotoolsBuild"])
	require.Equal(t, Count{Executed: 2, Remote: 1, Hits: 2}, actions.Total())
	require.Equal(t, Count{Executed: 2, Remote: 1, Hits: 2}, actions.Builds())
	require.Equal(t, "AutotoolsBuild 2 run (1 remotely) / 1 hit, CpythonBuild 0 run / 1 hit", actions.String())
}

func TestReadTrafficSumsTheLinesAfterTheEarlierBuilds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "access.log")
	require.NoError(t, os.WriteFile(path, []byte("PUT 201 0 1000\nGET 404 153 80\nGET 200 5000 90\nGET 200 7 90\nPUT 201 0 20\n"), 0o644))

	all, lines, err := ReadTraffic(path, 0)
	require.NoError(t, err)
	require.Equal(t, 5, lines)
	require.Equal(t, Traffic{Gets: 2, Puts: 2, Misses: 1, BytesSent: 5007, BytesReceived: 1020}, all)

	later, _, err := ReadTraffic(path, 3)
	require.NoError(t, err)
	require.Equal(t, Traffic{Gets: 1, Puts: 1, BytesSent: 7, BytesReceived: 20}, later)
}
