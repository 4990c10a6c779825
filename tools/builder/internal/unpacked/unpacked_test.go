package unpacked

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

func TestTheTreeLooksInstalledForThePrefixOfEveryBuild(t *testing.T) {
	root := filepath.Join(t.TempDir(), "root", "usr")
	files := map[string]string{
		"include/X11/X.h":           "#define X_PROTOCOL 11\n",
		"share/pkgconfig/xproto.pc": "prefix=/usr\nincludedir=${prefix}/include\n\nName: Xproto\n",
	}
	var paths []string
	for rel, text := range files {
		path := filepath.Join(root, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		paths = append(paths, path)
	}
	out := filepath.Join(t.TempDir(), "x11proto")

	require.NoError(t, Install(paths, root, "/usr", out, time.Unix(1704067200, 0)))

	pc, err := os.ReadFile(filepath.Join(out, "share", "pkgconfig", "xproto.pc"))
	require.NoError(t, err)
	require.Equal(t, "prefix="+scratch.Prefix+"\nincludedir=${prefix}/include\n\nName: Xproto\n", string(pc))
	require.FileExists(t, filepath.Join(out, "include", "X11", "X.h"))

	err = Install(paths, root, "/opt/x11", filepath.Join(t.TempDir(), "again"), time.Unix(0, 0))
	require.ErrorContains(t, err, "1 of the 1 pkg-config files below")
	require.ErrorContains(t, err, "do not say prefix=/opt/x11")

	python := filepath.Join(root, "lib", "python3", "dist-packages", "xcbgen", "state.py")
	require.NoError(t, os.MkdirAll(filepath.Dir(python), 0o755))
	require.NoError(t, os.WriteFile(python, nil, 0o644))
	require.NoError(t, Install([]string{python}, root, "/usr", filepath.Join(t.TempDir(), "xcbgen"), time.Unix(0, 0)), "a package without pkg-config files")
}
