//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/remotecache"
)

// A build tool of the machine is no input of an action, but its fingerprint is: a sed
// placed first on the tool path, then changed in place (same path, other bytes), makes
// the library build run again, where the same sed finds it built. A cache shared with a
// machine whose sed differs gives it no hit either: the fingerprint is part of what the
// cache is asked for.
func TestAChangedBuildToolBuildsAgain(t *testing.T) {
	tools := besideWorkspace(t, ".rules_cpython-e2e-tools-")
	sed := filepath.Join(tools, "sed")
	write := func(comment string) {
		require.NoError(t, os.WriteFile(sed, []byte("#!/bin/sh\n# "+comment+"\nexec /usr/bin/sed \"$@\"\n"), 0o755))
	}
	base := freshOutputBase(t, "tools")
	bazel := filepath.Join(workspace(t), "tools", "bazel")
	t.Cleanup(func() { remotecache.Shutdown(bazel, workspace(t), base) })
	zlib := func() *remotecache.Count {
		b, err := remotecache.RunBuild(bazel, workspace(t), base, []string{"//third_party/zlib"}, "--disk_cache=",
			"--//config:host_tool_path="+tools+",/usr/bin,/bin", "--repo_env=RULES_CPYTHON_HOST_TOOL_PATH="+tools+":/usr/bin:/bin")
		require.NoError(t, err)
		if c := b.Actions["AutotoolsBuild"]; c != nil {
			return c
		}
		return &remotecache.Count{}
	}

	write("one sed")
	require.Equal(t, 1, zlib().Executed, "the first build")
	require.Equal(t, 0, zlib().Executed, "the same sed: nothing to do")
	write("another sed")
	require.Equal(t, 1, zlib().Executed, "a changed sed: built again")
}
