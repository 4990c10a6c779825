//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A C toolchain as hermetic ones are (tests/cc: the compiler a relative path in the
// execroot, a wrapper that fails on an -isystem folder it cannot see) builds the
// interpreter, although the builder runs make in its scratch folder; and the
// interpreter's sysconfig names the compiler by its file name and keeps none of the
// execroot's paths, which would mean nothing where the tree is used. The interpreter
// is //tests/variants:python_debug_free_threaded, whose CFLAGS choose that toolchain
// (registered by MODULE.bazel for this workspace): the Bazel tests built it, so this
// build finds it in the output base. Its libraries keep the default toolchain; the
// builder's handling of toolchain paths is the same code for both, and every build's
// sysroot flags are execroot-relative.
func TestAToolchainWithExecrootRelativePathsBuildsAndStaysOutOfSysconfig(t *testing.T) {
	const target = "//tests/variants:python_debug_free_threaded"
	// The log is asked for: when the action comes from a cache (a second run on one
	// machine), Bazel fetches only the outputs a build requests.
	err, out := bazel(t, "build", "--output_groups=+log", target)
	require.NoError(t, err, out)
	execroot := strings.TrimSpace(string(bazelStdout(t, "info", "execution_root")))
	base := strings.TrimSpace(string(bazelStdout(t, "info", "output_base")))
	var binary string
	for _, f := range strings.Fields(string(bazelStdout(t, "cquery", "--output=files", target))) {
		if strings.HasSuffix(f, "/python_install/bin/python3.13") {
			binary = filepath.Join(execroot, f)
		}
	}
	require.NotEmpty(t, binary, "the files of %s name no python_install/bin/python3.13", target)
	bin := filepath.Dir(filepath.Dir(filepath.Dir(binary)))

	log, err := os.ReadFile(filepath.Join(bin, "python.log"))
	require.NoError(t, err)
	require.Contains(t, string(log), "/tests/cc/gcc", "the build ran the test toolchain's compiler")

	dump := `import json, sysconfig; print(json.dumps({k: v for k, v in sysconfig.get_config_vars().items() if isinstance(v, str)}))`
	tree, err := filepath.EvalSymlinks(filepath.Join(bin, "python_install"))
	require.NoError(t, err)
	output, err := exec.Command(filepath.Join(tree, "bin", "python3.13"), "-c", dump).Output()
	require.NoError(t, err)
	var vars map[string]string
	require.NoError(t, json.Unmarshal(output, &vars))
	// configure appends -pthread to CC.
	require.Equal(t, "gcc", strings.Fields(vars["CC"])[0], "the wrapper, by its file name: CC is %q", vars["CC"])
	for name, value := range vars {
		// The tree's own folder is where this copy of it is (prefix, LIBDIR...): the
		// tree is relocatable, so sysconfig names where it runs from, here in the
		// output base. Any other path of the build is one it keeps by mistake.
		rest := strings.ReplaceAll(value, tree, "")
		for _, bad := range []string{base, "/execroot/", "tests/cc/", "/rules_cpython_execroot", "sandbox"} {
			require.False(t, strings.Contains(rest, bad), "sysconfig's %s has %q: %s", name, bad, value)
		}
	}
}
