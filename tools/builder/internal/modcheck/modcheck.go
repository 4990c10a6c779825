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

// Expectation is what the rules know of the modules that third-party libraries back (their
// one table is rules/private/libraries.bzl; it reaches the builder through the params file).
type Expectation struct {
	// Libraries maps a module to the libraries it needs, joined with "+" (tcl+tk), by
	// their names among the interpreter's dependencies.
	Libraries map[string]string
	// Optional are modules of Libraries that configure may plan away on its own (dbm.ndbm):
	// checked only where configure planned them.
	Optional []string
}

// required are the modules that must be there whatever configure recorded.
func (x Expectation) required() []string {
	optional := map[string]bool{}
	for _, m := range x.Optional {
		optional[m] = true
	}
	var names []string
	for m := range x.Libraries {
		if !optional[m] {
			names = append(names, m)
		}
	}
	sort.Strings(names)
	return names
}

// Module is what the interpreter reported about one extension module.
type Module struct {
	Name  string `json:"name"`
	State string `json:"state"`
	Error string `json:"error"`
	// Linkage of a module that imports: "builtin" (in the interpreter) or "shared".
	Linkage string `json:"linkage"`
}

// Report is the interpreter's answer.
type Report struct {
	Version string   `json:"version"`
	Modules []Module `json:"modules"`
	// Paths are sysconfig.get_paths(), relative to sys.prefix.
	Paths map[string]string `json:"paths"`
	// Multiarch is the target triple (x86_64-linux-gnu).
	Multiarch string `json:"multiarch"`
}

// Run asks the interpreter about its modules, the required ones checked whatever
// configure recorded. Its environment is given in full.
func Run(python string, env []string, required []string) (*Report, error) {
	cmd := exec.Command(python, append([]string{"-E", "-s", "-c", script}, required...)...)
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
	// Libraries maps a module to the libraries behind it (Expectation.Libraries).
	Libraries map[string]string
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d extension module(s) missing or broken:\n", len(e.Problems))
	w := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "MODULE\tSTATE\tLIBRARY\tWHY")
	for _, m := range e.Problems {
		lib, known := e.Libraries[m.Name]
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
func Check(python string, env []string, deps []string, expect Expectation) (*Report, error) {
	report, err := Run(python, env, expect.required())
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
		return report, &Error{Problems: bad, Deps: have, Libraries: expect.Libraries}
	}
	return report, nil
}
