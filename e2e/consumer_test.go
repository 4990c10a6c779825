//go:build e2e

package e2e

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func consumer(t *testing.T) string {
	return filepath.Join(workspace(t), "e2e", "consumer")
}

// The consumer workspace is what a monorepo adds: its tests run on the interpreter built
// here, through the toolchains, on both releases it uses.
func TestTheConsumerWorkspaceTestsPassOnBothReleases(t *testing.T) {
	dir := consumer(t)
	t.Cleanup(func() { bazelIn(t, dir, "shutdown") })

	err, out := bazelIn(t, dir, "build", "@cpython//:python", "@cpython//:python_3_13_debug")
	require.NoError(t, err, out)

	err, out = bazelIn(t, dir, "run", "//app:hello", "--", "monorepo")
	require.NoError(t, err, out)
	require.Contains(t, out, "Hello, monorepo, from Python 3.13.15\n", "the py_binary runs on the pinned 3.13 release")

	for _, release := range []struct{ flags []string }{
		{nil},
		{[]string{"--@cpython//config:version=3.11"}},
	} {
		args := append([]string{"test", "--test_output=errors", "//..."}, release.flags...)
		err, out := bazelIn(t, dir, args...)
		require.NoError(t, err, out)
		for _, test := range []string{"//app:interpreter_test", "//app:interpreter_rules_python_test", "//ext:extension_test", "//embed:embedded_test", "//tls:tls_version_test"} {
			require.Regexp(t, regexp.QuoteMeta(test)+`\s+(\(cached\) )?PASSED`, out, "%v", release.flags)
		}
	}
}

// The README's "Use it in your monorepo" shows the consumer workspace's files: each block
// after a `<!-- e2e/consumer/PATH -->` line is that file, to the letter.
func TestTheReadmeShowsTheConsumerWorkspaceAsItIs(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(workspace(t), "README.md"))
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)<!-- (e2e/consumer/[^ ]+) -->\n```[a-z]*\n(.*?)```\n").FindAllStringSubmatch(string(readme), -1)
	require.GreaterOrEqual(t, len(blocks), 4, "the README shows MODULE.bazel, .bazelrc and the BUILD files of e2e/consumer")
	shown := map[string]bool{}
	for _, b := range blocks {
		file, err := os.ReadFile(filepath.Join(workspace(t), b[1]))
		require.NoError(t, err, "the README shows %s", b[1])
		require.Equal(t, string(file), b[2], "the README's %s differs from the file", b[1])
		shown[b[1]] = true
	}
	for _, f := range []string{"MODULE.bazel", ".bazelrc", "app/BUILD.bazel", "ext/BUILD.bazel", "embed/BUILD.bazel"} {
		require.True(t, shown["e2e/consumer/"+f], "the README shows e2e/consumer/%s", f)
	}
}

// A workspace beside this one whose MODULE.bazel uses the extension with one bad tag.
func badInputWorkspace(t *testing.T) string {
	t.Helper()
	// Beside the workspace: the toolbox's chroot sees its parent folder, not /tmp.
	dir, err := os.MkdirTemp(filepath.Dir(workspace(t)), ".rules_cpython-e2e-bad-input-")
	require.NoError(t, err)
	t.Cleanup(func() {
		bazelIn(t, dir, "shutdown")
		os.RemoveAll(dir)
	})
	require.NoError(t, os.WriteFile(filepath.Join(dir, "BUILD.bazel"), nil, 0o644))
	// As the consumer workspace: Bazel 7's WORKSPACE suffix fetches from the network.
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".bazelrc"), []byte("common --noenable_workspace\n"), 0o644))
	return dir
}

func writeModule(t *testing.T, dir, tags string) {
	t.Helper()
	module := `module(name = "bad_input")

bazel_dep(name = "rules_cpython", version = "0.1.0", repo_name = "cpython")
bazel_dep(name = "rules_go", version = "0.59.0")

local_path_override(
    module_name = "rules_cpython",
    path = "` + workspace(t) + `",
)

go_sdk = use_extension("@rules_go//go:extensions.bzl", "go_sdk")
go_sdk.host()

cpython = use_extension("@cpython//rules:extensions.bzl", "cpython")
` + tags
	require.NoError(t, os.WriteFile(filepath.Join(dir, "MODULE.bazel"), []byte(module), 0o644))
}

// tarball writes a small source archive and returns its file URL and sha256.
func tarball(t *testing.T, dir string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	body := []byte("not bzip2\n")
	require.NoError(t, tw.WriteHeader(&tar.Header{Name: "fake-1.0/README", Mode: 0o644, Size: int64(len(body))}))
	_, err := tw.Write(body)
	require.NoError(t, err)
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())
	path := filepath.Join(dir, "fake-1.0.tar.gz")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	sum := sha256.Sum256(buf.Bytes())
	return "file://" + path, hex.EncodeToString(sum[:])
}

func TestBadExtensionTagsFailBeforeAnythingIsBuilt(t *testing.T) {
	dir := badInputWorkspace(t)
	url, actual := tarball(t, dir)
	wrong := strings.Repeat("0", 64)
	for _, c := range []struct {
		name, tags, target string
		wants              []string
	}{
		{"a release neither in the table nor given a sha256", `cpython.pin(version = "3.11.99")` + "\n", "@cpython//:python",
			[]string{"the cpython.pin tag of module bad_input: CPython 3.11.99 is neither in rules_cpython's table (rules/private/sources.bzl) nor added by a cpython.release tag (with urls and sha256). Pinned: 3.10.21, "}},
		{"an added release without its sha256", `cpython.release(version = "3.13.99", urls = ["` + url + `"])` + "\n", "@cpython//:python",
			[]string{"CPython 3.13.99 is not in rules_cpython's table (rules/private/sources.bzl); give its urls and sha256"}},
		{"an unknown library", `cpython.library(name = "libressl", urls = ["` + url + `"], sha256 = "` + actual + `")` + "\n", "@cpython//:python",
			// Two runs of the list (rules/private/sources.bzl grows it), not all of it.
			[]string{`names library "libressl", which rules_cpython does not build; known libraries: bzip2, gdbm, `, `, openssl, readline, sqlite, tcl, tk, util_linux, xz, zlib`}},
		{"a wrong sha256", `cpython.library(name = "bzip2", urls = ["` + url + `"], sha256 = "` + wrong + `", strip_prefix = "fake-1.0")` + "\n", "@cpython//third_party/bzip2",
			[]string{"the source archive of bzip2 1.0.8 (" + url + ") has sha256 " + actual + ", but the cpython.library tag of module bad_input expects " + wrong}},
		// Offline, Bazel cannot fetch the archive to tell its checksum (the distdir serves
		// files by checksum): the message names the table's and the tag's.
		{"a wrong sha256 for the table's archive", `cpython.library(name = "bzip2", urls = ["https://sourceware.org/pub/bzip2/bzip2-1.0.8.tar.gz"], sha256 = "` + wrong + `", strip_prefix = "bzip2-1.0.8")` + "\n", "@cpython//third_party/bzip2",
			[]string{"bzip2 1.0.8", "ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269", wrong}},
	} {
		t.Run(c.name, func(t *testing.T) {
			writeModule(t, dir, c.tags)
			err, out := bazelIn(t, dir, "build", "--nobuild", c.target)
			require.Error(t, err, "the build must fail:\n%s", out)
			for _, want := range c.wants {
				require.Contains(t, out, want)
			}
			require.NotContains(t, out, "Building library", "nothing is built")
		})
	}
}
