package dist

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/buildinfo"
)

func tree(t *testing.T, order []string, fileTime time.Time, bazelModes bool) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "python_install")
	for _, rel := range order {
		p := filepath.Join(root, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		// Modes on disk are Bazel's, not the build's: here one tree has every file
		// executable, as a tree from a cache does, and the other none.
		mode := os.FileMode(0o544)
		if !bazelModes {
			mode = 0o444
		}
		require.NoError(t, os.WriteFile(p, []byte("content of "+rel), mode))
		require.NoError(t, os.Chtimes(p, fileTime, fileTime))
	}
	require.NoError(t, os.Symlink("python3.13", filepath.Join(root, "bin", "python3")))
	return root
}

func write(t *testing.T, root string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "dist.tar.gz")
	require.NoError(t, Write(Config{
		Out:         out,
		Entries:     []Entry{{"python/bin/python3.13", filepath.Join(root, "bin", "python3.13")}, {"python/bin/python3", filepath.Join(root, "bin", "python3")}, {"python/lib", filepath.Join(root, "lib")}},
		Manifest:    []byte(`{"python_version": "3.13.99"}`),
		MTime:       time.Unix(1704067200, 0),
		Executables: []string{"python/bin/python3.13"},
		Links:       map[string]string{"python/bin/python3": "python3.13"},
	}))
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	return data
}

func TestTheArchiveDependsOnlyOnTheFiles(t *testing.T) {
	one := write(t, tree(t, []string{"bin/python3.13", "lib/python3.13/os.py", "lib/python3.13/abc.py"}, time.Unix(1, 0), true))
	two := write(t, tree(t, []string{"lib/python3.13/abc.py", "lib/python3.13/os.py", "bin/python3.13"}, time.Now(), false))

	require.Equal(t, one, two, "other file times, creation order and modes on disk give the same bytes")

	gz, err := gzip.NewReader(bytesReader(one))
	require.NoError(t, err)
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		names = append(names, h.Name)
		require.Equal(t, 0, h.Uid)
		require.Empty(t, h.Uname)
		require.Equal(t, int64(1704067200), h.ModTime.Unix())
		if h.Name == "python/bin/python3" {
			require.Equal(t, "python3.13", h.Linkname)
		}
		if h.Name == "python/bin/python3.13" {
			require.Equal(t, int64(0o755), h.Mode)
		}
		if h.Name == "python/lib/python3.13/os.py" {
			require.Equal(t, int64(0o644), h.Mode)
		}
	}
	require.Equal(t, []string{"PYTHON.json", "python/", "python/bin/", "python/bin/python3", "python/bin/python3.13",
		"python/lib/", "python/lib/python3.13/", "python/lib/python3.13/abc.py", "python/lib/python3.13/os.py"}, names)
}

// A remote worker staged the tree's link python3 as a copy of python3.13: the build info's
// list of links, not the tree on disk, says what the archive holds.
func TestALinkStagedAsACopyIsALinkInTheArchive(t *testing.T) {
	files := []string{"bin/python3.13", "lib/python3.13/os.py"}
	linked := tree(t, files, time.Unix(1, 0), true)
	copied := tree(t, files, time.Unix(1, 0), true)
	require.NoError(t, os.Remove(filepath.Join(copied, "bin", "python3")))
	require.NoError(t, os.WriteFile(filepath.Join(copied, "bin", "python3"), []byte("content of bin/python3.13"), 0o544))

	require.Equal(t, write(t, linked), write(t, copied))
}

func TestAnExecutableTheArchiveDoesNotHoldIsAnError(t *testing.T) {
	root := tree(t, []string{"bin/python3.13"}, time.Now(), true)

	err := Write(Config{
		Out:         filepath.Join(t.TempDir(), "dist.tar.gz"),
		Entries:     []Entry{{"python/bin", filepath.Join(root, "bin")}},
		Manifest:    []byte(`{}`),
		Executables: []string{"python/bin/python3.13", "python/bin/pydoc3.13", "python/bin"},
	})

	require.ErrorContains(t, err, "the build made python/bin/pydoc3.13 executable, but the archive has no such file")
}

func TestAnAbsoluteLinkStandsForItsTargetAndARelativeOneStaysALink(t *testing.T) {
	staged, real := t.TempDir(), t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(real, "python3.13"), []byte("binary"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(real, "python3.13"), filepath.Join(staged, "python3.13")))
	require.NoError(t, os.Symlink("python3.13", filepath.Join(staged, "python3")))
	members := map[string]member{}

	require.NoError(t, collect(members, Entry{"python/bin", staged}))

	require.Equal(t, filepath.Join(staged, "python3.13"), members["python/bin/python3.13"].source)
	require.Equal(t, "python3.13", members["python/bin/python3"].link)
	broken := t.TempDir()
	require.NoError(t, os.Symlink("/nonexistent/python", filepath.Join(broken, "python")))
	require.ErrorContains(t, collect(members, Entry{"python/broken", broken}), "python/broken/python")
}

func TestManifestNamesPathsFromTheArchiveRootAndRefusesAnotherVersion(t *testing.T) {
	info := buildinfo.BuildInfo{PythonVersion: "3.13.99", ConfigureArgs: []string{"--prefix=/install"}, TargetTriple: "x86_64-linux-gnu",
		GlibcVersion: "2.43", GlibcFile: "lib/python3.13/lib-dynload/_tkinter.so",
		SysconfigPaths: map[string]string{"stdlib": "lib/python3.13"}, ExtensionModules: []buildinfo.Module{{Name: "_ssl", Linkage: "shared", Libraries: []string{"openssl"}}}}

	data, err := Manifest([]byte(`{"python_version": "3.13.99", "build_settings": {"lto": "off"}}`), info, "python", "bin/python3.13")

	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	require.Equal(t, "python/lib/python3.13", m["sysconfig_paths"].(map[string]any)["stdlib"])
	require.Equal(t, "python/lib/python3.13/lib-dynload/_tkinter.so", m["glibc_version_required_by"])
	require.Equal(t, "python/bin/python3.13", m["interpreter"])
	require.Equal(t, map[string]any{"lto": "off"}, m["build_settings"])

	_, err = Manifest([]byte(`{"python_version": "3.13.5"}`), info, "python", "bin/python3.13")
	require.ErrorContains(t, err, "the rules built CPython 3.13.5, but the interpreter says it is 3.13.99")
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
