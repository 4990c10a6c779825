package modcheck

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// fakePython answers the check script with a fixed report, as an interpreter would.
func fakePython(t *testing.T, report string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "python3")
	require.NoError(t, os.WriteFile(path, []byte("#!/bin/sh\ncat <<'JSON'\n"+report+"\nJSON\n"), 0o755))
	return path
}

var expect = Expectation{
	Libraries: map[string]string{"_ssl": "openssl", "_bz2": "bzip2", "_tkinter": "tcl+tk", "zlib": "zlib", "_dbm": "gdbm"},
	Optional:  []string{"_dbm"},
}

func TestCheckPassesWhenEveryModuleImports(t *testing.T) {
	python := fakePython(t, `{"version": "3.13.99", "modules": [
		{"name": "_ssl", "state": "yes", "error": ""},
		{"name": "_scproxy", "state": "n/a", "error": ""}]}`)

	report, err := Check(python, nil, []string{"openssl"}, expect)

	require.NoError(t, err)
	require.Equal(t, "Python 3.13.99 extension modules: 1 n/a, 1 yes", report.Summary())
}

func TestCheckNamesTheMissingModulesAndTheirLibrary(t *testing.T) {
	python := fakePython(t, `{"version": "3.13.99", "modules": [
		{"name": "_bz2", "state": "missing", "error": ""},
		{"name": "_ssl", "state": "failed", "error": "ImportError: undefined symbol: SSL_new"},
		{"name": "_tkinter", "state": "missing", "error": ""},
		{"name": "_json", "state": "failed", "error": "ImportError: boom"},
		{"name": "zlib", "state": "yes", "error": ""}]}`)

	_, err := Check(python, nil, []string{"openssl", "tcl", "tk", "zlib"}, expect)

	var modErr *Error
	require.ErrorAs(t, err, &modErr)
	require.Len(t, modErr.Problems, 4)
	msg := err.Error()
	require.Contains(t, msg, "4 extension module(s) missing or broken")
	require.Regexp(t, `_bz2\s+missing\s+bzip2\s+the library is not among the interpreter's dependencies`, msg)
	require.Regexp(t, `_ssl\s+failed\s+openssl\s+ImportError: undefined symbol: SSL_new`, msg)
	require.Regexp(t, `_tkinter\s+missing\s+tcl\+tk\s+configure did not find it usable`, msg)
	require.Regexp(t, `_json\s+failed\s+\(part of CPython\)\s+ImportError: boom`, msg)
	require.NotContains(t, msg, "zlib")
}

func TestCheckFailsWhenTheInterpreterCannotRun(t *testing.T) {
	_, err := Check(filepath.Join(t.TempDir(), "absent"), nil, nil, expect)
	require.ErrorContains(t, err, "to list its extension modules")
}

func TestCheckRejectsAnEmptyReport(t *testing.T) {
	_, err := Check(fakePython(t, `{"version": "3.13.99", "modules": []}`), nil, nil, expect)
	require.ErrorContains(t, err, "no extension modules at all")
}

func TestTheScriptIsAskedForTheRequiredModulesOnly(t *testing.T) {
	dir := t.TempDir()
	argsFile := filepath.Join(dir, "args")
	python := filepath.Join(dir, "python3")
	script := "#!/bin/sh\nshift 4\necho \"$@\" > " + argsFile + "\necho '{\"version\": \"3.13.99\", \"modules\": [{\"name\": \"zlib\", \"state\": \"yes\", \"error\": \"\"}]}'\n"
	require.NoError(t, os.WriteFile(python, []byte(script), 0o755))

	_, err := Check(python, nil, nil, expect)

	require.NoError(t, err)
	args, err := os.ReadFile(argsFile)
	require.NoError(t, err)
	require.Equal(t, "_bz2 _ssl _tkinter zlib\n", string(args), "sorted, without the optional _dbm")
}

func TestAModuleOutsideTheTableIsPartOfCPython(t *testing.T) {
	python := fakePython(t, `{"version": "3.13.99", "modules": [{"name": "_uuid", "state": "missing", "error": ""}]}`)

	_, err := Check(python, nil, []string{"libuuid"}, Expectation{Libraries: map[string]string{"_ssl": "openssl"}})

	require.Regexp(t, `_uuid\s+missing\s+\(part of CPython\)`, err.Error())
}
