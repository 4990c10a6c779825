package treediff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func put(t *testing.T, root, rel, text string, mode os.FileMode) {
	t.Helper()
	path := filepath.Join(root, rel)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), mode))
}

func TestCompareNamesEachDifferenceWithItsKind(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, root := range []string{a, b} {
		put(t, root, "lib/same.txt", "same", 0o644)
		require.NoError(t, os.Symlink("same.txt", filepath.Join(root, "lib", "alias")))
	}
	put(t, a, "lib/python.pyc", "\x00\x01header-AAAA-tail", 0o644)
	put(t, b, "lib/python.pyc", "\x00\x01header-BBBB-tail", 0o644)
	// What Bazel leaves of a program it ran the action for, and of one from a cache.
	put(t, a, "bin/tool", "#!", 0o555)
	put(t, b, "bin/tool", "#!", 0o544)
	put(t, a, "only-a", "", 0o644)
	require.NoError(t, os.Symlink("x", filepath.Join(a, "link")))
	require.NoError(t, os.Symlink("y", filepath.Join(b, "link")))
	put(t, a, "build.log", "one", 0o644)
	put(t, b, "build.log", "two", 0o644)

	res, err := Compare(a, b, func(rel string) bool { return strings.HasSuffix(rel, ".log") })

	require.NoError(t, err)
	got := map[string]string{}
	for _, d := range res.Differences {
		got[d.Path] = d.Reason
	}
	require.Len(t, got, 3, res.Summary())
	require.Contains(t, got["lib/python.pyc"], "first differs at byte 9")
	require.Contains(t, got["lib/python.pyc"], `header-AAAA-tail"`)
	require.NotContains(t, got, "bin/tool", "modes are Bazel's, not the build's")
	require.Contains(t, got["only-a"], "only in "+a)
	require.Equal(t, `links to "x" and to "y"`, got["link"])
	require.Equal(t, 7, res.Compared, "lib, lib/same.txt, lib/alias, lib/python.pyc, bin, bin/tool, link; not the log")
}

func TestFirstDifferenceReportsSizes(t *testing.T) {
	require.Equal(t, `first differs at byte 3 (sizes 3 and 4): "abc" vs "abcd"`, FirstDifference([]byte("abc"), []byte("abcd")))
}

func TestCoversLeavesOutWhatOnlyTheReferenceHas(t *testing.T) {
	reference, tree := t.TempDir(), t.TempDir()
	put(t, reference, "tcl8/lib/libtcl8.6.a", "other build", 0o644)
	put(t, reference, "tcl9/lib/libtcl9.0.a", "same", 0o644)
	put(t, tree, "tcl9/lib/libtcl9.0.a", "same", 0o644)
	put(t, tree, "zlib/lib/libz.a", "new", 0o644)

	res, err := Covers(reference, tree, nil)

	require.NoError(t, err)
	require.Equal(t, []Difference{{"zlib", "only in " + tree}, {"zlib/lib", "only in " + tree}, {"zlib/lib/libz.a", "only in " + tree}}, res.Differences)
}

func TestSummaryNamesTheFirstDifferencesAndCountsTheRest(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for i := range 25 {
		name := filepath.Join("lib", "f"+strings.Repeat("x", i))
		put(t, a, name, "a", 0o644)
		put(t, b, name, "b", 0o644)
	}
	res, err := Compare(a, b, nil)
	require.NoError(t, err)
	summary := res.Summary()
	require.True(t, strings.HasPrefix(summary, "26 paths compared, 25 differ:\n"), summary)
	require.Len(t, strings.Split(summary, "\n"), 1+summaryLines+1, summary)
	require.True(t, strings.HasSuffix(summary, "... and 5 more"), summary)
}
