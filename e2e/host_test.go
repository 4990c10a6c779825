//go:build e2e

package e2e

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// testCommand is what a cpython_test runs, read off its params file (--program, --arg,
// --env lines, paths relative to its runfiles).
type testCommand struct {
	program string
	args    []string
	env     []string
}

func readTestCommand(t *testing.T, params string) testCommand {
	t.Helper()
	f, err := os.Open(params)
	require.NoError(t, err)
	defer f.Close()
	var c testCommand
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		line := lines.Text()
		switch {
		case strings.HasPrefix(line, "--program="):
			c.program = strings.TrimPrefix(line, "--program=")
		case strings.HasPrefix(line, "--arg="):
			c.args = append(c.args, strings.TrimPrefix(line, "--arg="))
		case strings.HasPrefix(line, "--env="):
			c.env = append(c.env, strings.TrimPrefix(line, "--env="))
		}
	}
	require.NoError(t, lines.Err())
	require.NotEmpty(t, c.program, params)
	return c
}

// Bazel builds and tests inside the toolbox (Debian unstable, a newer glibc than this
// machine's); linked against the sysroot, the interpreter runs here too, without the
// toolbox: the smoke test (every optional module, a TLS handshake, SQLite, ...) and an
// import of every extension module of lib-dynload, run by this machine's kernel and C
// library.
func TestTheInterpreterRunsOnThisMachineOutsideTheToolbox(t *testing.T) {
	const smoke = "smoke_test_default"
	err, out := bazel(t, "build", "//tests:"+smoke, "//:python")
	require.NoError(t, err, out)
	bin := bazelBin(t, workspace(t))
	runfiles := filepath.Join(bin, "tests", smoke+".runfiles", "_main")
	c := readTestCommand(t, filepath.Join(bin, "tests", smoke+".test.params"))
	python := filepath.Join(runfiles, c.program)

	hostGlibc, err := exec.Command("getconf", "GNU_LIBC_VERSION").Output()
	require.NoError(t, err)
	var info struct {
		GlibcVersion string `json:"glibc_version"`
	}
	data, err := os.ReadFile(filepath.Join(bin, "python_build_info.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &info))
	t.Logf("this machine: %s; the interpreter needs at most GLIBC_%s", strings.TrimSpace(string(hostGlibc)), info.GlibcVersion)

	cmd := exec.Command(python, c.args...)
	cmd.Dir = runfiles
	cmd.Env = append([]string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir(), "TEST_TMPDIR=" + t.TempDir(), "LANG=C.UTF-8"}, c.env...)
	output, err := cmd.CombinedOutput()
	require.NoError(t, err, "the smoke test on this machine:\n%s", output)
	t.Logf("smoke test: %s", lastLine(string(output)))

	importAll := `import importlib, pathlib, sys, sysconfig
dynload = pathlib.Path(sysconfig.get_path("platstdlib")) / "lib-dynload"
names = sorted(p.name.split(".")[0] for p in dynload.glob("*.so"))
for name in names:
    importlib.import_module(name)
print(len(names), "extension modules imported from", dynload)`
	cmd = exec.Command(filepath.Join(bin, "python_install", "bin", "python3.13"), "-c", importAll)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE=1"}
	output, err = cmd.CombinedOutput()
	require.NoError(t, err, string(output))
	require.Contains(t, string(output), "extension modules imported")
	t.Log(strings.TrimSpace(string(output)))
}

func lastLine(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	return lines[len(lines)-1]
}
