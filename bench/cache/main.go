// Command cache measures, in one run, how a team shares builds of //:python: a cold build
// in one checkout uploads to a real HTTP cache (nginx with WebDAV, on 127.0.0.1) and to a
// fresh disk cache; a second checkout at another path, with a fresh output base, then
// builds with only the HTTP cache, and a third with only the disk cache; a fourth builds
// cold through a real remote-execution service (buildbox-casd with the bubblewrap runner,
// tools/remoteexec). It writes the actions each build executed, its cache hits, the bytes
// moved, the wall times and the size of the build tool set to a Markdown file. Run it as
// root from the workspace (it uses tools/bazel and, without nginx or buildbox on PATH, the
// offline toolbox's):
//
//	go run ./bench/cache -out docs/benchmarks.md
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/bench/internal/mdsection"
	"github.com/rules-cpython/rules_cpython/tools/remotecache"
	"github.com/rules-cpython/rules_cpython/tools/remoteexec"
)

func main() {
	out := flag.String("out", "docs/benchmarks.md", "Markdown file to write")
	scratch := flag.String("scratch", "/var/cache/cpython-offline-bazel/bench-cache", "folder for the output bases and the disk cache (visible inside the toolbox)")
	flag.Parse()
	if err := run(*out, *scratch); err != nil {
		fmt.Fprintf(os.Stderr, "cache: %v\n", err)
		os.Exit(1)
	}
}

type row struct {
	name, caches string
	build        remotecache.Build
	traffic      string
}

func run(out, scratch string) error {
	bench, err := remotecache.StartBench(scratch, ".rules_cpython-bench-cache-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(bench.Checkouts)
	workspace, bazel, checkouts := bench.Workspace, bench.Bazel, bench.Checkouts
	server, err := remotecache.Start(filepath.Join(checkouts, "nginx"), remotecache.Launcher(workspace, "nginx"), workspace)
	if err != nil {
		return err
	}
	defer server.Stop()
	disk := filepath.Join(scratch, "disk-cache")
	base, err := remoteexec.FindBase(bazel, workspace)
	if err != nil {
		return err
	}
	casdDir := filepath.Join(checkouts, "buildbox")
	if err := os.MkdirAll(casdDir, 0o755); err != nil {
		return err
	}
	service, err := remoteexec.Start(casdDir, remoteexec.BaseBinds(base), 2, remotecache.Launcher(workspace, "buildbox-casd"), workspace)
	if err != nil {
		return err
	}
	defer service.Stop()

	var rows []row
	var toolSet size
	lines := 0
	for _, b := range []struct{ name, caches string }{
		{"cold: first checkout, nothing cached", "HTTP cache + disk cache (both filled)"},
		{"second checkout, other path", "HTTP cache only"},
		{"third checkout, other path", "disk cache only"},
		{"cold: fourth checkout, through buildbox", "remote execution (buildbox-casd, empty)"},
	} {
		checkout := filepath.Join(checkouts, fmt.Sprintf("checkout-%d", len(rows)+1))
		if err := remotecache.CopyCheckout(workspace, checkout); err != nil {
			return err
		}
		outputBase := filepath.Join(scratch, fmt.Sprintf("output-base-%d", len(rows)+1))
		flags := map[string][]string{
			"HTTP cache + disk cache (both filled)": {"--remote_cache=" + server.URL, "--disk_cache=" + disk},
			"HTTP cache only":                       {"--remote_cache=" + server.URL, "--disk_cache="},
			"disk cache only":                       {"--disk_cache=" + disk},
			"remote execution (buildbox-casd, empty)": {"--remote_executor=" + service.Executor, "--disk_cache=",
				"--strategy=GoToolchainBinaryBuild=sandboxed"},
		}[b.caches]
		result, err := remotecache.RunBuild(bazel, checkout, outputBase, []string{"//:python"}, flags...)
		if len(rows) == 0 && err == nil {
			toolSet, err = toolSetSize(outputBase)
		}
		remotecache.Shutdown(bazel, checkout, outputBase)
		if err != nil {
			return err
		}
		traffic, n, err := remotecache.ReadTraffic(server.AccessLog, lines)
		if err != nil {
			return err
		}
		lines = n
		moved := "none"
		if strings.Contains(b.caches, "HTTP") {
			moved = fmt.Sprintf("%d GET hits, %.1f MiB down; %d PUT, %.1f MiB up", traffic.Gets, mib(traffic.BytesSent), traffic.Puts, mib(traffic.BytesReceived))
		}
		rows = append(rows, row{b.name, b.caches, result, moved})
		fmt.Fprintf(os.Stderr, "cache: %s: %s in %s\n", b.name, result.Actions, result.Wall.Round(time.Second))
	}
	diskSize, err := treeSize(disk)
	if err != nil {
		return err
	}
	return mdsection.Replace(out, "# Benchmarks", "cache", report(rows, diskSize, toolSet))
}

type size struct {
	bytes int64
	files int
}

// toolSetSize is the size of the build tool set's repository in an output base: what
// every library and interpreter action lists as inputs.
func toolSetSize(outputBase string) (size, error) {
	dirs, err := filepath.Glob(filepath.Join(outputBase, "external", "*rules_cpython_build_tools"))
	if err != nil || len(dirs) != 1 {
		return size{}, fmt.Errorf("the build tool set's repository in %s: %v %v", outputBase, dirs, err)
	}
	var s size
	err = filepath.Walk(dirs[0], func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			s.bytes += info.Size()
			s.files++
		}
		return err
	})
	return s, err
}

func mib(bytes int64) float64 { return float64(bytes) / (1 << 20) }

func treeSize(dir string) (int64, error) {
	var size int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			size += info.Size()
		}
		return err
	})
	return size, err
}

func report(rows []row, diskSize int64, toolSet size) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Sharing builds of `//:python` through a cache\n\n%s\n\n", mdsection.Provenance("go run ./bench/cache"))
	b.WriteString("Each build is in its own checkout (another path) with a fresh output base. The HTTP cache is nginx with WebDAV `PUT` on 127.0.0.1, started empty; the disk cache is a fresh folder; the remote-execution service is buildbox-casd with its bubblewrap runner (2 jobs) on the same machine, started empty, behind `tools/reapiproxy`. Actions are counted from Bazel's execution log; bytes from nginx's access log.\n\n")
	b.WriteString("| build | caches | library + CPython actions run | their cache hits | all actions run / hits | bytes through the HTTP cache | wall time |\n|---|---|---:|---:|---:|---|---:|\n")
	for _, r := range rows {
		builds := r.build.Actions.Builds()
		total := r.build.Actions.Total()
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d / %d | %s | %s |\n", r.name, r.caches, builds.Executed, builds.Hits,
			total.Executed, total.Hits, r.traffic, r.build.Wall.Round(time.Second))
	}
	fmt.Fprintf(&b, "\nThe disk cache holds %.0f MiB after the cold build. The build tool set, an input of every library and CPython action, is %.0f MiB in %d files. A team points every checkout at one cache in `.bazelrc` ([`remote.md`](remote.md)).\n", mib(diskSize), mib(toolSet.bytes), toolSet.files)
	return b.String()
}
