// Command interp runs the workloads of bench/interp/workloads on several interpreters
// side by side, in one run on one machine, and writes the times and the geometric-mean
// speedups into docs/benchmarks.md. It needs the offline toolbox (the interpreters run in
// it) and root (chroot); run it from the workspace:
//
//	go run ./bench/interp -targets=python_3_13,python_3_13_opt,python_3_13_clang_opt
//
// The first target is the baseline; Debian's python3.13 from the machine's apt mirror
// joins when it has one.
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/rules-cpython/rules_cpython/bench/internal/mdsection"
	"github.com/rules-cpython/rules_cpython/bench/internal/toolbox"
)

func main() {
	out := flag.String("out", "docs/benchmarks.md", "Markdown file to write the section into")
	root := flag.String("toolbox", "/opt/cpython-offline", "offline toolbox root")
	scratch := flag.String("scratch", "/var/cache/cpython-offline-bazel/bench-interp", "folder for Debian's interpreter (seen at the same path inside the toolbox)")
	runs := flag.Int("runs", 5, "runs of each workload on each interpreter, after one warm-up run")
	targets := flag.String("targets", "python_3_13,python_3_13_opt,python_3_13_clang_opt,python_3_13_clang_opt_bolt", "interpreters to build and compare (names of the root package or labels, comma-separated); the first is the baseline")
	section := flag.String("section", "interpreter", "section of the file to write (an experiment's own, so that the named variants' stays)")
	title := flag.String("title", "Interpreter speed: the named variants beside the default build and Debian's python3.13", "heading of the section")
	flag.Parse()
	if err := run(*out, *root, *scratch, *runs, strings.Split(*targets, ","), *section, *title); err != nil {
		fmt.Fprintf(os.Stderr, "interp: %v\n", err)
		os.Exit(1)
	}
}

// interpreter is one column of the table. An experiment (a target outside the root
// package, such as //bench/interp's) is measured but is no named variant a user builds.
type interpreter struct {
	Name, Path string
	Experiment bool
}

const debian = "Debian python3.13"

// samples are the times of one workload, by interpreter.
type samples map[string][]float64

func run(out, root, scratch string, runs int, targets []string, sectionName, title string) error {
	workspace, err := os.Getwd()
	if err != nil {
		return err
	}
	if len(targets) == 0 || targets[0] == "" {
		return fmt.Errorf("-targets names no interpreter")
	}
	labels := make([]string, len(targets))
	for i, t := range targets {
		labels[i] = label(t)
	}
	fmt.Fprintf(os.Stderr, "interp: building %s\n", strings.Join(labels, " "))
	build := exec.Command("tools/bazel", append([]string{"build"}, labels...)...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("bazel build: %w", err)
	}
	var interpreters []interpreter
	for _, t := range targets {
		interpreters = append(interpreters, interpreter{name(t), filepath.Join(workspace, "bazel-bin", binPath(t)), !strings.HasPrefix(label(t), "//:")})
	}
	debianNote := ""
	if path, err := debianPython(root, scratch); err != nil {
		debianNote = fmt.Sprintf("Debian's python3.13 is left out: %v.", err)
		fmt.Fprintln(os.Stderr, "interp: "+debianNote)
	} else {
		interpreters = append(interpreters, interpreter{Name: debian, Path: path})
	}

	workloads, err := filepath.Glob(filepath.Join(workspace, "bench", "interp", "workloads", "*.py"))
	if err != nil || len(workloads) == 0 {
		return fmt.Errorf("no workloads in bench/interp/workloads (run from the workspace root)")
	}
	sort.Strings(workloads)
	versions := map[string]string{}
	for _, in := range interpreters {
		v, err := chrootOutput(root, in.Path, "-c", "import sys, sysconfig; print(sys.version.split()[0], sysconfig.get_config_var('CC').split()[0], sysconfig.get_config_var('CONFIG_ARGS'))")
		if err != nil {
			return fmt.Errorf("%s does not start: %w", in.Name, err)
		}
		versions[in.Name] = v
	}
	times := map[string]samples{}
	for _, w := range workloads {
		name := strings.TrimSuffix(filepath.Base(w), ".py")
		times[name] = samples{}
		// One warm-up run each (page cache, CPU frequency), then the runs, interleaved
		// so that a slow spell of the machine hits every interpreter.
		for i := -1; i < runs; i++ {
			for _, in := range interpreters {
				s, err := timeWorkload(root, in.Path, w)
				if err != nil {
					return fmt.Errorf("%s on %s: %w", name, in.Name, err)
				}
				if i >= 0 {
					times[name][in.Name] = append(times[name][in.Name], s)
				}
			}
		}
		fmt.Fprintf(os.Stderr, "interp: %s %v\n", name, times[name])
	}
	section := report(title, interpreters, versions, times, runs, debianNote)
	return mdsection.Replace(out, "# Benchmarks", sectionName, section)
}

// debianPython unpacks Debian's python3.13 from the machine's apt sources into scratch
// (the toolbox stays as it is) and returns the interpreter's path.
func debianPython(root, scratch string) (string, error) {
	dir := filepath.Join(scratch, "debian")
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	script := "cd " + dir + " && apt-get download -q python3.13 python3.13-minimal libpython3.13-minimal libpython3.13-stdlib >/dev/null" +
		" && for deb in *.deb; do dpkg-deb -x \"$deb\" root; done"
	cmd := toolbox.Shell(root, toolbox.PlainEnv(), script)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("apt-get download python3.13 in the toolbox: %w", err)
	}
	return filepath.Join(dir, "root", "usr", "bin", "python3.13"), nil
}

func chrootOutput(root, program string, args ...string) (string, error) {
	cmd := toolbox.Command(root, []string{"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"}, append([]string{program}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// timeWorkload runs one workload; the workload prints the seconds its work took.
func timeWorkload(root, program, workload string) (float64, error) {
	out, err := chrootOutput(root, program, "-I", workload)
	if err != nil {
		return 0, err
	}
	lines := strings.Split(out, "\n")
	return strconv.ParseFloat(lines[len(lines)-1], 64)
}

// label of a -targets entry: a name of the root package, or a label.
func label(target string) string {
	if strings.HasPrefix(target, "//") {
		return target
	}
	return "//:" + target
}

// name is the target's name, the column of the table.
func name(target string) string {
	l := label(target)
	return l[strings.LastIndex(l, ":")+1:]
}

// binPath is where bazel-bin has the target's launcher.
func binPath(target string) string {
	pkg, n, _ := strings.Cut(strings.TrimPrefix(label(target), "//"), ":")
	return filepath.Join(pkg, n)
}

// median of a workload's runs (the sorted middle; the mean of the two middle ones).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	sorted := append([]float64{}, xs...)
	sort.Float64s(sorted)
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func spread(xs []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}

// geomean of the ratios base/other of a statistic of the runs (median, fastest) over the
// workloads both ran.
func geomean(times map[string]samples, base, other string, stat func([]float64) float64) float64 {
	sum, n := 0.0, 0
	for _, t := range times {
		b, o := stat(t[base]), stat(t[other])
		if !math.IsNaN(b) && !math.IsNaN(o) && o > 0 {
			sum += math.Log(b / o)
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return math.Exp(sum / float64(n))
}

// fastest of a workload's runs: the run the machine disturbed least (NaN for none).
func fastest(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	lo, _ := spread(xs)
	return lo
}

func report(title string, interpreters []interpreter, versions map[string]string, times map[string]samples, runs int, debianNote string) string {
	baseline := interpreters[0].Name
	var b strings.Builder
	b.WriteString("## " + title + "\n\n")
	fmt.Fprintf(&b, "%s Each workload of `bench/interp/workloads` ran once to warm up and then %d times on each interpreter, interleaved; each cell is the median in seconds, with the fastest and slowest run.\n\n",
		mdsection.Provenance("go run ./bench/interp"), runs)
	for _, in := range interpreters {
		fmt.Fprintf(&b, "- %s: `%s`\n", in.Name, versions[in.Name])
	}
	if debianNote != "" {
		b.WriteString("- " + debianNote + "\n")
	}
	b.WriteString("\n| workload |")
	for _, in := range interpreters {
		b.WriteString(" " + in.Name + " |")
	}
	b.WriteString("\n|---|")
	for range interpreters {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	names := make([]string, 0, len(times))
	for name := range times {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(&b, "| %s |", name)
		for _, in := range interpreters {
			lo, hi := spread(times[name][in.Name])
			fmt.Fprintf(&b, " %.3f (%.3f–%.3f) |", median(times[name][in.Name]), lo, hi)
		}
		b.WriteString("\n")
	}
	_, haveDebian := versions[debian]
	b.WriteString("\nGeometric mean of the speedups: of the medians, and (in brackets) of the fastest runs, the runs that the machine's other work disturbed least:\n\n| interpreter | over " + baseline + " |")
	if haveDebian {
		b.WriteString(" over Debian's python3.13 |")
	}
	b.WriteString("\n|---|---:|")
	if haveDebian {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	best, bestSpeedup := "", 0.0
	for _, in := range interpreters {
		speedup := geomean(times, baseline, in.Name, median)
		shown := in.Name
		if in.Experiment {
			shown += " (experiment)"
		}
		fmt.Fprintf(&b, "| %s | **%.2f×** (%.2f×) |", shown, speedup, geomean(times, baseline, in.Name, fastest))
		if haveDebian {
			fmt.Fprintf(&b, " **%.2f×** (%.2f×) |", geomean(times, debian, in.Name, median), geomean(times, debian, in.Name, fastest))
		}
		b.WriteString("\n")
		if in.Name != debian && in.Name != baseline && !in.Experiment && speedup > bestSpeedup {
			best, bestSpeedup = in.Name, speedup
		}
	}
	if best != "" {
		fmt.Fprintf(&b, "\nFastest named variant by the medians: `%s`, **%.2f×** `%s` (target: at least 1.25×)", best, bestSpeedup, baseline)
		if haveDebian {
			fmt.Fprintf(&b, " and **%.2f×** Debian's python3.13 (target: at least 1.10×)", geomean(times, debian, best, median))
		}
		b.WriteString(".\n")
	}
	return b.String()
}
