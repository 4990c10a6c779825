// Command phases measures the cold build of interpreters, CPython's action split into
// the steps of the builder's log (configure; for a PGO build the instrumented build, the
// training run and the optimized build with its LTO link; install; checks), side by side
// in one run, and writes them to docs/benchmarks.md. The libraries may come from the disk
// cache; every CPython action runs (a fresh output base, no cache lookup for it). Run it
// as root from the workspace (the toolbox runs Bazel):
//
//	go run ./bench/phases -targets=python_3_13,python_3_13_opt
//
// With -from_workspace it builds nothing and reads the logs of the targets as the
// workspace's own output base has them: the steps of the CPython actions that made those
// outputs, cold, whenever they ran (a log from the disk cache is the log of the action
// that filled it). The wall time of `bazel build` is then not known.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/bench/internal/buildlog"
	"github.com/rules-cpython/rules_cpython/bench/internal/mdsection"
)

func main() {
	out := flag.String("out", "docs/benchmarks.md", "Markdown file to write the section into")
	scratch := flag.String("scratch", "/var/cache/cpython-offline-bazel/bench-phases", "folder for the fresh output base")
	targets := flag.String("targets", "python_3_13,python_3_13_opt", "interpreters to build cold, one after the other (targets of the root package)")
	fromWorkspace := flag.Bool("from_workspace", false, "build nothing: read the logs of the workspace's output base")
	flag.Parse()
	var err error
	if *fromWorkspace {
		err = runFromWorkspace(*out, strings.Split(*targets, ","))
	} else {
		err = run(*out, *scratch, strings.Split(*targets, ","))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "phases: %v\n", err)
		os.Exit(1)
	}
}

// build is one target's cold build: the wall time of `bazel build` and its CPython log's steps.
type build struct {
	Target string
	Wall   time.Duration
	Steps  []buildlog.Step
}

func run(out, scratch string, targets []string) error {
	outputBase := filepath.Join(scratch, "output_base")
	if err := os.RemoveAll(scratch); err != nil {
		return err
	}
	bazel := func(args ...string) *exec.Cmd {
		cmd := exec.Command("tools/bazel", append([]string{"--output_base=" + outputBase}, args...)...)
		cmd.Stderr = os.Stderr
		return cmd
	}
	defer bazel("shutdown").Run()
	var builds []build
	for _, target := range targets {
		label := "//:" + target
		fmt.Fprintf(os.Stderr, "phases: building %s\n", label)
		start := time.Now()
		// No convenience links: they would point the workspace's bazel-bin here.
		cmd := bazel("build", "--symlink_prefix=/", "--modify_execution_info=CpythonBuild=+no-remote-cache", label)
		cmd.Stdout = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("bazel build %s: %w", label, err)
		}
		wall := time.Since(start)
		steps, err := stepsOf(bazel, outputBase, label)
		if err != nil {
			return err
		}
		builds = append(builds, build{target, wall, steps})
	}
	return mdsection.Replace(out, "# Benchmarks", "phases", report(builds, coldIntro))
}

const coldIntro = "Each interpreter's CPython action ran cold, one after the other (the libraries from the disk cache)"

// runFromWorkspace reports the logs of the workspace's own output base.
func runFromWorkspace(out string, targets []string) error {
	info, err := exec.Command("tools/bazel", "info", "output_base").Output()
	if err != nil {
		return fmt.Errorf("bazel info output_base: %w", err)
	}
	outputBase := strings.TrimSpace(string(info))
	bazel := func(args ...string) *exec.Cmd {
		cmd := exec.Command("tools/bazel", args...)
		cmd.Stderr = os.Stderr
		return cmd
	}
	var builds []build
	for _, target := range targets {
		steps, err := stepsOf(bazel, outputBase, "//:"+target)
		if err != nil {
			return err
		}
		builds = append(builds, build{Target: target, Steps: steps})
	}
	return mdsection.Replace(out, "# Benchmarks", "phases", report(builds,
		"Read from the logs of the workspace's output base (`-from_workspace`): each interpreter's CPython action ran cold once, in the builds that made these outputs"))
}

// stepsOf reads the steps of the builder's log of label, which bazel's cquery names
// below outputBase.
func stepsOf(bazel func(...string) *exec.Cmd, outputBase, label string) ([]buildlog.Step, error) {
	files, err := bazel("cquery", "--output=files", "--output_groups=log", label).Output()
	if err != nil {
		return nil, fmt.Errorf("finding the log of %s: %w", label, err)
	}
	log, err := logOf(outputBase, files, label)
	if err != nil {
		return nil, err
	}
	return buildlog.Steps(log)
}

// logOf is the CPython log among the files cquery printed of the output group `log`
// (paths below the execroot; a variant's log is named after the interpreter it configures).
func logOf(outputBase string, files []byte, label string) (string, error) {
	for _, f := range strings.Fields(string(bytes.TrimSpace(files))) {
		if strings.HasSuffix(f, ".log") {
			return filepath.Join(outputBase, "execroot", "_main", f), nil
		}
	}
	return "", fmt.Errorf("no log among the output group log of %s: %q", label, files)
}

// report is a table with a row per step name (in the order they first appear) and a
// column per build.
func report(builds []build, intro string) string {
	var names []string
	seen := map[string]bool{}
	for _, b := range builds {
		for _, s := range b.Steps {
			if !seen[s.Name] {
				seen[s.Name] = true
				names = append(names, s.Name)
			}
		}
	}
	var b strings.Builder
	b.WriteString("## Cold build time, by phase\n\n")
	fmt.Fprintf(&b, "%s %s; the rows are the steps of the builder's log, in seconds. A PGO build runs make three times: the instrumented build, the training run (PROFILE_TASK, on every core the action reserves) and the optimized build, which ends with the LTO link (and BOLT, where enabled).\n\n",
		mdsection.Provenance("go run ./bench/phases"), intro)
	b.WriteString("| step |")
	for _, build := range builds {
		b.WriteString(" " + build.Target + " |")
	}
	b.WriteString("\n|---|")
	for range builds {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	totals := make([]map[string]float64, len(builds))
	for i, build := range builds {
		totals[i] = buildlog.Totals(build.Steps)
	}
	for _, name := range names {
		fmt.Fprintf(&b, "| %s |", name)
		for i := range builds {
			if v, ok := totals[i][name]; ok {
				fmt.Fprintf(&b, " %.0f |", v)
			} else {
				b.WriteString(" – |")
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("| **CPython action, its steps together** |")
	for i := range builds {
		sum := 0.0
		for _, v := range totals[i] {
			sum += v
		}
		fmt.Fprintf(&b, " **%.0f** |", sum)
	}
	b.WriteString("\n")
	if builds[0].Wall > 0 {
		b.WriteString("| **`bazel build`, wall** |")
		for _, build := range builds {
			fmt.Fprintf(&b, " **%.0f** |", build.Wall.Seconds())
		}
		b.WriteString("\n")
	}
	return b.String()
}
