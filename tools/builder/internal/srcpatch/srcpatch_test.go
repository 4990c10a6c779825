package srcpatch

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, path, text string, mode os.FileMode, mtime time.Time) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), mode))
	require.NoError(t, os.Chtimes(path, mtime, mtime))
}

func TestApplyReplacesEachAnchorInOrderAndKeepsModeAndTime(t *testing.T) {
	root := t.TempDir()
	mtime := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	writeFile(t, filepath.Join(root, "setup.py"), "a = ['x']\nb = 1\n", 0o755, mtime)
	writeFile(t, filepath.Join(root, "Modules", "m.c"), "int f;\n", 0o644, mtime)

	err := Apply(root, []Edit{
		{File: "setup.py", Old: "['x']", New: "['x', 'y']", Why: "first"},
		{File: "Modules/m.c", Old: "int f;", New: "long f;", Why: "other file"},
		// Sees the first edit's result.
		{File: "setup.py", Old: "['x', 'y']\n", New: "['x', 'y', 'z']\n", Why: "second"},
	})
	require.NoError(t, err)

	data, err := os.ReadFile(filepath.Join(root, "setup.py"))
	require.NoError(t, err)
	require.Equal(t, "a = ['x', 'y', 'z']\nb = 1\n", string(data))
	data, err = os.ReadFile(filepath.Join(root, "Modules", "m.c"))
	require.NoError(t, err)
	require.Equal(t, "long f;\n", string(data))

	info, err := os.Stat(filepath.Join(root, "setup.py"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o755), info.Mode().Perm())
	require.True(t, info.ModTime().Equal(mtime), "modification time %s", info.ModTime())
}

func TestApplyFailsWithTheReasonWhenTheAnchorIsNotThereOnce(t *testing.T) {
	for name, text := range map[string]string{
		"missing": "nothing here\n",
		"twice":   "libraries=['gdbm_compat']\nlibraries=['gdbm_compat']\n",
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, filepath.Join(root, "setup.py"), text, 0o644, time.Now())
			err := Apply(root, []Edit{{File: "setup.py", Old: "libraries=['gdbm_compat']", New: "x", Why: "static gdbm needs -lgdbm"}})
			require.ErrorContains(t, err, "setup.py of these sources has")
			require.ErrorContains(t, err, "static gdbm needs -lgdbm")
			require.ErrorContains(t, err, "release_quirks.bzl")
			data, rerr := os.ReadFile(filepath.Join(root, "setup.py"))
			require.NoError(t, rerr)
			require.Equal(t, text, string(data), "a failed edit leaves the file as it was")
		})
	}
}

func TestApplyNamesAMissingFile(t *testing.T) {
	err := Apply(t.TempDir(), []Edit{{File: "setup.py", Old: "a", New: "b", Why: "releases before 3.12"}})
	require.ErrorContains(t, err, "source edit of setup.py (releases before 3.12)")
}

func TestParseEditReadsTheRulesJSONAndRefusesWhatIsIncomplete(t *testing.T) {
	e, err := ParseEdit(`{"file": "setup.py", "new": "b\n", "old": "a\n", "why": "because"}`)
	require.NoError(t, err)
	require.Equal(t, Edit{File: "setup.py", Old: "a\n", New: "b\n", Why: "because"}, e)

	for _, bad := range []string{
		`{"file": "setup.py", "new": "b", "why": "no old"}`,
		`{"file": "setup.py", "old": "a", "new": "b"}`,
		`{"file": "/etc/passwd", "old": "a", "new": "b", "why": "outside"}`,
		`{"file": "../x", "old": "a", "new": "b", "why": "outside"}`,
		`{"file": "setup.py", "old": "a", "new": "b", "why": "w", "extra": 1}`,
		`not json`,
	} {
		_, err := ParseEdit(bad)
		require.Error(t, err, bad)
	}
}
