package relocatable

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestReplacePrefixTakesWholePathsOnly(t *testing.T) {
	for in, want := range map[string]string{
		"'/install'":                   "'P'",
		"'/install/lib/python3.13'":    "'P/lib/python3.13'",
		"-I/install/include -L/x":      "-IP/include -L/x",
		"'--prefix=/install' 'CC=gcc'": "'--prefix=P' 'CC=gcc'",
		"/build/bin/install -c":        "/build/bin/install -c",
		"/installer /install_dir":      "/installer /install_dir",
		"a:/install:/install/bin":      "a:P:P/bin",
	} {
		require.Equal(t, want, string(ReplacePrefix([]byte(in), "/install", "P")), in)
	}
}

func write(t *testing.T, path, text string, mode os.FileMode) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), mode))
}

func TestPatchGetpathInsertsAfterEachAnchorAndKeepsTheTimestamp(t *testing.T) {
	src := t.TempDir()
	path := filepath.Join(src, "Modules", "getpath.py")
	original := "x = 1\n" +
		"if ENV_PYTHONEXECUTABLE or ENV___PYVENV_LAUNCHER__:\n    pass\n" +
		"\nif not base_executable:\n    base_executable = executable or real_executable or ''\n" +
		"if not real_executable:\n    real_executable = base_executable\n"
	write(t, path, original, 0o644)
	epoch := time.Unix(1704067200, 0)
	require.NoError(t, os.Chtimes(path, epoch, epoch))

	require.NoError(t, PatchGetpath(src))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	text := string(data)
	proc := strings.Index(text, "realpath('/proc/self/exe')")
	require.Greater(t, proc, 0)
	require.Less(t, proc, strings.Index(text, "if ENV_PYTHONEXECUTABLE"), "the kernel's answer comes before the venv launcher's")
	base := strings.Index(text, "dirname(realpath(base_executable))")
	require.Greater(t, base, strings.Index(text, "base_executable = executable or real_executable or ''"))
	require.Less(t, base, strings.Index(text, "if not real_executable:"))
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.True(t, info.ModTime().Equal(epoch), "make must see the sources' timestamp")
}

func TestPatchGetpathNamesTheMissingAnchor(t *testing.T) {
	src := t.TempDir()
	write(t, filepath.Join(src, "Modules", "getpath.py"), "x = 1\n", 0o644)

	err := PatchGetpath(src)

	require.ErrorContains(t, err, "Modules/getpath.py of these sources has 0 copies of \"if ENV_PYTHONEXECUTABLE or ENV___PYVENV_LAUNCHER__:\"")
}

const configScript = `#!/bin/sh
installed_prefix ()
{
    RESULT=$(dirname $(cd $(dirname "$1") && pwd -P))
    if which readlink >/dev/null 2>&1 ; then
        if readlink -f "$RESULT" >/dev/null 2>&1; then
          RESULT=$(readlink -f "$RESULT")
        fi
    fi
    echo $RESULT
}
installed_prefix "$0"
`

func TestTreeMakesSysconfigPkgConfigAndTheConfigScriptFollowTheTree(t *testing.T) {
	root := filepath.Join(t.TempDir(), "with space")
	sysconfig := filepath.Join(root, "lib", "python3.13", "_sysconfigdata__linux_x86_64-linux-gnu.py")
	write(t, sysconfig, "build_time_vars = {'LIBDIR': '/install/lib',\n 'INSTALL': '/build/bin/install -c'}\n", 0o644)
	write(t, filepath.Join(root, "lib", "pkgconfig", "python-3.13.pc"), "prefix=/install\nexec_prefix=${prefix}\nlibdir=${exec_prefix}/lib\n", 0o644)
	require.NoError(t, os.Symlink("python-3.13.pc", filepath.Join(root, "lib", "pkgconfig", "python3.pc")))
	script := filepath.Join(root, "bin", "python3.13-config")
	write(t, script, configScript, 0o755)

	require.NoError(t, Tree(root, "/install", "python3.13"))

	data, _ := os.ReadFile(sysconfig)
	require.Contains(t, string(data), "'LIBDIR': '"+PrefixToken+"/lib'")
	require.Contains(t, string(data), "'INSTALL': '/build/bin/install -c'")
	pc, _ := os.ReadFile(filepath.Join(root, "lib", "pkgconfig", "python-3.13.pc"))
	require.Equal(t, "prefix=${pcfiledir}/../..\nexec_prefix=${prefix}\nlibdir=${exec_prefix}/lib\n", string(pc))
	out, err := exec.Command("/bin/sh", script).Output()
	require.NoError(t, err)
	require.Equal(t, root, strings.TrimSpace(string(out)), "the prefix of a tree in a folder with a space")
	info, _ := os.Stat(script)
	require.Equal(t, os.FileMode(0o755), info.Mode().Perm())
}

func TestTreeRefusesAPkgConfigFileWithPathsOutsideItsPrefix(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "lib", "python3.13", "_sysconfigdata_x.py"), "build_time_vars = {}\n", 0o644)
	write(t, filepath.Join(root, "lib", "pkgconfig", "python-3.13.pc"), "prefix=/install\nincludedir=/install/include\n", 0o644)

	err := Tree(root, "/install", "python3.13")

	require.ErrorContains(t, err, "python-3.13.pc")
	require.ErrorContains(t, err, "paths below /install outside prefix=")
}

func TestTheRewrittenSysconfigdataResolvesPathsWhereverTheTreeIs(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 to load the rewritten module with")
	}
	root := filepath.Join(t.TempDir(), "moved tree")
	sysconfig := filepath.Join(root, "lib", "python3.13", "_sysconfigdata__linux_x86_64-linux-gnu.py")
	write(t, sysconfig, "build_time_vars = {'LIBDIR': '/install/lib',\n 'CONFIG_ARGS': \"'--prefix=/install' '--with-x'\",\n 'SIZEOF_INT': 4}\n", 0o644)
	err = Tree(root, "/install", "python3.13")
	require.NoError(t, err)

	out, err := exec.Command(python, "-c", `import json, runpy, sys; v = runpy.run_path(sys.argv[1])["build_time_vars"]; print(json.dumps(v))`, sysconfig).Output()

	require.NoError(t, err)
	require.JSONEq(t, `{"LIBDIR": "`+root+`/lib", "CONFIG_ARGS": "'--prefix=/install' '--with-x'", "SIZEOF_INT": 4}`, string(out))
}

func TestPythonScriptsOfBinRunTheInterpreterBesideThemFromACopyAndThroughALink(t *testing.T) {
	root := filepath.Join(t.TempDir(), "tree")
	write(t, filepath.Join(root, "lib", "python3.13", "_sysconfigdata_x.py"), "build_time_vars = {}\n", 0o644)
	// A stand-in interpreter that says how it was called.
	write(t, filepath.Join(root, "bin", "python3.13"), "#!/bin/sh\necho \"ran $(basename \"$1\") with $2\"\n", 0o755)
	write(t, filepath.Join(root, "bin", "pydoc3.13"), "#!/install/bin/python3.13\nprint('pydoc')\n", 0o755)
	write(t, filepath.Join(root, "bin", "pip3"), "#!/build/src/python -E\n# -*- coding: utf-8 -*-\nprint('pip')\n", 0o755)
	shell := "#!/bin/sh\necho config\n"
	write(t, filepath.Join(root, "bin", "2to3-3.13-sh"), shell, 0o755)

	require.NoError(t, Tree(root, "/install", "python3.13"))

	config, err := os.ReadFile(filepath.Join(root, "bin", "2to3-3.13-sh"))
	require.NoError(t, err)
	require.Equal(t, shell, string(config), "a shell script keeps its #! line")
	copied := filepath.Join(t.TempDir(), "copy with space")
	require.NoError(t, exec.Command("cp", "-a", root, copied).Run())
	elsewhere := filepath.Join(t.TempDir(), "pip3")
	require.NoError(t, os.Symlink(filepath.Join(copied, "bin", "pip3"), elsewhere))
	for _, script := range []string{filepath.Join(copied, "bin", "pydoc3.13"), filepath.Join(copied, "bin", "pip3"), elsewhere} {
		out, err := exec.Command(script, "--version").CombinedOutput()
		require.NoError(t, err, "%s: %s", script, out)
		require.Equal(t, "ran "+filepath.Base(script)+" with --version", strings.TrimSpace(string(out)), script)
	}
	if python, err := exec.LookPath("python3"); err == nil {
		out, err := exec.Command(python, filepath.Join(copied, "bin", "pip3")).CombinedOutput()
		require.NoError(t, err, "%s", out)
		require.Equal(t, "pip", strings.TrimSpace(string(out)), "to Python the shell lines are a string")
	}
}
