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
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/remotecache"
	"github.com/rules-cpython/rules_cpython/tools/treediff"
)

func consumer(t *testing.T) string {
	return filepath.Join(workspace(t), "e2e", "consumer")
}

// The consumer workspace is what a monorepo adds, and the second of the two builds the
// reproducibility check compares: another path, another output base, and rules_cpython
// under another repository name. Built cold, uploading to a real HTTP cache, its
// //:python and every library are byte-identical to this workspace's; its tests then
// run on that interpreter through the toolchains, on both releases it uses; and a copy
// of it at a third path, with a fresh output base and only that cache, executes no
// library or CPython action.
func TestTheConsumerBuildsTheSameBytesThroughRemoteExecutionPassesItsTestsAndACopyGetsThemFromTheCache(t *testing.T) {
	// The trees compared are not all top-level outputs (python_embed, third_party):
	// when this build takes them from the disk cache, only --remote_download_outputs=all
	// puts them on disk (Bazel 7's default downloads top-level outputs alone).
	err, out := bazel(t, "build", "--remote_download_outputs=all", "//:python", "//:python_3_13_dist")
	require.NoError(t, err, out)
	here := bazelBin(t, workspace(t))
	service := startRemoteExecution(t)
	// Every action of the cold build runs in buildbox's sandbox; later builds use the
	// service as a remote cache only (the tests run here, on the machine's toolbox).
	// rules_go's bootstrap (GoToolchainBinaryBuild) runs a #!/usr/bin/env bash script,
	// which the sandbox's base does not have: it compiles Go's own tools here.
	executor := []string{"--disk_cache=", "--remote_executor=" + service.Executor, "--remote_download_outputs=all",
		"--strategy=GoToolchainBinaryBuild=sandboxed"}
	remote := []string{"--disk_cache=", "--remote_cache=" + service.Executor}

	dir, base := consumer(t), freshOutputBase(t, "consumer")
	cold := build(t, dir, base, []string{"@cpython//:python", "@cpython//:python_3_13_dist"}, executor...)
	for _, m := range remotecache.BuildMnemonics {
		require.NotNil(t, cold.Actions[m], "the consumer's cold build ran no %s: %s", m, cold.Actions)
		require.Zero(t, cold.Actions[m].Hits, "the consumer's cold build found %s in a cache that was empty", m)
		require.Equal(t, cold.Actions[m].Executed, cold.Actions[m].Remote, "every %s action runs through buildbox: %s", m, cold.Actions)
	}

	there := cpythonPackage(t, dir, base, remote)
	for _, tree := range treediff.PythonTrees {
		// This workspace's output tree may hold more (other releases' libraries): every
		// file the consumer's build made must be here, with the same bytes.
		res, err := treediff.Covers(filepath.Join(here, tree), filepath.Join(there, tree), treediff.SkipBuildRecords)
		require.NoError(t, err)
		require.Greater(t, res.Compared, 0, tree)
		if len(res.Differences) > 0 {
			t.Fatalf("%s, %s (here) against %s (the consumer workspace): %s", tree, here, there, res.Summary())
		}
		t.Logf("%s: %s", tree, res.Summary())
	}
	// The trees' modes are Bazel's; which files are programs is in the build info.
	hereInfo, err := os.ReadFile(filepath.Join(here, "python_build_info.json"))
	require.NoError(t, err)
	thereInfo, err := os.ReadFile(filepath.Join(there, "python_build_info.json"))
	require.NoError(t, err)
	require.Equal(t, string(hereInfo), string(thereInfo), "the build info of both workspaces")

	startup := "--output_base=" + base
	err, out = bazelIn(t, dir, append(append([]string{startup, "run"}, remote...), "//app:hello", "--", "monorepo")...)
	require.NoError(t, err, out)
	require.Contains(t, out, "Hello, monorepo, from Python "+newestPinned(t, "3.13")+"\n", "the py_binary runs on the pinned 3.13 release")
	for _, release := range []struct{ flags []string }{
		{nil},
		{[]string{"--@cpython//config:version=3.11"}},
	} {
		args := append(append([]string{startup, "test", "--test_output=errors"}, remote...), release.flags...)
		err, out := bazelIn(t, dir, append(args, "//...")...)
		require.NoError(t, err, out)
		for _, test := range []string{"//app:interpreter_test", "//app:interpreter_rules_python_test", "//ext:extension_test", "//embed:embedded_test", "//tls:tls_version_test"} {
			require.Regexp(t, regexp.QuoteMeta(test)+`\s+(\(cached\) )?PASSED`, out, "%v", release.flags)
		}
	}

	third, thirdBase := copyConsumer(t), freshOutputBase(t, "third")
	warm := build(t, third, thirdBase, []string{"@cpython//:python"}, remote...)
	for _, m := range remotecache.BuildMnemonics {
		require.NotNil(t, warm.Actions[m], "the third checkout's build has no %s: %s", m, warm.Actions)
		require.Zero(t, warm.Actions[m].Executed, "the third checkout executed %s actions: %s", m, warm.Actions)
	}

	// The distribution archive, made again in the third output base from the cached
	// interpreter: the archive action itself runs there, and gives the same bytes.
	dist := build(t, third, thirdBase, []string{"@cpython//:python_3_13_dist"}, append(remote, "--modify_execution_info=CpythonDist=+no-remote-cache")...)
	require.NotNil(t, dist.Actions["CpythonDist"], dist.Actions)
	require.Equal(t, 1, dist.Actions["CpythonDist"].Executed, dist.Actions)
	consumerDist, err := os.ReadFile(filepath.Join(there, "python_3_13_dist.tar.gz"))
	require.NoError(t, err)
	thirdDist, err := os.ReadFile(filepath.Join(cpythonPackage(t, third, thirdBase, remote), "python_3_13_dist.tar.gz"))
	require.NoError(t, err)
	require.Equal(t, sha256.Sum256(consumerDist), sha256.Sum256(thirdDist), "python_3_13_dist.tar.gz from two output bases")

	t.Logf("the consumer's cold build through buildbox: %s: %s", cold.Wall.Round(time.Second), cold.Actions)
	t.Logf("from its cache, a copy of it at a third path: %s: %s", warm.Wall.Round(time.Second), warm.Actions)
}

// cpythonPackage is where a workspace's build put the outputs of rules_cpython's root
// package (@cpython//:python and its trees): bazel-bin itself here, a folder under
// bazel-bin/external in a workspace that depends on rules_cpython, named by Bazel.
func cpythonPackage(t *testing.T, dir, outputBase string, flags []string) string {
	t.Helper()
	startup := "--output_base=" + outputBase
	args := append(append([]string{startup, "cquery"}, flags...), "--output=files", "--output_groups=build_info", "@cpython//:python")
	files := strings.Fields(string(bazelStdoutIn(t, dir, args...)))
	require.Len(t, files, 1, "the build info of @cpython//:python")
	return filepath.Join(bazelInfo(t, dir, startup, "execution_root"), filepath.Dir(files[0]))
}

// copyConsumer copies the consumer workspace to a folder beside this workspace: the
// same sources at a third path, its local_path_override pointing here.
func copyConsumer(t *testing.T) string {
	t.Helper()
	dest := besideWorkspace(t, ".rules_cpython-e2e-third-")
	require.NoError(t, remotecache.CopyCheckout(consumer(t), dest))
	module := filepath.Join(dest, "MODULE.bazel")
	data, err := os.ReadFile(module)
	require.NoError(t, err)
	relative := "    path = \"../..\",\n"
	require.Contains(t, string(data), relative)
	data = []byte(strings.Replace(string(data), relative, "    path = \""+workspace(t)+"\",\n", 1))
	require.NoError(t, os.WriteFile(module, data, 0o644))
	return dest
}

// The README's "Use it in your monorepo" quotes the consumer workspace's files: each block
// after a `<!-- e2e/consumer/PATH -->` line is that file's lines, to the letter, with
// "..." lines where some are left out.
func TestTheReadmeQuotesTheConsumerWorkspace(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(workspace(t), "README.md"))
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)<!-- (e2e/consumer/[^ ]+) -->\n```[a-z]*\n(.*?)```\n").FindAllStringSubmatch(string(readme), -1)
	require.GreaterOrEqual(t, len(blocks), 4, "the README shows MODULE.bazel, .bazelrc and the BUILD files of e2e/consumer")
	shown := map[string]bool{}
	for _, b := range blocks {
		file, err := os.ReadFile(filepath.Join(workspace(t), b[1]))
		require.NoError(t, err, "the README shows %s", b[1])
		require.True(t, isExcerpt(string(file), b[2]),
			"the README's %s is not a run of whole lines of the file:\n%s", b[1], b[2])
		shown[b[1]] = true
	}
	for _, f := range []string{"MODULE.bazel", ".bazelrc", "app/BUILD.bazel", "ext/BUILD.bazel", "embed/BUILD.bazel"} {
		require.True(t, shown["e2e/consumer/"+f], "the README shows e2e/consumer/%s", f)
	}
}

// isExcerpt tells whether shown is runs of whole lines of file, in order, with a line
// "..." between runs standing for lines left out.
func isExcerpt(file, shown string) bool {
	if strings.TrimSpace(shown) == "" || !strings.HasSuffix(shown, "\n") {
		return false
	}
	rest := "\n" + file
	var run strings.Builder
	for _, line := range strings.SplitAfter(shown, "\n") {
		if line != "...\n" && line != "" {
			run.WriteString(line)
			continue
		}
		if run.Len() > 0 {
			i := strings.Index(rest, "\n"+run.String())
			if i < 0 {
				return false
			}
			rest = rest[i+run.Len():]
			run.Reset()
		}
	}
	return true
}

// A workspace beside this one whose MODULE.bazel (writeModule) uses the extension with
// the tags of one case.
func tagsWorkspace(t *testing.T, name string) string {
	t.Helper()
	// Beside the workspace: the toolbox's chroot sees its parent folder, not /tmp.
	dir, err := os.MkdirTemp(filepath.Dir(workspace(t)), ".rules_cpython-e2e-"+name+"-")
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
bazel_dep(name = "rules_cc", version = "0.0.11")
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
	dir := tagsWorkspace(t, "bad-input")
	url, actual := tarball(t, dir)
	wrong := strings.Repeat("0", 64)
	bzip2 := pinnedLibrary(t, "bzip2")
	for _, c := range []struct {
		name, tags, target string
		wants              []string
	}{
		{"a release neither in the table nor given a sha256", `cpython.pin(version = "3.11.99")` + "\n", "@cpython//:python",
			[]string{"the cpython.pin tag of module bad_input: CPython 3.11.99 is neither in rules_cpython's table (rules/private/sources.bzl) nor added by a cpython.release tag (with urls and sha256). Pinned: " + newestPinned(t, "3.10") + ", "}},
		{"an added release without its sha256", `cpython.release(version = "3.13.99", urls = ["` + url + `"])` + "\n", "@cpython//:python",
			[]string{"CPython 3.13.99 is not in rules_cpython's table (rules/private/sources.bzl); give its urls and sha256"}},
		{"an unknown library", `cpython.library(name = "libressl", urls = ["` + url + `"], sha256 = "` + actual + `")` + "\n", "@cpython//:python",
			// Two runs of the list (rules/private/sources.bzl grows it), not all of it.
			[]string{`names library "libressl", which rules_cpython does not build; known libraries: bzip2, gdbm, `, `, openssl, readline, sqlite, tcl, tk, util_linux, xz, zlib`}},
		{"a wrong sha256", `cpython.library(name = "bzip2", urls = ["` + url + `"], sha256 = "` + wrong + `", strip_prefix = "fake-1.0")` + "\n", "@cpython//third_party/bzip2",
			[]string{"the source archive of bzip2 " + bzip2.version + " (" + url + ") has sha256 " + actual + ", but the cpython.library tag of module bad_input expects " + wrong}},
		// Offline, Bazel cannot fetch the archive to tell its checksum (the distdir serves
		// files by checksum): the message names the table's and the tag's.
		{"a wrong sha256 for the table's archive", `cpython.library(name = "bzip2", urls = ["` + bzip2.url + `"], sha256 = "` + wrong + `", strip_prefix = "bzip2-` + bzip2.version + `")` + "\n", "@cpython//third_party/bzip2",
			[]string{"bzip2 " + bzip2.version, bzip2.sha256, wrong}},
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

// The patch a cpython.library tag names is in the library every C target links, headers
// and archive alike: the patched bzlib.h defines a macro of its own, and the patched
// BZ2_bzlibVersion returns its version text with "+patched" after it. The patch's context
// is code that no bzip2 release has changed, not its version text.
func TestAPatchedLibraryIsTheOneCTargetsLink(t *testing.T) {
	dir := tagsWorkspace(t, "patched-library")
	// One patch per file: Bazel's patcher applied the second file's hunks of a two-file
	// patch to the wrong file ("the position of chunk > target size").
	patches := map[string]string{
		"bzlib-c.patch": `--- a/bzlib.c
+++ b/bzlib.c
@@ -1365,7 +1365,7 @@
 --*/
 const char * BZ_API(BZ2_bzlibVersion)(void)
 {
-   return BZ_VERSION;
+   return BZ_VERSION "+patched";
 }
 
 
`,
		"bzlib-h.patch": `--- a/bzlib.h
+++ b/bzlib.h
@@ -275,6 +275,8 @@
 }
 #endif
 
+#define BZ_RULES_CPYTHON_PATCHED 1
+
 #endif
 
 /*-------------------------------------------------------------*/
`,
	}
	for name, patch := range patches {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(patch), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bzip2_version_test.c"), []byte(`#include <bzlib.h>
#include <stdio.h>
#include <string.h>

#ifndef BZ_RULES_CPYTHON_PATCHED
#error "bzlib.h is not the patched one"
#endif

int main(void) {
  const char *version = BZ2_bzlibVersion();
  size_t n = strlen(version), suffix = strlen("+patched");
  printf("%s\n", version);
  return !(n > suffix && strcmp(version + n - suffix, "+patched") == 0);
}
`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "BUILD.bazel"), []byte(`load("@rules_cc//cc:defs.bzl", "cc_test")

exports_files(glob(["*.patch"]))

cc_test(
    name = "bzip2_version_test",
    srcs = ["bzip2_version_test.c"],
    deps = ["@cpython//third_party/bzip2"],
)
`), 0o644))
	writeModule(t, dir, `cpython.library(name = "bzip2", patches = ["//:bzlib-c.patch", "//:bzlib-h.patch"], patch_args = ["-p1"])`+"\n")
	err, out := bazelIn(t, dir, "test", "--test_output=all", "//:bzip2_version_test")
	require.NoError(t, err, out)
	require.Contains(t, out, pinnedLibrary(t, "bzip2").version+", ")
	require.Contains(t, out, "+patched\n")
}
