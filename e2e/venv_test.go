//go:build e2e

package e2e

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// `bazel run //:python` starts the interpreter through bazel-bin/python, a link from
// outside its install tree: the venv it makes must still find the tree, and run pip.
func TestBazelRunPythonMakesAVenvThatRunsPip(t *testing.T) {
	venv := filepath.Join(besideWorkspace(t, ".rules_cpython-e2e-venv-"), "venv")

	err, out := bazel(t, "run", "//:python", "--", "-m", "venv", venv)
	require.NoError(t, err, out)
	// The venv's python runs where the interpreter does (inside the toolbox, when it is
	// used): started from the interpreter itself.
	check := `import subprocess, sys; out = subprocess.run([sys.argv[1], "-m", "pip", "--version"], check=True, capture_output=True, text=True).stdout; print("venv says:", out)`
	err, out = bazel(t, "run", "//:python", "--", "-c", check, filepath.Join(venv, "bin", "python"))
	require.NoError(t, err, out)
	require.Contains(t, out, "venv says: pip ")
	require.Contains(t, out, filepath.Join(venv, "lib"))
}
