package cpython

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseTestSuiteReadsTheMakefilesAnswer(t *testing.T) {
	suite, err := parseTestSuite("yes\n/install/lib/python3.13t\nidlelib/idle_test test test/support\n")
	require.NoError(t, err)
	require.Equal(t, testSuite{LibDest: "/install/lib/python3.13t", Dirs: []string{"idlelib/idle_test", "test", "test/support"}}, suite)
}

func TestNoTestSuiteWithoutTestModules(t *testing.T) {
	suite, err := parseTestSuite("no\n/install/lib/python3.13\ntest test/support\n")
	require.NoError(t, err)
	require.Empty(t, suite.Dirs, "a --disable-test-modules build installs no test suite")

	suite, err = parseTestSuite("yes\n/install/lib/python3.10\n\n")
	require.NoError(t, err)
	require.Empty(t, suite.Dirs, "a Makefile without TESTSUBDIRS installs the test suite itself")
}

func TestParseTestSuiteRefusesAnUnexpectedAnswer(t *testing.T) {
	_, err := parseTestSuite("make: *** No rule to make target\n")
	require.ErrorContains(t, err, "want 3 lines")
	_, err = parseTestSuite("yes\nlib/python3.13\ntest\n")
	require.ErrorContains(t, err, "not an absolute path")
}

func TestTheQueryIsAnsweredByMake(t *testing.T) {
	makeProgram, err := exec.LookPath("make")
	if err != nil {
		t.Skip("no make on this machine")
	}
	dir := t.TempDir()
	makefile := "TEST_MODULES=yes\nprefix=/install\nLIBDEST=$(prefix)/lib/python3.13\nTESTSUBDIRS=\tidlelib/idle_test \\\n\t\ttest \\\n\t\ttest/support\nall:\n\tfalse\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Makefile"), []byte(makefile), 0o644))
	cmd := exec.Command(makeProgram, testSuiteQueryArgs()...)
	cmd.Dir = dir
	out, err := cmd.Output()
	require.NoError(t, err, "the query must not run the Makefile's default goal")
	suite, err := parseTestSuite(string(out))
	require.NoError(t, err)
	require.Equal(t, testSuite{LibDest: "/install/lib/python3.13", Dirs: []string{"idlelib/idle_test", "test", "test/support"}}, suite)
}

func TestTheTestSuiteIsInstalledAsLibinstallDoesWithoutCompiledFiles(t *testing.T) {
	src := t.TempDir()
	files := map[string]os.FileMode{
		"test/test_ssl.py":                   0o644,
		"test/regrtest.py":                   0o755,
		"test/certdata/keycert.pem":          0o600,
		"test/__pycache__/x.cpython-313.pyc": 0o644,
		"test/stale.pyc":                     0o644,
		"test/patched.py.orig":               0o644,
		"test/edited.py~":                    0o644,
		"test/.ruff.toml":                    0o644,
		"test/support/__init__.py":           0o644,
		"test/not_listed/skipped.py":         0o644,
	}
	for name, mode := range files {
		path := filepath.Join(src, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(name), mode))
	}
	destDir := t.TempDir()
	suite := testSuite{LibDest: "/install/lib/python3.13", Dirs: []string{"test", "test/certdata", "test/support", "test/missing"}}

	require.NoError(t, suite.install(src, destDir))

	lib := filepath.Join(destDir, "install/lib/python3.13")
	var installed []string
	require.NoError(t, filepath.WalkDir(lib, func(path string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		rel, _ := filepath.Rel(lib, path)
		info, _ := d.Info()
		installed = append(installed, rel+" "+info.Mode().String())
		return nil
	}))
	require.Equal(t, []string{
		". drwxr-xr-x",
		"test drwxr-xr-x",
		"test/certdata drwxr-xr-x",
		"test/certdata/keycert.pem -rw-r--r--",
		"test/regrtest.py -rwxr-xr-x",
		"test/support drwxr-xr-x",
		"test/support/__init__.py -rw-r--r--",
		"test/test_ssl.py -rw-r--r--",
	}, installed)
	content, err := os.ReadFile(filepath.Join(lib, "test/test_ssl.py"))
	require.NoError(t, err)
	require.Equal(t, "test/test_ssl.py", string(content))
}
