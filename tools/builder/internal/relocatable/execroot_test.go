package relocatable

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestForgetExecrootDropsTheToolchainsFlagsAndNamesItsCompilerByName(t *testing.T) {
	tree := t.TempDir()
	execroot := "/sandbox/3/execroot/_main"
	sysconfig := filepath.Join(tree, "lib", "python3.13", "_sysconfigdata__linux_x86_64-linux-gnu.py")
	write(t, sysconfig, `build_time_vars = {'CC': '/sandbox/3/execroot/_main/tests/cc/gcc',
 'CFLAGS': '-O2 --sysroot=/sandbox/3/execroot/_main/external/sysroot/root -isystem /sandbox/3/execroot/_main/tests/cc/include -Wall',
 'LDFLAGS': '-B/tmp/rules_cpython/python/inputs/external/sysroot/root/usr/lib -L/build/deps/zlib/lib -ffile-prefix-map=/sandbox/3/execroot/_main=/build/inputs',
 'CONFIG_ARGS': "'--prefix=/install' 'CC=/sandbox/3/execroot/_main/tests/cc/gcc' 'CFLAGS=--sysroot=/sandbox/3/execroot/_main/external/sysroot/root'",
 'OTHER': '/sandbox/3/execroot/_mainly/x'}
`, 0o644)
	archive := filepath.Join(tree, "lib", "libpython3.13.a")
	write(t, archive, "\x00 /sandbox/3/execroot/_main/external", 0o644)

	require.NoError(t, ForgetExecroot(tree, execroot+"/tests/cc/gcc", "/tmp/rules_cpython/python/inputs", execroot))

	data, err := os.ReadFile(sysconfig)
	require.NoError(t, err)
	require.Equal(t, `build_time_vars = {'CC': 'gcc',
 'CFLAGS': '-O2 -Wall',
 'LDFLAGS': ' -L/build/deps/zlib/lib',
 'CONFIG_ARGS': "'--prefix=/install' 'CC=gcc' 'CFLAGS='",
 'OTHER': '/sandbox/3/execroot/_mainly/x'}
`, string(data), "-isystem goes with its folder; a longer name that merely starts with the execroot's stays")
	binary, err := os.ReadFile(archive)
	require.NoError(t, err)
	require.Equal(t, "\x00 /sandbox/3/execroot/_main/external", string(binary), "binary files are left alone")
}

func TestForgetExecrootKeepsACompilerOfTheMachine(t *testing.T) {
	tree := t.TempDir()
	makefile := filepath.Join(tree, "lib", "python3.13", "config-3.13-x86_64-linux-gnu", "Makefile")
	write(t, makefile, "CC=\t\t/usr/bin/gcc\nCFLAGS=\t--sysroot=/e/x/root -O2\n", 0o644)

	require.NoError(t, ForgetExecroot(tree, "/usr/bin/gcc", "/e"))

	data, err := os.ReadFile(makefile)
	require.NoError(t, err)
	require.Equal(t, "CC=\t\t/usr/bin/gcc\nCFLAGS= -O2\n", string(data))
}

// A remote worker's sandbox may be the execroot itself (buildbox's bubblewrap runner
// stages the input root as /): "/" names every path, and forgetting it would cut every
// path and every "/" out of the standard library's sources.
func TestForgetExecrootLeavesEverythingWhenTheExecrootIsTheRoot(t *testing.T) {
	tree := t.TempDir()
	source := "def truediv(a, b):\n    return a / b\n\nPATH = '/usr/lib/x'\n"
	operator := filepath.Join(tree, "lib", "python3.13", "operator.py")
	write(t, operator, source, 0o644)
	makefile := filepath.Join(tree, "lib", "python3.13", "config-3.13-x86_64-linux-gnu", "Makefile")
	write(t, makefile, "CFLAGS= --sysroot=/tmp/rules_cpython/python/inputs/external/sysroot/root -O2\n", 0o644)

	require.NoError(t, ForgetExecroot(tree, "/tmp/rules_cpython/python/inputs/external/tools/gcc", "/tmp/rules_cpython/python/inputs", "/"))

	data, err := os.ReadFile(operator)
	require.NoError(t, err)
	require.Equal(t, source, string(data))
	data, err = os.ReadFile(makefile)
	require.NoError(t, err)
	require.Equal(t, "CFLAGS= -O2\n", string(data), "the mirror's paths still go")
}
