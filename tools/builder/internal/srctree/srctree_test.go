package srctree

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var epoch = time.Unix(1704067200, 0)

func TestCopyFilesKeepsLayoutModeAndStampsOneTime(t *testing.T) {
	root := filepath.Join(t.TempDir(), "external", "zlib")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "sub"), 0o755))
	configure := filepath.Join(root, "configure")
	header := filepath.Join(root, "sub", "zlib.h")
	require.NoError(t, os.WriteFile(configure, []byte("#!/bin/sh\n"), 0o555))
	require.NoError(t, os.WriteFile(header, []byte("/* h */"), 0o444))
	dest := filepath.Join(t.TempDir(), "src")

	require.NoError(t, CopyFiles([]string{configure, header}, root, dest, epoch))

	info, err := os.Stat(filepath.Join(dest, "configure"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o755), info.Mode().Perm(), "executable and writable")
	require.True(t, info.ModTime().Equal(epoch))
	data, err := os.ReadFile(filepath.Join(dest, "sub", "zlib.h"))
	require.NoError(t, err)
	require.Equal(t, "/* h */", string(data))
}

// A remote-execution service hands every input over as executable (Bazel sends them so):
// the sources' own list decides, or CPython would install all of Lib/ as scripts.
func TestCopyFilesTakesTheModesFromTheSourcesListOfExecutables(t *testing.T) {
	root := filepath.Join(t.TempDir(), "external", "cpython")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "Lib"), 0o755))
	base64 := filepath.Join(root, "Lib", "base64.py")
	future := filepath.Join(root, "Lib", "__future__.py")
	manifest := filepath.Join(root, ExecutablesManifest)
	for _, f := range []string{base64, future, manifest} {
		require.NoError(t, os.WriteFile(f, []byte("x\n"), 0o555))
	}
	require.NoError(t, os.WriteFile(manifest, []byte("Lib/base64.py\n"), 0o555))
	dest := filepath.Join(t.TempDir(), "src")

	require.NoError(t, CopyFiles([]string{base64, future, manifest}, root, dest, epoch))

	for rel, want := range map[string]os.FileMode{"Lib/base64.py": 0o755, "Lib/__future__.py": 0o644} {
		info, err := os.Stat(filepath.Join(dest, rel))
		require.NoError(t, err)
		require.Equal(t, want, info.Mode().Perm(), rel)
	}
}

func TestCopyFilesRejectsAFileOutsideTheRoot(t *testing.T) {
	dir := t.TempDir()
	stray := filepath.Join(dir, "stray.c")
	require.NoError(t, os.WriteFile(stray, nil, 0o644))

	err := CopyFiles([]string{stray}, filepath.Join(dir, "root"), t.TempDir(), epoch)

	require.ErrorContains(t, err, "is not below the source root")
}

func TestCopyTreeFollowsSymlinks(t *testing.T) {
	real := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(real, "lib", "pkgconfig"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(real, "lib", "pkgconfig", "z.pc"), []byte("prefix=/install\n"), 0o444))
	linked := filepath.Join(t.TempDir(), "linked")
	require.NoError(t, os.Symlink(real, linked))
	dest := filepath.Join(t.TempDir(), "deps", "zlib")

	require.NoError(t, CopyTree(linked, dest, epoch))

	info, err := os.Lstat(filepath.Join(dest, "lib", "pkgconfig", "z.pc"))
	require.NoError(t, err)
	require.True(t, info.Mode().IsRegular(), "a copy, not a link")
	require.NotZero(t, info.Mode().Perm()&0o200, "copies are writable")
}
