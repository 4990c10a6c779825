// Command crossdist checks, in one run, that a toolbox of another Debian release shares
// the builds of //:python: in a copy of the workspace, the other toolbox (its own gcc,
// perl, make and Go on PATH; tools/offline/provision with CPYTHON_OFFLINE_SUITE) builds
// //:python with only the disk cache that the first toolbox's builds filled, and counts
// what it executed; with -cold, it also builds //:python with no cache at all and compares
// its trees file by file with the workspace's own build. It writes the tool versions of
// both toolboxes, the action counts, the differences and the wall times to a Markdown
// file. Run it as root from a workspace that built //:python in the first toolbox:
//
//	go run ./bench/crossdist -other_root=/opt/cpython-offline-trixie -cold
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/bench/internal/mdsection"
	"github.com/rules-cpython/rules_cpython/tools/remotecache"
	"github.com/rules-cpython/rules_cpython/tools/treediff"
)

// diskCacheInToolbox is where the toolbox's .bazelrc keeps the disk cache (HOME=/root).
const diskCacheInToolbox = "/root/.cache/rules_cpython/disk"

type options struct {
	out, firstRoot, otherRoot, otherCache string
	cold                                  bool
}

func main() {
	var o options
	flag.StringVar(&o.out, "out", "docs/benchmarks.md", "Markdown file to write")
	flag.StringVar(&o.firstRoot, "first_root", envOr("CPYTHON_OFFLINE_ROOT", "/opt/cpython-offline"), "the toolbox whose disk cache the workspace's build filled")
	flag.StringVar(&o.otherRoot, "other_root", "/opt/cpython-offline-trixie", "the toolbox of another Debian release")
	flag.StringVar(&o.otherCache, "other_cache", "/var/cache/cpython-offline-trixie", "the other toolbox's folder of Bazel output bases")
	flag.BoolVar(&o.cold, "cold", false, "also build cold in the other toolbox and compare the trees")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintf(os.Stderr, "crossdist: %v\n", err)
		os.Exit(1)
	}
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// toolVersions runs, inside a toolbox root, what names the versions of the tools on its
// PATH.
func toolVersions(root string) (string, error) {
	out, err := exec.Command("chroot", root, "/bin/sh", "-c",
		`. /etc/os-release; echo "$PRETTY_NAME"; gcc --version | head -1; perl -e 'print "perl $^V\n"'; make --version | head -1; go version`).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("the tools of %s: %w\n%s", root, err, out)
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(string(out), "\n", "; ")), " "), nil
}

type result struct {
	versions [2]string
	warm     remotecache.Build
	cold     *remotecache.Build
	diffs    []string
	compared int
}

func run(o options) error {
	workspace, err := os.Getwd()
	if err != nil {
		return err
	}
	var r result
	for i, root := range []string{o.firstRoot, o.otherRoot} {
		if r.versions[i], err = toolVersions(root); err != nil {
			return err
		}
	}
	here, err := filepath.EvalSymlinks(filepath.Join(workspace, "bazel-bin"))
	if err != nil {
		return fmt.Errorf("the workspace's own build of //:python (bazel-bin): %w", err)
	}

	// The first toolbox's disk cache, seen inside the other one.
	shared := filepath.Join(o.otherRoot, diskCacheInToolbox+"-of-first")
	if err := os.MkdirAll(shared, 0o755); err != nil {
		return err
	}
	if out, err := exec.Command("mount", "--bind", filepath.Join(o.firstRoot, diskCacheInToolbox), shared).CombinedOutput(); err != nil {
		return fmt.Errorf("binding the first toolbox's disk cache: %w\n%s", err, out)
	}
	defer exec.Command("umount", shared).Run()

	checkout, err := os.MkdirTemp(filepath.Dir(workspace), ".rules_cpython-bench-crossdist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(checkout)
	if err := remotecache.CopyCheckout(workspace, checkout); err != nil {
		return err
	}
	env := []string{"CPYTHON_OFFLINE_ROOT=" + o.otherRoot, "CPYTHON_OFFLINE_CACHE=" + o.otherCache}
	bazel := filepath.Join(workspace, "tools", "bazel")
	if err := os.MkdirAll(o.otherCache, 0o755); err != nil {
		return err
	}
	build := func(name string, flags ...string) (remotecache.Build, string, error) {
		base := filepath.Join(o.otherCache, "crossdist-"+name)
		_ = os.RemoveAll(base)
		b, err := remotecache.RunBuildWith(env, bazel, checkout, base, []string{"//:python"}, append(flags, "--remote_download_outputs=all")...)
		remotecache.ShutdownWith(env, bazel, checkout, base)
		fmt.Fprintf(os.Stderr, "crossdist: %s: %s in %s\n", name, b.Actions, b.Wall.Round(time.Second))
		return b, filepath.Join(base, "execroot", "_main", "bazel-out", "k8-fastbuild", "bin"), err
	}
	if r.warm, _, err = build("warm", "--disk_cache="+diskCacheInToolbox+"-of-first"); err != nil {
		return err
	}
	if o.cold {
		cold, there, err := build("cold", "--disk_cache=")
		if err != nil {
			return err
		}
		r.cold = &cold
		for _, tree := range treediff.PythonTrees {
			res, err := treediff.Covers(filepath.Join(here, tree), filepath.Join(there, tree), treediff.SkipBuildRecords)
			if err != nil {
				return err
			}
			r.compared += res.Compared
			for _, d := range res.Differences {
				r.diffs = append(r.diffs, tree+"/"+d.String())
			}
		}
	}
	return mdsection.Replace(o.out, "# Benchmarks", "crossdist", report(r))
}

func report(r result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## One cache for toolboxes of two Debian releases\n\n%s\n\n", mdsection.Provenance("go run ./bench/crossdist"))
	fmt.Fprintf(&b, "| toolbox | its tools |\n|---|---|\n| first (filled the cache) | %s |\n| other | %s |\n\n", r.versions[0], r.versions[1])
	b.WriteString("The other toolbox builds `//:python` in a copy of the workspace, with a fresh output base and only the first toolbox's disk cache.\n\n")
	b.WriteString("| build in the other toolbox | library + CPython actions run | their cache hits | all actions run / hits | wall time |\n|---|---:|---:|---:|---:|\n")
	row := func(name string, build remotecache.Build) {
		builds, total := build.Actions.Builds(), build.Actions.Total()
		fmt.Fprintf(&b, "| %s | %d | %d | %d / %d | %s |\n", name, builds.Executed, builds.Hits, total.Executed, total.Hits, build.Wall.Round(time.Second))
	}
	row("first toolbox's disk cache only", r.warm)
	if r.cold != nil {
		row("no cache (cold)", *r.cold)
		fmt.Fprintf(&b, "\nIts cold build against the first toolbox's, file by file (%s): %d paths compared, %d differ.\n", strings.Join(treediff.PythonTrees, ", "), r.compared, len(r.diffs))
		for _, d := range r.diffs {
			fmt.Fprintf(&b, "- %s\n", d)
		}
	}
	return b.String()
}
