package cpython

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func mkdirs(t *testing.T, root string, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		require.NoError(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
}

func TestLibDynloadIsReadOffTheInstallTree(t *testing.T) {
	for _, stdlib := range []string{"python3.13", "python3.13t"} {
		installed := t.TempDir()
		mkdirs(t, installed, "lib/"+stdlib+"/lib-dynload", "lib/tcl9.0", "lib/pkgconfig")
		found, err := libDynload(installed, "3.13")
		require.NoError(t, err)
		require.Equal(t, filepath.Join(installed, "lib", stdlib, "lib-dynload"), found)
	}
}

func TestLibDynloadRefusesNoneOrSeveral(t *testing.T) {
	installed := t.TempDir()
	_, err := libDynload(installed, "3.13")
	require.ErrorContains(t, err, "found 0")
	mkdirs(t, installed, "lib/python3.13/lib-dynload", "lib/python3.13t/lib-dynload")
	_, err = libDynload(installed, "3.13")
	require.ErrorContains(t, err, "found 2")
}

func TestInstalledBinaryNamesWhatBinHasWhenTheNameDiffers(t *testing.T) {
	installed := t.TempDir()
	mkdirs(t, installed, "bin")
	require.NoError(t, os.WriteFile(filepath.Join(installed, "bin", "python3.13t"), nil, 0o755))

	binary, err := installedBinary(installed, "python3.13t")
	require.NoError(t, err)
	require.Equal(t, filepath.Join(installed, "bin", "python3.13t"), binary)

	_, err = installedBinary(installed, "python3.13")
	require.ErrorContains(t, err, "no bin/python3.13, which the rule declared (bin/ has: python3.13t)")
}

func TestCheckCompiledWantsTheThreeLevelsOfTheStandardLibrary(t *testing.T) {
	stdlib := t.TempDir()
	mkdirs(t, stdlib, "__pycache__")
	err := checkCompiled(stdlib)
	require.ErrorContains(t, err, "compiled 0 of the 3 .pyc files")
	require.ErrorContains(t, err, "look for compileall in the log")

	for _, name := range []string{"os.cpython-313.pyc", "os.cpython-313.opt-1.pyc", "os.cpython-313.opt-2.pyc"} {
		require.NoError(t, os.WriteFile(filepath.Join(stdlib, "__pycache__", name), nil, 0o644))
	}
	require.NoError(t, checkCompiled(stdlib))
}

func TestStaticLibpythonIsReadOffTheInstallsConfigFolder(t *testing.T) {
	installed := t.TempDir()
	config := filepath.Join(installed, "lib", "python3.13t", "config-3.13t-x86_64-linux-gnu")
	require.NoError(t, os.MkdirAll(config, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(config, "libpython3.13t.a"), []byte("!<arch>\n"), 0o644))

	found, err := staticLibpython(installed, "3.13")

	require.NoError(t, err)
	require.Equal(t, filepath.Join(config, "libpython3.13t.a"), found)
	_, err = staticLibpython(installed, "3.12")
	require.ErrorContains(t, err, "want one lib/python3.12*/config-*/libpython3.12*.a in the install, found 0")
}

func TestCompiledSourcesAreTheFilesWithACompiledCopyOnce(t *testing.T) {
	lib := t.TempDir()
	mkdirs(t, lib, "__pycache__", "json/__pycache__", "test")
	for _, name := range []string{"os.py", "__pycache__/os.cpython-313.pyc", "__pycache__/os.cpython-313.opt-1.pyc",
		"__pycache__/os.cpython-313.opt-2.pyc", "json/__init__.py", "json/__pycache__/__init__.cpython-313t.pyc",
		"test/test_os.py"} {
		require.NoError(t, os.WriteFile(filepath.Join(lib, name), nil, 0o644))
	}
	sources, err := compiledSources(lib)
	require.NoError(t, err)
	require.Equal(t, []string{filepath.Join(lib, "json", "__init__.py"), filepath.Join(lib, "os.py")}, sources,
		"test_os.py was never compiled, and os.py's three levels are one source")

	require.NoError(t, os.WriteFile(filepath.Join(lib, "__pycache__", "gone.cpython-313.pyc"), nil, 0o644))
	_, err = compiledSources(lib)
	require.ErrorContains(t, err, "gone.cpython-313.pyc has no source")
}

func TestTheTreesExecutablesAreTheFilesWithAnExecuteBitInPathOrderAndItsLinksAreListed(t *testing.T) {
	tree := t.TempDir()
	mkdirs(t, tree, "bin", "lib/python3.13/lib-dynload")
	for name, mode := range map[string]os.FileMode{"bin/python3.13": 0o755, "bin-tool": 0o700, "lib/python3.13/os.py": 0o644,
		"lib/python3.13/base64.py": 0o755, "lib/python3.13/lib-dynload/_ssl.so": 0o555, "lib/python3.13/LICENSE.txt": 0o444} {
		require.NoError(t, os.WriteFile(filepath.Join(tree, name), nil, mode))
	}
	require.NoError(t, os.Symlink("python3.13", filepath.Join(tree, "bin", "python3")))

	found, links, err := executablesAndLinks(tree)

	require.NoError(t, err)
	require.Equal(t, []string{"bin-tool", "bin/python3.13", "lib/python3.13/base64.py", "lib/python3.13/lib-dynload/_ssl.so"}, found,
		"a link is not a file of its own; bin-tool sorts before bin/ as a path, though a walk visits bin/ first")
	require.Equal(t, map[string]string{"bin/python3": "python3.13"}, links)
}
