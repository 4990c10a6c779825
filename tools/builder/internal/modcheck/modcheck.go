// Package modcheck checks that an installed interpreter has every extension module its
// build configuration expects, and explains each one that is missing by the library
// behind it.
package modcheck

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"text/tabwriter"
)

//go:embed check_modules.py
var script string

// Libraries maps an extension module to the dependency (by its name among the
// interpreter's dependencies) that it needs.
var Libraries = map[string]string{
	"_ssl":          "openssl",
	"_hashlib":      "openssl",
	"_sqlite3":      "sqlite",
	"_tkinter":      "tcl+tk",
	"zlib":          "zlib",
	"_bz2":          "bzip2",
	"_lzma":         "xz",
	"_ctypes":       "libffi",
	"_ctypes_test":  "libffi",
	"_curses":       "ncurses",
	"_curses_panel": "ncurses",
	"readline":      "readline",
	"_gdbm":         "gdbm",
	"_dbm":          "gdbm",
	"_uuid":         "libuuid",
	"_decimal":      "mpdecimal",
}

// Module is what the interpreter reported about one extension module.
type Module struct {
	Name  string `json:"name"`
	State string `json:"state"`
	Error string `json:"error"`
}

// Report is the interpreter's answer.
type Report struct {
	Version string   `json:"version"`
	Modules []Module `json:"modules"`
}

// Run asks the interpreter about its modules. Its environment is given in full.
func Run(python string, env []string) (*Report, error) {
	cmd := exec.Command(python, "-E", "-s", "-c", script)
	cmd.Env = append([]string{}, env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("running %s to list its extension modules: %w\n%s", python, err, stderr.String())
	}
	var report Report
	if err := json.Unmarshal(out, &report); err != nil {
		return nil, fmt.Errorf("reading the module list of %s: %w", python, err)
	}
	return &report, nil
}

// Problems returns the modules that configure found missing or that fail to import.
func (r *Report) Problems() []Module {
	var bad []Module
	for _, m := range r.Modules {
		if m.State == "missing" || m.State == "failed" {
			bad = append(bad, m)
		}
	}
	return bad
}

// Count returns how many modules are in each state.
func (r *Report) Count() map[string]int {
	counts := map[string]int{}
	for _, m := range r.Modules {
		counts[m.State]++
	}
	return counts
}

// Summary is one line: how many modules in each state.
func (r *Report) Summary() string {
	counts := r.Count()
	states := make([]string, 0, len(counts))
	for s := range counts {
		states = append(states, s)
	}
	sort.Strings(states)
	parts := make([]string, len(states))
	for i, s := range states {
		parts[i] = fmt.Sprintf("%d %s", counts[s], s)
	}
	return fmt.Sprintf("Python %s extension modules: %s", r.Version, strings.Join(parts, ", "))
}

// Error is a build whose interpreter lacks modules.
type Error struct {
	Problems []Module
	// Deps are the dependencies the interpreter was built with.
	Deps map[string]bool
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d extension module(s) missing or broken:\n", len(e.Problems))
	w := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "MODULE\tSTATE\tLIBRARY\tWHY")
	for _, m := range e.Problems {
		lib, known := Libraries[m.Name]
		why := m.Error
		switch {
		case !known:
			lib = "(part of CPython)"
		case !e.hasAll(lib):
			why = "the library is not among the interpreter's dependencies"
		case why == "":
			why = "configure did not find it usable: see the log"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", m.Name, m.State, lib, why)
	}
	w.Flush()
	return strings.TrimRight(b.String(), "\n")
}

func (e *Error) hasAll(lib string) bool {
	for _, part := range strings.Split(lib, "+") {
		if !e.Deps[part] {
			return false
		}
	}
	return true
}

// Check runs the interpreter and fails with a table when a module is missing.
func Check(python string, env []string, deps []string) (*Report, error) {
	report, err := Run(python, env)
	if err != nil {
		return nil, err
	}
	if len(report.Modules) == 0 {
		return report, fmt.Errorf("%s reported no extension modules at all", python)
	}
	if bad := report.Problems(); len(bad) > 0 {
		have := map[string]bool{}
		for _, d := range deps {
			have[d] = true
		}
		return report, &Error{Problems: bad, Deps: have}
	}
	return report, nil
}
