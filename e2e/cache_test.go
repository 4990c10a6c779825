//go:build e2e

package e2e

import (
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/remotecache"
	"github.com/rules-cpython/rules_cpython/tools/treediff"
)

// besideWorkspace makes a folder next to the workspace: the offline toolbox sees the
// workspace's parent at the same path, and nothing of this machine's /tmp.
func besideWorkspace(t *testing.T, pattern string) string {
	t.Helper()
	dir, err := os.MkdirTemp(filepath.Dir(workspace(t)), pattern)
	require.NoError(t, err)
	t.Cleanup(func() { removeAll(dir) })
	return dir
}

// removeAll removes a tree that Bazel made read-only.
func removeAll(dir string) {
	_ = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() {
			_ = os.Chmod(path, 0o755)
		}
		return nil
	})
	_ = os.RemoveAll(dir)
}

// copyCheckout copies the workspace, as git sees it, into a folder beside it: another
// checkout, at another path.
func copyCheckout(t *testing.T, name string) string {
	t.Helper()
	dest := besideWorkspace(t, ".rules_cpython-e2e-"+name+"-")
	require.NoError(t, remotecache.CopyCheckout(workspace(t), dest))
	return dest
}

// freshOutputBase is an output base no build has used, in the folder that holds the
// toolbox's output bases (mounted inside it), or in a temporary folder without it.
func freshOutputBase(t *testing.T, name string) string {
	t.Helper()
	parent := os.Getenv("CPYTHON_OFFLINE_CACHE")
	if parent == "" {
		parent = "/var/cache/cpython-offline-bazel"
	}
	if _, err := os.Stat(parent); err != nil {
		parent = t.TempDir()
	}
	dir, err := os.MkdirTemp(parent, "e2e-"+name+"-")
	require.NoError(t, err)
	t.Cleanup(func() { removeAll(dir) })
	return dir
}

// startCache runs nginx, from this machine's PATH or else inside the offline toolbox.
func startCache(t *testing.T) *remotecache.Server {
	t.Helper()
	dir := besideWorkspace(t, ".rules_cpython-e2e-cache-")
	var launch []string
	if _, err := exec.LookPath("nginx"); err != nil {
		launch = []string{filepath.Join(workspace(t), "tools", "offline", "run")}
	}
	server, err := remotecache.Start(dir, launch, workspace(t))
	require.NoError(t, err)
	t.Cleanup(server.Stop)
	return server
}

// build runs one build of //:python in a checkout with its own output base.
func build(t *testing.T, checkout, outputBase string, flags ...string) remotecache.Build {
	t.Helper()
	bazel := filepath.Join(workspace(t), "tools", "bazel")
	t.Cleanup(func() { remotecache.Shutdown(bazel, checkout, outputBase) })
	b, err := remotecache.RunBuild(bazel, checkout, outputBase, []string{"//:python"}, flags...)
	require.NoError(t, err)
	return b
}

func bazelBin(t *testing.T, checkout string, startup ...string) string {
	t.Helper()
	err, out := bazelIn(t, checkout, append(startup, "info", "bazel-bin")...)
	require.NoError(t, err, out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

// The trees //:python builds: the interpreter's install tree and its copy of
// libpython, and each library's install tree. Logs and params files are the build's
// own records, not outputs.
var outputTrees = []string{"python_install", "python_embed", "third_party"}

func skipRecords(rel string) bool {
	return strings.HasSuffix(rel, ".log") || strings.HasSuffix(rel, ".params") ||
		strings.HasSuffix(rel, ".runfiles") || strings.HasSuffix(rel, ".runfiles_manifest") ||
		strings.HasSuffix(rel, ".repo_mapping")
}

// One cold build of //:python in a second checkout (another path, a fresh output base, no
// disk cache) executes every action and uploads the results to a real HTTP cache; its
// outputs must be byte-identical to this checkout's. A third checkout then builds with
// only that cache and must execute no library or CPython action.
func TestASecondCheckoutBuildsTheSameBytesAndAThirdGetsThemFromARemoteCache(t *testing.T) {
	// The trees compared are not all top-level outputs (python_embed, third_party):
	// when this build takes them from the disk cache, only --remote_download_outputs=all
	// puts them on disk (Bazel 7's default downloads top-level outputs alone).
	err, out := bazel(t, "build", "--remote_download_outputs=all", "//:python", "//:python_3_13_dist")
	require.NoError(t, err, out)
	here := bazelBin(t, workspace(t))
	server := startCache(t)
	remote := []string{"--disk_cache=", "--remote_cache=" + server.URL}

	second, secondBase := copyCheckout(t, "second"), freshOutputBase(t, "second")
	cold := build(t, second, secondBase, remote...)
	for _, m := range remotecache.BuildMnemonics {
		require.NotNil(t, cold.Actions[m], "the cold build ran no %s: %s", m, cold.Actions)
		require.Zero(t, cold.Actions[m].Hits, "the cold build found %s in a cache that was empty", m)
	}
	uploaded, lines, err := remotecache.ReadTraffic(server.AccessLog, 0)
	require.NoError(t, err)
	require.NotZero(t, uploaded.Puts)

	there := bazelBin(t, second, "--output_base="+secondBase)
	for _, tree := range outputTrees {
		// This checkout's output tree may hold more (other releases' libraries): every
		// file the second build made must be here, with the same bytes.
		res, err := treediff.Covers(filepath.Join(here, tree), filepath.Join(there, tree), skipRecords)
		require.NoError(t, err)
		require.Greater(t, res.Compared, 0, tree)
		if len(res.Differences) > 0 {
			t.Fatalf("%s, %s (here) against %s (another checkout and output base): %s", tree, here, there, res.Summary())
		}
		t.Logf("%s: %s", tree, res.Summary())
	}
	// The trees' modes are Bazel's; which files are programs is in the build info.
	hereInfo, err := os.ReadFile(filepath.Join(here, "python_build_info.json"))
	require.NoError(t, err)
	thereInfo, err := os.ReadFile(filepath.Join(there, "python_build_info.json"))
	require.NoError(t, err)
	require.Equal(t, string(hereInfo), string(thereInfo), "the build info of both checkouts")

	third, thirdBase := copyCheckout(t, "third"), freshOutputBase(t, "third")
	warm := build(t, third, thirdBase, remote...)
	downloaded, _, err := remotecache.ReadTraffic(server.AccessLog, lines)
	require.NoError(t, err)
	for _, m := range remotecache.BuildMnemonics {
		require.NotNil(t, warm.Actions[m], "the third checkout's build has no %s: %s", m, warm.Actions)
		require.Zero(t, warm.Actions[m].Executed, "the third checkout executed %s actions: %s", m, warm.Actions)
	}

	// The distribution archive, made again in the third output base from the cached
	// interpreter: the archive action itself runs there, and gives the same bytes.
	dist := build(t, third, thirdBase, append(remote, "--modify_execution_info=CpythonDist=+no-remote-cache", "//:python_3_13_dist")...)
	require.NotNil(t, dist.Actions["CpythonDist"], dist.Actions)
	require.Equal(t, 1, dist.Actions["CpythonDist"].Executed, dist.Actions)
	hereDist, err := os.ReadFile(filepath.Join(here, "python_3_13_dist.tar.gz"))
	require.NoError(t, err)
	thereDist, err := os.ReadFile(filepath.Join(bazelBin(t, third, "--output_base="+thirdBase), "python_3_13_dist.tar.gz"))
	require.NoError(t, err)
	require.Equal(t, sha256.Sum256(hereDist), sha256.Sum256(thereDist), "python_3_13_dist.tar.gz from two output bases")

	t.Logf("cold build, another checkout: %s, %d uploads (%d bytes): %s", cold.Wall.Round(time.Second), uploaded.Puts, uploaded.BytesReceived, cold.Actions)
	t.Logf("from the remote cache, a third checkout: %s, %d downloads (%d bytes): %s", warm.Wall.Round(time.Second), downloaded.Gets, downloaded.BytesSent, warm.Actions)
}
