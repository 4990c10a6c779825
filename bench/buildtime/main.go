// Command buildtime measures, in one run on one machine, the cold build of //:python split
// by action (each library, the builder, CPython) beside a plain `./configure && make -j2`
// of the same CPython source in the same toolbox, and writes the figures to a Markdown
// file. It needs the offline toolbox (run it as root from the workspace):
//
//	go run ./bench/buildtime -out docs/benchmarks.md
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/bench/internal/buildlog"
	"github.com/rules-cpython/rules_cpython/bench/internal/mdsection"
	"github.com/rules-cpython/rules_cpython/bench/internal/toolbox"
	"github.com/rules-cpython/rules_cpython/tools/remotecache"
)

func main() {
	out := flag.String("out", "docs/benchmarks.md", "Markdown file to write")
	root := flag.String("toolbox", "/opt/cpython-offline", "offline toolbox root (for the plain build)")
	scratch := flag.String("scratch", "/var/cache/cpython-offline-bazel/bench", "folder for the cold output base and the plain build")
	rounds := flag.Int("rounds", 3, "how many times the CPython action and each build by hand run, taking turns")
	flag.Parse()
	if err := run(*out, *root, *scratch, max(*rounds, 1)); err != nil {
		fmt.Fprintf(os.Stderr, "buildtime: %v\n", err)
		os.Exit(1)
	}
}

// action is one spawn of the execution log.
type action struct {
	Label, Mnemonic string
	Seconds         float64
}

// cpythonRun is one run of the CPython action: its time and the steps of its log.
type cpythonRun struct {
	Seconds float64
	Steps   map[string]float64
}

// builderSteps are the builder's own steps (no make or configure in them), in the
// order they run, as its log names them, with what each row of the report says.
var builderSteps = []struct{ name, meaning string }{
	{"copy inputs", "copying the sources and the libraries' install trees into the scratch folder"},
	{"copy test suite", "installing the test suite (without .pyc files)"},
	{"relocate", "Tcl/Tk run-time files, the scratch path rewritten in text files; sysconfig, pkg-config and python3-config made to follow the tree"},
	{"compile changed", "compiling the .pyc files of the Python files rewritten after make install"},
	{"check", ".pyc, extension-module and ELF checks"},
	{"remove scratch", "removing the scratch folder"},
}

// reported are the steps with a row of their own.
func reported(step string) bool {
	if step == "configure" || step == "make" || step == "install" {
		return true
	}
	for _, s := range builderSteps {
		if s.name == step {
			return true
		}
	}
	return false
}

// unaccounted is the part of the action's time, as the execution log gives it, that the
// builder's log does not account for.
func (r cpythonRun) unaccounted() float64 {
	rest := r.Seconds
	for _, seconds := range r.Steps {
		rest -= seconds
	}
	return rest
}

// others are the log's steps that the report has no row for.
func (r cpythonRun) others() float64 {
	sum := 0.0
	for step, seconds := range r.Steps {
		if !reported(step) {
			sum += seconds
		}
	}
	return sum
}

// The machine's speed drifts by several per cent over the minutes of a build, as much as
// the difference being measured; so the CPython action and the same build by hand take
// turns, and each is represented by its fastest run.
func run(out, root, scratch string, rounds int) error {
	if err := os.RemoveAll(scratch); err != nil {
		return fmt.Errorf("clearing %s: %w", scratch, err)
	}
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		return err
	}
	outputBase := filepath.Join(scratch, "output_base")
	bazel := func(args ...string) *exec.Cmd {
		cmd := exec.Command("tools/bazel", append([]string{"--output_base=" + outputBase}, args...)...)
		cmd.Stderr = os.Stderr
		return cmd
	}
	build := func(execLog string) (time.Duration, error) {
		cmd := bazel("build", "--disk_cache=", "--symlink_prefix=/", "--execution_log_json_file="+execLog, "//:python")
		cmd.Stdout = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return 0, fmt.Errorf("bazel build: %w", err)
		}
		return time.Since(start), nil
	}

	fmt.Fprintln(os.Stderr, "buildtime: cold build of //:python (fresh output base, no disk cache)")
	execLog := filepath.Join(scratch, "exec.json")
	total, err := build(execLog)
	if err != nil {
		return err
	}
	actions, err := readExecutionLog(execLog)
	if err != nil {
		return err
	}
	execroot, err := bazel("info", "execution_root").Output()
	if err != nil {
		return fmt.Errorf("bazel info: %w", err)
	}
	graph, err := bazel("aquery", "mnemonic(CpythonBuild, //:python)", "--include_param_files", "--output=jsonproto").Output()
	if err != nil {
		return fmt.Errorf("bazel aquery: %w", err)
	}
	outputs, err := cpythonOutputs(graph, strings.TrimSpace(string(execroot)))
	if err != nil {
		return err
	}
	version, err := pythonVersion(outputs.buildInfo)
	if err != nil {
		return err
	}
	first, err := cpythonRunOf(actions, outputs.log)
	if err != nil {
		return err
	}
	runs := []cpythonRun{first}
	same, err := readReplay(outputs.log)
	if err != nil {
		return err
	}
	if same.Deps, err = depTrees(graph); err != nil {
		return err
	}

	var sameTimes, plainRuns []plainTimes
	for round := 1; ; round++ {
		// Nothing of Bazel's runs beside a build by hand.
		if err := bazel("shutdown").Run(); err != nil {
			return fmt.Errorf("bazel shutdown: %w", err)
		}
		fmt.Fprintf(os.Stderr, "buildtime: the same configure && make -j2 by hand (%d of %d): the logged arguments, environment and libraries\n", round, rounds)
		times, err := plainSameBuild(root, version, filepath.Join(scratch, "plain-same"), strings.TrimSpace(string(execroot)), same)
		if err != nil {
			return err
		}
		sameTimes = append(sameTimes, times)
		fmt.Fprintf(os.Stderr, "buildtime: plain ./configure && make -j2 in the toolbox (%d of %d)\n", round, rounds)
		plain, err := plainBuild(root, version)
		if err != nil {
			return err
		}
		plainRuns = append(plainRuns, plain)
		if round == rounds {
			break
		}
		fmt.Fprintf(os.Stderr, "buildtime: the CPython action again (%d of %d): its outputs removed, the libraries kept\n", round+1, rounds)
		again, err := rerunCpython(outputs, filepath.Join(scratch, fmt.Sprintf("exec-%d.json", round+1)), build)
		if err != nil {
			return err
		}
		runs = append(runs, again)
	}

	return mdsection.Replace(out, "# Benchmarks", "buildtime", report(actions, runs, plainRuns, sameTimes, total, version))
}

// cpythonRunOf is the CPython action of an execution log, with the steps of its log.
func cpythonRunOf(actions []action, buildLog string) (cpythonRun, error) {
	var found []action
	for _, a := range actions {
		if a.Mnemonic == "CpythonBuild" {
			found = append(found, a)
		}
	}
	if len(found) != 1 {
		return cpythonRun{}, fmt.Errorf("want one CpythonBuild action in the execution log, found %d", len(found))
	}
	steps, err := stepTimes(buildLog)
	if err != nil {
		return cpythonRun{}, err
	}
	return cpythonRun{Seconds: found[0].Seconds, Steps: steps}, nil
}

// rerunCpython removes the outputs of the CPython action, so that the next build runs
// that action, and only that one, again.
func rerunCpython(outputs actionOutputs, execLog string, build func(string) (time.Duration, error)) (cpythonRun, error) {
	for _, output := range outputs.paths {
		// The bench runs as root (the toolbox is a chroot): Bazel's read-only modes do not stop it.
		if err := os.RemoveAll(output); err != nil {
			return cpythonRun{}, fmt.Errorf("removing an output of the CPython action: %w", err)
		}
	}
	if _, err := build(execLog); err != nil {
		return cpythonRun{}, err
	}
	actions, err := readExecutionLog(execLog)
	if err != nil {
		return cpythonRun{}, err
	}
	return cpythonRunOf(actions, outputs.log)
}

// readExecutionLog reads Bazel's JSON execution log (a stream of objects, one per spawn).
func readExecutionLog(path string) ([]action, error) {
	spawns, err := remotecache.ReadSpawns(path)
	if err != nil {
		return nil, err
	}
	actions := make([]action, len(spawns))
	for i, s := range spawns {
		actions[i] = action{Label: s.TargetLabel, Mnemonic: s.Mnemonic, Seconds: s.Seconds()}
	}
	return actions, nil
}

// stepTimes reads the builder's step durations from a build log.
func stepTimes(log string) (map[string]float64, error) {
	steps, err := buildlog.Steps(log)
	if err != nil {
		return nil, err
	}
	return buildlog.Totals(steps), nil
}

type plainTimes struct{ Configure, Make float64 }

// plainBuild runs configure and make on a fresh copy of the CPython source inside the
// toolbox, with nothing but the defaults.
func plainBuild(root, version string) (plainTimes, error) {
	dir := "/tmp/rules_cpython-plain-build"
	tarball := "/opt/mirror/distdir/Python-" + version + ".tar.xz"
	sh := func(script string) (float64, error) {
		cmd := toolbox.Shell(root, toolbox.PlainEnv(), script)
		cmd.Stdout = io.Discard
		cmd.Stderr = os.Stderr
		start := time.Now()
		err := cmd.Run()
		return time.Since(start).Seconds(), err
	}
	if _, err := sh(fmt.Sprintf("rm -rf %[1]s && mkdir -p %[1]s && tar -xf %[2]s -C %[1]s", dir, tarball)); err != nil {
		return plainTimes{}, fmt.Errorf("unpacking %s in the toolbox: %w", tarball, err)
	}
	src := dir + "/Python-" + version
	configure, err := sh("cd " + src + " && ./configure >/dev/null")
	if err != nil {
		return plainTimes{}, fmt.Errorf("plain configure: %w", err)
	}
	build, err := sh("cd " + src + " && make -j2 >/dev/null 2>&1")
	if err != nil {
		return plainTimes{}, fmt.Errorf("plain make: %w", err)
	}
	_, _ = sh("rm -rf " + dir)
	return plainTimes{Configure: configure, Make: build}, nil
}

// plainSameBuild runs the replay of the builder's CPython build in dir, in the toolbox.
func plainSameBuild(root, version, dir, execroot string, r replay) (plainTimes, error) {
	tarball := "/opt/mirror/distdir/Python-" + version + ".tar.xz"
	setup := toolbox.Shell(root, toolbox.PlainEnv(), r.script(dir, tarball, execroot))
	setup.Stdout, setup.Stderr = io.Discard, os.Stderr
	if err := setup.Run(); err != nil {
		return plainTimes{}, fmt.Errorf("setting up the replay in %s: %w", dir, err)
	}
	env := r.environment(dir)
	step := func(script string, args ...string) (float64, error) {
		cmd := toolbox.Shell(root, env, "cd "+dir+"/src && "+script, args...)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		start := time.Now()
		err := cmd.Run()
		return time.Since(start).Seconds(), err
	}
	configure, err := step(`./configure "$@" >/dev/null`, r.configureArgs(dir)...)
	if err != nil {
		return plainTimes{}, fmt.Errorf("replayed configure (see %s/src/config.log): %w", dir, err)
	}
	build, err := step("make -j2 >/dev/null 2>&1")
	if err != nil {
		return plainTimes{}, fmt.Errorf("replayed make -j2 in %s/src: %w", dir, err)
	}
	_ = os.RemoveAll(dir)
	return plainTimes{Configure: configure, Make: build}, nil
}

func report(actions []action, runs []cpythonRun, plainRuns, same []plainTimes, total time.Duration, version string) string {
	byLabel := map[string]float64{}
	var libraries, other float64
	for _, a := range actions {
		switch a.Mnemonic {
		case "AutotoolsBuild":
			byLabel[a.Label] += a.Seconds
			libraries += a.Seconds
		case "CpythonBuild":
		default:
			other += a.Seconds
		}
	}
	labels := make([]string, 0, len(byLabel))
	for l := range byLabel {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool { return byLabel[labels[i]] > byLabel[labels[j]] })

	var b strings.Builder
	fmt.Fprintf(&b, "## Cold build of `//:python` (CPython %s)\n\n", version)
	b.WriteString(mdsection.Provenance("go run ./bench/buildtime") + "\n\n")
	fmt.Fprintf(&b, "Fresh output base, no disk cache; wall time of `bazel build //:python`: **%.0f s**.\n\n", total.Seconds())
	b.WriteString("| action | seconds |\n|---|---:|\n")
	for _, l := range labels {
		fmt.Fprintf(&b, "| library `%s` | %.1f |\n", l, byLabel[l])
	}
	fmt.Fprintf(&b, "| **all libraries** (sum of actions; they run one at a time, each with make -j2) | **%.1f** |\n", libraries)
	fmt.Fprintf(&b, "| **CPython** (`CpythonBuild`) | **%.1f** |\n", runs[0].Seconds)
	fmt.Fprintf(&b, "| other actions (the Go builder and its standard library) | %.1f |\n\n", other)

	action := fastest(runs, func(r cpythonRun) float64 { return r.Seconds })
	byHand, plain := fastest(same, plainTimes.total), fastest(plainRuns, plainTimes.total)
	b.WriteString("## The CPython action beside a plain build of the same source\n\n")
	b.WriteString("Both plain builds are `./configure && make -j2` of the same tarball in the same toolbox (gcc 16, 2 cores), run by hand outside Bazel; they install nothing. " +
		"*Same configuration* replays the configure arguments, environment and `Modules/Setup.local` of the builder's log against copies of the same library trees: the same work without the builder around it. " +
		"*No dependencies* is `./configure` with nothing: it builds fewer modules.\n\n")
	fmt.Fprintf(&b, "The machine's speed drifts by several per cent within minutes, so the CPython action (the cold build's, then again with its outputs removed) and the two builds by hand took turns, %d times each; the table has the fastest of each. "+
		"CPython action: %s s; same configuration by hand: %s s; no dependencies: %s s.\n\n", len(runs), joinSeconds(runs, func(r cpythonRun) float64 { return r.Seconds }),
		joinSeconds(same, plainTimes.total), joinSeconds(plainRuns, plainTimes.total))
	b.WriteString("| step | CPython action (builder log) | plain, same configuration | plain, no dependencies |\n|---|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| configure | %.1f | %.1f | %.1f |\n", action.Steps["configure"], byHand.Configure, plain.Configure)
	fmt.Fprintf(&b, "| make -j2 | %.1f | %.1f | %.1f |\n", action.Steps["make"], byHand.Make, plain.Make)
	fmt.Fprintf(&b, "| make install (the .pyc files of the standard library, not of its test suite) | %.1f | - | - |\n", action.Steps["install"])
	for _, step := range builderSteps {
		fmt.Fprintf(&b, "| builder: %s | %.1f | - | - |\n", step.meaning, action.Steps[step.name])
	}
	if others := action.others(); others != 0 {
		fmt.Fprintf(&b, "| builder: other logged steps | %.1f | - | - |\n", others)
	}
	// The log's step times are rounded to 0.1 s; +0 turns a rounded -0.0 into 0.0.
	fmt.Fprintf(&b, "| the action's time that its log does not account for (as Bazel's execution log times it) | %.1f | - | - |\n", math.Round(action.unaccounted()*10)/10+0)
	fmt.Fprintf(&b, "| **total** | **%.1f** | **%.1f** | **%.1f** |\n\n", action.Seconds, byHand.total(), plain.total())
	fmt.Fprintf(&b, "The CPython action takes %s of the time of the same configure and make by hand, and %s of the time of a plain build without dependencies.\n",
		share(action.Seconds, byHand.total()), share(action.Seconds, plain.total()))
	return b.String()
}

// share is the action's time as a percentage of a build by hand, with whether it meets
// the target; two decimals, so that a figure just above the target is not printed as it.
func share(action, byHand float64) string {
	percent := 100 * action / byHand
	verdict := "within the target of at most 110 %"
	if percent > 110 {
		verdict = "above the target of at most 110 %"
	}
	return fmt.Sprintf("**%.2f %%** (%s)", percent, verdict)
}

// fastest is the run that took the fewest seconds.
func fastest[T any](runs []T, seconds func(T) float64) T {
	best := runs[0]
	for _, r := range runs[1:] {
		if seconds(r) < seconds(best) {
			best = r
		}
	}
	return best
}

func (t plainTimes) total() float64 { return t.Configure + t.Make }

func joinSeconds[T any](runs []T, seconds func(T) float64) string {
	words := make([]string, len(runs))
	for i, r := range runs {
		words[i] = fmt.Sprintf("%.1f", seconds(r))
	}
	return strings.Join(words, ", ")
}

// pythonVersion is the CPython release the build info of //:python names: the sources
// the plain builds unpack.
func pythonVersion(buildInfo string) (string, error) {
	data, err := os.ReadFile(buildInfo)
	if err != nil {
		return "", fmt.Errorf("reading the build info: %w", err)
	}
	var info struct {
		PythonVersion string `json:"python_version"`
	}
	if err := json.Unmarshal(data, &info); err != nil || info.PythonVersion == "" {
		return "", fmt.Errorf("%s names no python_version (%v)", buildInfo, err)
	}
	return info.PythonVersion, nil
}
