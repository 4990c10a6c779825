package install

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o444))
}

func TestPruneLibraryKeepsOnlyStaticArchives(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"lib/libz.a", "lib/libz.so", "lib/libz.so.1.3.1", "lib/libz.la", "share/man/man3/zlib.3", "include/zlib.h"} {
		write(t, filepath.Join(root, f), "x")
	}

	require.NoError(t, os.MkdirAll(filepath.Join(root, "bin"), 0o755))
	require.NoError(t, os.Symlink("bzmore", filepath.Join(root, "bin", "bzless")))
	require.NoError(t, os.Symlink("../lib/libz.a", filepath.Join(root, "bin", "kept")))

	require.NoError(t, PruneLibrary(root))

	_, err := os.Lstat(filepath.Join(root, "bin", "bzless"))
	require.True(t, os.IsNotExist(err), "a dangling link is removed")
	require.FileExists(t, filepath.Join(root, "bin", "kept"))
	require.FileExists(t, filepath.Join(root, "lib/libz.a"))
	require.FileExists(t, filepath.Join(root, "include/zlib.h"))
	for _, gone := range []string{"lib/libz.so", "lib/libz.so.1.3.1", "lib/libz.la", "share/man"} {
		require.NoFileExists(t, filepath.Join(root, gone))
		require.NoDirExists(t, filepath.Join(root, gone))
	}
}

func TestPruneLibraryAcceptsATreeWithoutLib(t *testing.T) {
	require.NoError(t, PruneLibrary(t.TempDir()))
}

func TestReplaceRewritesMatchingTextFilesOnly(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "lib/pkgconfig/zlib.pc"), "prefix=/install\nlibdir=${prefix}/lib\n")
	write(t, filepath.Join(root, "lib/tclConfig.sh"), "TCL_SRC_DIR='/scratch/src'\n")
	write(t, filepath.Join(root, "lib/libz.a"), "/install\x00binary")
	write(t, filepath.Join(root, "include/zlib.h"), "/install")

	require.NoError(t, Replace(root, IsConfigFile, Replacement{"/install", "/tmp/deps/zlib"}, Replacement{"/scratch", "/build"}))

	pc, _ := os.ReadFile(filepath.Join(root, "lib/pkgconfig/zlib.pc"))
	require.Equal(t, "prefix=/tmp/deps/zlib\nlibdir=${prefix}/lib\n", string(pc))
	tcl, _ := os.ReadFile(filepath.Join(root, "lib/tclConfig.sh"))
	require.Equal(t, "TCL_SRC_DIR='/build/src'\n", string(tcl))
	header, _ := os.ReadFile(filepath.Join(root, "include/zlib.h"))
	require.Equal(t, "/install", string(header), "not a config file")

	require.NoError(t, Replace(root, func(string) bool { return true }, Replacement{"/install", "/x"}))
	header, _ = os.ReadFile(filepath.Join(root, "include/zlib.h"))
	require.Equal(t, "/x", string(header))
	archive, _ := os.ReadFile(filepath.Join(root, "lib/libz.a"))
	require.Equal(t, "/install\x00binary", string(archive), "the binary archive is left alone")
}

func TestLinkMakesAnAliasAndRejectsAMissingTarget(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "lib/libncursesw.a"), "archive")

	require.NoError(t, Link(root, "lib/libncurses.a", "libncursesw.a"))
	err := Link(root, "lib/libtinfo.a", "libtinfow.a")

	data, readErr := os.ReadFile(filepath.Join(root, "lib/libncurses.a"))
	require.NoError(t, readErr)
	require.Equal(t, "archive", string(data))
	require.ErrorContains(t, err, "which the install does not have")
}

func TestNotCompiledSkipsObjectsArchivesAndBytecode(t *testing.T) {
	for _, path := range []string{"lib/libz.a", "x.o", "lib-dynload/_ssl.cpython-313-x86_64-linux-gnu.so", "libpython3.13.so.1.0", "__pycache__/os.cpython-313.pyc"} {
		require.False(t, NotCompiled(path), path)
	}
	for _, path := range []string{"lib/pkgconfig/zlib.pc", "lib/python3.13/_sysconfigdata__linux_x86_64-linux-gnu.py", "bin/python3.13-config", "config-3.13/Makefile"} {
		require.True(t, NotCompiled(path), path)
	}
}

func TestAppendLineAddsALineAndWantsTheFile(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "lib/pkgconfig/tk.pc"), "Libs.private:  -lX11")

	require.NoError(t, AppendLine(root, "lib/pkgconfig/tk.pc", "Requires.private: x11"))
	err := AppendLine(root, "lib/pkgconfig/tcl.pc", "Requires.private: zlib")

	data, readErr := os.ReadFile(filepath.Join(root, "lib/pkgconfig/tk.pc"))
	require.NoError(t, readErr)
	require.Equal(t, "Libs.private:  -lX11\nRequires.private: x11\n", string(data))
	require.ErrorContains(t, err, "lib/pkgconfig/tcl.pc, which make install did not install")
}

func TestRemoveEmptyDirsLeavesNoEmptyFolderButTheRoot(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "lib", "libz.a"), "x")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "share", "man", "man3"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "bin"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "include", "sub"), 0o755))
	require.NoError(t, os.Symlink("../lib/libz.a", filepath.Join(root, "include", "sub", "link")))

	require.NoError(t, RemoveEmptyDirs(root))

	require.NoDirExists(t, filepath.Join(root, "share"), "a folder that held only empty folders goes too")
	require.NoDirExists(t, filepath.Join(root, "bin"))
	require.FileExists(t, filepath.Join(root, "lib", "libz.a"))
	_, err := os.Lstat(filepath.Join(root, "include", "sub", "link"))
	require.NoError(t, err, "a folder holding only a link is not empty")

	empty := t.TempDir()
	require.NoError(t, RemoveEmptyDirs(empty))
	require.DirExists(t, empty, "the root stays, empty or not")
}
