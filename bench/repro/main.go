// Command repro measures whether an interpreter target builds to the same bytes twice:
// two checkouts at different paths, each with a fresh output base, build it with the
// CPython action forced to run (the libraries may come from the disk cache: the
// reproducibility test in e2e/ covers them), and their install trees are compared file
// by file. It writes how many files differ, of which kinds, and the first differences
// to a Markdown file. The PGO build (the default target) is not part of CI: it takes
// about half an hour on 2 cores, so the e2e test cannot afford it twice.
//
//	go run ./bench/repro -out docs/benchmarks.md
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/bench/internal/mdsection"
	"github.com/rules-cpython/rules_cpython/tools/remotecache"
	"github.com/rules-cpython/rules_cpython/tools/treediff"
)

func main() {
	out := flag.String("out", "docs/benchmarks.md", "Markdown file to write")
	target := flag.String("target", "//:python_3_13_opt", "interpreter target to build twice")
	scratch := flag.String("scratch", "/var/cache/cpython-offline-bazel/bench-repro", "folder for the output bases (visible inside the toolbox)")
	flag.Parse()
	if err := run(*out, *target, *scratch); err != nil {
		fmt.Fprintf(os.Stderr, "repro: %v\n", err)
		os.Exit(1)
	}
}

type build struct {
	tree string
	wall time.Duration
}

func run(out, target, scratch string) error {
	bench, err := remotecache.StartBench(scratch, ".rules_cpython-bench-repro-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(bench.Checkouts)
	workspace, bazel, checkouts := bench.Workspace, bench.Bazel, bench.Checkouts

	var builds []build
	for i := 1; i <= 2; i++ {
		checkout := filepath.Join(checkouts, fmt.Sprintf("checkout-%d", i))
		if err := remotecache.CopyCheckout(workspace, checkout); err != nil {
			return err
		}
		base := filepath.Join(scratch, fmt.Sprintf("output-base-%d", i))
		result, err := remotecache.RunBuild(bazel, checkout, base, []string{target},
			"--modify_execution_info=CpythonBuild=+no-cache", "--remote_cache=")
		if err == nil && (result.Actions["CpythonBuild"] == nil || result.Actions["CpythonBuild"].Executed != 1) {
			err = fmt.Errorf("build %d of %s did not run its CPython action: %s", i, target, result.Actions)
		}
		var tree string
		if err == nil {
			tree, err = installTree(bazel, checkout, base, target)
		}
		if err != nil {
			remotecache.Shutdown(bazel, checkout, base)
			return err
		}
		remotecache.Shutdown(bazel, checkout, base)
		builds = append(builds, build{tree, result.Wall})
		fmt.Fprintf(os.Stderr, "repro: build %d of %s: %s in %s\n", i, target, tree, result.Wall.Round(time.Second))
	}
	res, err := treediff.Compare(builds[0].tree, builds[1].tree, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "repro: %s\n", res.Summary())
	return mdsection.Replace(out, "# Benchmarks", "repro", report(target, builds, res))
}

// installTree is the <name>_install folder of the target's outputs, as cquery lists
// them (the variant's configuration names the output folder).
func installTree(bazel, checkout, base, target string) (string, error) {
	cmd := exec.Command(bazel, "--output_base="+base, "cquery", "--output=files", "--ui_event_filters=-info,-progress", target)
	cmd.Dir = checkout
	files, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cquery of %s in %s: %w", target, checkout, err)
	}
	cmd = exec.Command(bazel, "--output_base="+base, "info", "execution_root")
	cmd.Dir = checkout
	root, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("bazel info execution_root in %s: %w", checkout, err)
	}
	for _, f := range strings.Fields(string(files)) {
		if filepath.Base(f) == "lib" && strings.HasSuffix(filepath.Dir(f), "_install") {
			return filepath.Join(strings.TrimSpace(string(root)), filepath.Dir(f)), nil
		}
	}
	return "", fmt.Errorf("%s lists no <name>_install/lib among its outputs: %s", target, files)
}

// kind groups differing files by what makes them differ.
func kind(path string) string {
	switch {
	case strings.HasSuffix(path, ".pyc"):
		return ".pyc"
	case strings.HasSuffix(path, ".so") || strings.Contains(path, ".so."):
		return "shared objects"
	case strings.HasSuffix(path, ".a") || strings.HasSuffix(path, ".o"):
		return "static archives and objects"
	case strings.Contains(path, "/bin/") || strings.HasPrefix(path, "bin/"):
		return "bin/"
	default:
		return "other"
	}
}

func report(target string, builds []build, res treediff.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Is `%s` reproducible?\n\n%s\n\n", target, mdsection.Provenance("go run ./bench/repro"))
	fmt.Fprintf(&b, "Two checkouts at different paths, each with a fresh output base, built `%s` with its CPython action forced to run (`--modify_execution_info=CpythonBuild=+no-cache`; the libraries came from the disk cache). Wall times: %s and %s. The install trees were compared file by file.\n\n",
		target, builds[0].wall.Round(time.Second), builds[1].wall.Round(time.Second))
	if len(res.Differences) == 0 {
		fmt.Fprintf(&b, "**Reproducible**: %d paths compared, no differences.\n", res.Compared)
		return b.String()
	}
	counts := map[string]int{}
	for _, d := range res.Differences {
		counts[kind(d.Path)]++
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Fprintf(&b, "**Not reproducible**: %d of %d paths differ.\n\n| kind | files that differ |\n|---|---:|\n", len(res.Differences), res.Compared)
	for _, k := range kinds {
		fmt.Fprintf(&b, "| %s | %d |\n", k, counts[k])
	}
	fmt.Fprintf(&b, "\nThe first differences:\n\n```\n%s\n```\n", res.Summary())
	return b.String()
}
