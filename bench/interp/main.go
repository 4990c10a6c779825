// Command interp runs the pure-Python workloads of bench/interp/workloads on several
// interpreters side by side, in one run on one machine, and writes the times and the
// geometric-mean speedups into docs/benchmarks.md. It needs the offline toolbox (the
// interpreters target its glibc) and root (chroot); run it from the workspace:
//
//	go run ./bench/interp
//
// The interpreters: //:python_3_13 (defaults), //:python_3_13_opt (PGO + LTO), and
// Debian's python3.13 from the machine's apt mirror when it has one.
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
	runs := flag.Int("runs", 5, "runs of each workload on each interpreter (the fastest counts)")
	flag.Parse()
	if err := run(*out, *root, *scratch, *runs); err != nil {
		fmt.Fprintf(os.Stderr, "interp: %v\n", err)
		os.Exit(1)
	}
}

// interpreter is one column of the table.
type interpreter struct{ Name, Path string }

const (
	baseline  = "python_3_13"
	optimized = "python_3_13_opt"
	debian    = "Debian python3.13"
)

func run(out, root, scratch string, runs int) error {
	workspace, err := os.Getwd()
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "interp: building //:python_3_13 and //:python_3_13_opt")
	build := exec.Command("tools/bazel", "build", "//:"+baseline, "//:"+optimized)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("bazel build: %w", err)
	}
	interpreters := []interpreter{
		{baseline, filepath.Join(workspace, "bazel-bin", baseline)},
		{optimized, filepath.Join(workspace, "bazel-bin", optimized)},
	}
	debianNote := ""
	if path, err := debianPython(root, scratch); err != nil {
		debianNote = fmt.Sprintf("Debian's python3.13 is left out: %v.", err)
		fmt.Fprintln(os.Stderr, "interp: "+debianNote)
	} else {
		interpreters = append(interpreters, interpreter{debian, path})
	}

	workloads, err := filepath.Glob(filepath.Join(workspace, "bench", "interp", "workloads", "*.py"))
	if err != nil || len(workloads) == 0 {
		return fmt.Errorf("no workloads in bench/interp/workloads (run from the workspace root)")
	}
	sort.Strings(workloads)
	versions := map[string]string{}
	for _, in := range interpreters {
		v, err := chrootOutput(root, in.Path, "-c", "import sys, sysconfig; print(sys.version.split()[0], sysconfig.get_config_var('CONFIG_ARGS'))")
		if err != nil {
			return fmt.Errorf("%s does not start: %w", in.Name, err)
		}
		versions[in.Name] = v
	}
	times := map[string]map[string]float64{}
	for _, w := range workloads {
		name := strings.TrimSuffix(filepath.Base(w), ".py")
		times[name] = map[string]float64{}
		for i := 0; i < runs; i++ {
			// Interleaved, so that a slow spell of the machine hits every interpreter.
			for _, in := range interpreters {
				s, err := timeWorkload(root, in.Path, w)
				if err != nil {
					return fmt.Errorf("%s on %s: %w", name, in.Name, err)
				}
				if best, ok := times[name][in.Name]; !ok || s < best {
					times[name][in.Name] = s
				}
			}
		}
		fmt.Fprintf(os.Stderr, "interp: %s %v\n", name, times[name])
	}
	section := report(interpreters, versions, times, runs, debianNote)
	return mdsection.Replace(out, "# Benchmarks", "interpreter", section)
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

// geomean of the ratios base/other over the workloads.
func geomean(times map[string]map[string]float64, base, other string) float64 {
	sum, n := 0.0, 0
	for _, t := range times {
		b, okB := t[base]
		o, okO := t[other]
		if okB && okO && o > 0 {
			sum += math.Log(b / o)
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return math.Exp(sum / float64(n))
}

func report(interpreters []interpreter, versions map[string]string, times map[string]map[string]float64, runs int, debianNote string) string {
	var b strings.Builder
	b.WriteString("## Interpreter speed: `python_3_13_opt` beside `python_3_13` and Debian's python3.13\n\n")
	fmt.Fprintf(&b, "%s Each workload of `bench/interp/workloads` ran %d times on each interpreter, interleaved; the table has the fastest run in seconds.\n\n",
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
	b.WriteString(" speedup of opt |\n|---|")
	for range interpreters {
		b.WriteString("---:|")
	}
	b.WriteString("---:|\n")
	names := make([]string, 0, len(times))
	for name := range times {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(&b, "| %s |", name)
		for _, in := range interpreters {
			fmt.Fprintf(&b, " %.3f |", times[name][in.Name])
		}
		fmt.Fprintf(&b, " %.2f× |\n", times[name][baseline]/times[name][optimized])
	}
	speedup := geomean(times, baseline, optimized)
	fmt.Fprintf(&b, "\nGeometric mean speedup of `python_3_13_opt` over `python_3_13`: **%.2f×** (target: at least 1.2×).\n", speedup)
	if _, ok := versions[debian]; ok {
		fmt.Fprintf(&b, "Geometric mean speedup of `python_3_13_opt` over Debian's python3.13: **%.2f×** (target: at least 1.0×, not slower).\n", geomean(times, debian, optimized))
	}
	return b.String()
}
