//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/remotecache"
)

// besideWorkspace makes a folder next to the workspace: the offline toolbox sees the
// workspace's parent at the same path, and nothing of this machine's /tmp.
func besideWorkspace(t *testing.T, pattern string) string {
	t.Helper()
	dir, err := os.MkdirTemp(filepath.Dir(workspace(t)), pattern)
	require.NoError(t, err)
	t.Cleanup(func() { removeAll(dir) })
	return dir
}

// removeAll removes a tree that Bazel made read-only.
func removeAll(dir string) {
	_ = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() {
			_ = os.Chmod(path, 0o755)
		}
		return nil
	})
	_ = os.RemoveAll(dir)
}

// freshOutputBase is an output base no build has used, in the folder that holds the
// toolbox's output bases (mounted inside it), or in a temporary folder without it.
func freshOutputBase(t *testing.T, name string) string {
	t.Helper()
	parent := os.Getenv("CPYTHON_OFFLINE_CACHE")
	if parent == "" {
		parent = "/var/cache/cpython-offline-bazel"
	}
	if _, err := os.Stat(parent); err != nil {
		parent = t.TempDir()
	}
	dir, err := os.MkdirTemp(parent, "e2e-"+name+"-")
	require.NoError(t, err)
	t.Cleanup(func() { removeAll(dir) })
	return dir
}

// startCache runs nginx, from this machine's PATH or else inside the offline toolbox.
func startCache(t *testing.T) *remotecache.Server {
	t.Helper()
	dir := besideWorkspace(t, ".rules_cpython-e2e-cache-")
	server, err := remotecache.Start(dir, toolboxLaunch(t, "nginx"), workspace(t))
	require.NoError(t, err)
	t.Cleanup(server.Stop)
	return server
}

// build runs one build of targets in a checkout with its own output base.
func build(t *testing.T, checkout, outputBase string, targets []string, flags ...string) remotecache.Build {
	t.Helper()
	bazel := filepath.Join(workspace(t), "tools", "bazel")
	t.Cleanup(func() { remotecache.Shutdown(bazel, checkout, outputBase) })
	b, err := remotecache.RunBuild(bazel, checkout, outputBase, targets, flags...)
	require.NoError(t, err)
	return b
}

func bazelBin(t *testing.T, checkout string, startup ...string) string {
	t.Helper()
	return bazelInfo(t, checkout, append(startup, "bazel-bin")...)
}

// bazelInfo is one key of `bazel info` (startup options first, then the key).
func bazelInfo(t *testing.T, checkout string, args ...string) string {
	t.Helper()
	key := args[len(args)-1]
	err, out := bazelIn(t, checkout, append(append(args[:len(args)-1:len(args)-1], "info"), key)...)
	require.NoError(t, err, out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}
