// Package autotools builds one library the autotools way (configure, make, make install)
// into an install tree that dependents link against statically.
package autotools

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/install"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/logrun"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

// Config is one library build.
type Config struct {
	Scratch scratch.Options
	// Out is the install tree to produce (Bazel's declared directory).
	Out string
	// ConfigureScript is relative to the sources; empty for libraries without one.
	ConfigureScript string
	// ConfigureArgs follow --prefix. Placeholders are expanded (see Expand).
	ConfigureArgs []string
	// Env adds to or replaces variables of the build environment; placeholders expanded.
	Env params.Pairs
	// MakeArgs are passed to every make call; placeholders expanded.
	MakeArgs []string
	// MakeBefore are the arguments of a make call before the build, placeholders
	// expanded: a file that the build then finds made, generated with other variables
	// than the build's (OpenSSL's record of its compiler flags, without their paths).
	MakeBefore     []string
	BuildTargets   []string
	InstallTargets []string
	// Subdir is where make runs, relative to the sources.
	Subdir string
	Jobs   int
	// Links are aliases to add to the install tree, as PATH=TARGET (relative link).
	Links params.Pairs
	// Appends are lines to add to installed text files, as PATH=LINE: what a library's
	// own build cannot be told (tk.pc requiring x11, so that a static link gets libX11's
	// own dependencies).
	Appends params.Pairs
	// StaticLibraries are the archives, relative to the install tree, that the rule
	// hands to C targets that link the library: each must be installed.
	StaticLibraries []string
}

// Start prepares the scratch folder and its environment (env's placeholders expanded)
// and returns the placeholders for arguments. Call Cleanup when done, also after an
// error: the scratch folder may exist.
func Start(o scratch.Options, env params.Pairs, jobs int) (*scratch.Scratch, map[string]string, error) {
	s, err := scratch.Prepare(o)
	if err != nil {
		return s, nil, err
	}
	// One at a time: a variable may build on what an earlier one set ({LDFLAGS} ...).
	for _, kv := range env {
		s.SetEnv(kv.Key, Expand(kv.Value, Vars(s, jobs)))
	}
	for _, kv := range s.Env {
		_ = s.Runner.Note("env %s", logrun.ShellQuote([]string{kv}))
	}
	return s, Vars(s, jobs), nil
}

// Cleanup removes the scratch folder; a failure to remove it becomes the error unless
// there is one already.
func Cleanup(s *scratch.Scratch, err *error) {
	var rmErr error
	if s != nil && s.Runner != nil {
		rmErr = s.Runner.Time("remove scratch", s.Remove)
	} else {
		rmErr = s.Remove()
	}
	if rmErr != nil && *err == nil {
		*err = fmt.Errorf("removing scratch folder: %w", rmErr)
	}
}

// Configure runs a configure script (relative to the sources) with --prefix and the
// expanded arguments; when it fails, config.log goes into the build log.
func Configure(s *scratch.Scratch, script string, args []string, vars map[string]string) error {
	all := append([]string{"--prefix=" + scratch.Prefix}, ExpandAll(args, vars)...)
	program, err := Interpreter(filepath.Join(s.Src, script), s.Bin)
	if err != nil {
		return err
	}
	if program != "" {
		all = append([]string{filepath.Join(s.Src, script)}, all...)
	} else {
		program = filepath.Join(s.Src, script)
	}
	if err := s.Runner.Run("configure", s.Src, program, all...); err != nil {
		_ = s.Runner.Append("config.log", filepath.Join(s.Src, "config.log"))
		return err
	}
	return nil
}

// Interpreter is the program of bin to run a script with when its first line asks for
// one through env (#!/usr/bin/env perl: OpenSSL's Configure), which finds it on the PATH
// of the machine or worker, not the build's. Empty: run the script itself.
func Interpreter(script, bin string) (string, error) {
	f, err := os.Open(script)
	if err != nil {
		return "", fmt.Errorf("reading the configure script: %w", err)
	}
	defer f.Close()
	first, _ := bufio.NewReader(f).ReadString('\n')
	words := strings.Fields(strings.TrimPrefix(first, "#!"))
	if !strings.HasPrefix(first, "#!") || len(words) != 2 || words[0] != "/usr/bin/env" {
		return "", nil
	}
	program := filepath.Join(bin, words[1])
	if _, err := os.Stat(program); err != nil {
		return "", fmt.Errorf("%s runs with %s, which the build tools lack: %w", filepath.Base(script), words[1], err)
	}
	return program, nil
}

// Build runs the build. The scratch folder is removed whatever happens; the log is kept.
func Build(c Config) (err error) {
	s, vars, err := Start(c.Scratch, c.Env, c.Jobs)
	defer Cleanup(s, &err)
	if err != nil {
		return err
	}
	if c.ConfigureScript != "" {
		if err := Configure(s, c.ConfigureScript, c.ConfigureArgs, vars); err != nil {
			return err
		}
	}
	makeDir := filepath.Join(s.Src, c.Subdir)
	makeArgs := ExpandAll(c.MakeArgs, vars)
	if len(c.MakeBefore) > 0 {
		if err := s.Runner.Run("make before", makeDir, "make", append(append([]string{}, makeArgs...), ExpandAll(c.MakeBefore, vars)...)...); err != nil {
			return err
		}
	}
	build := append([]string{"-j" + strconv.Itoa(max(c.Jobs, 1))}, makeArgs...)
	if err := s.Runner.Run("make", makeDir, "make", append(build, c.BuildTargets...)...); err != nil {
		return err
	}
	installTargets := c.InstallTargets
	if len(installTargets) == 0 {
		installTargets = []string{"install"}
	}
	installArgs := append(append([]string{"DESTDIR=" + s.DestDir}, makeArgs...), installTargets...)
	if err := s.Runner.Run("install", makeDir, "make", installArgs...); err != nil {
		return err
	}
	return finish(s, c)
}

func finish(s *scratch.Scratch, c Config) error {
	out, links, declared := c.Out, c.Links, c.StaticLibraries
	installed := s.Installed()
	if _, err := os.Stat(installed); err != nil {
		return fmt.Errorf("make install put nothing below DESTDIR%s: %w (does the build honour DESTDIR and --prefix?)", scratch.Prefix, err)
	}
	if err := install.PruneLibrary(installed); err != nil {
		return err
	}
	if err := install.Replace(installed, install.NotCompiled, s.Aliases()...); err != nil {
		return err
	}
	for _, l := range links {
		if err := install.Link(installed, l.Key, l.Value); err != nil {
			return err
		}
	}
	for _, a := range c.Appends {
		if err := install.AppendLine(installed, a.Key, a.Value); err != nil {
			return err
		}
	}
	archives, _ := filepath.Glob(filepath.Join(installed, "lib", "*.a"))
	if len(archives) == 0 {
		return errors.New("make install produced no static library in lib/")
	}
	_ = s.Runner.Note("installed %d static libraries: %s", len(archives), strings.Join(baseNames(archives), " "))
	for _, lib := range declared {
		if _, err := os.Stat(filepath.Join(installed, lib)); err != nil {
			return fmt.Errorf("the rule links C targets against %s, which make install did not install (lib/ has: %s)", lib, strings.Join(baseNames(archives), " "))
		}
	}
	if err := scratch.MoveInstalled(installed, out); err != nil {
		return err
	}
	install.RemoveDanglingLinks(out)
	return install.RemoveEmptyDirs(out)
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// Vars are the placeholders arguments may use: {PREFIX}, {DESTDIR}, {SRC}, {JOBS},
// {CC}, {AR}, {CFLAGS}, {CPPFLAGS}, {LDFLAGS} (as the build environment has them),
// {CC_NAME} (the compiler's file name) and {CFLAGS_WITHOUT_PATHS} (the flags that name no
// folder: what a build may record of itself), and {DEP:name} for a dependency's tree.
func Vars(s *scratch.Scratch, jobs int) map[string]string {
	vars := map[string]string{
		"PREFIX":  scratch.Prefix,
		"DESTDIR": s.DestDir,
		"SRC":     s.Src,
		"JOBS":    strconv.Itoa(max(jobs, 1)),
	}
	for _, key := range []string{"CC", "AR", "CFLAGS", "CPPFLAGS", "LDFLAGS"} {
		vars[key] = s.Getenv(key)
	}
	vars["CC_NAME"] = filepath.Base(s.CC)
	vars["CFLAGS_WITHOUT_PATHS"] = withoutPaths(vars["CFLAGS"])
	for name, dir := range s.DepDirs {
		vars["DEP:"+name] = dir
	}
	return vars
}

// withoutPaths keeps the flags of a space-separated list that hold no '/'.
func withoutPaths(flags string) string {
	var kept []string
	for _, f := range strings.Fields(flags) {
		if !strings.Contains(f, "/") {
			kept = append(kept, f)
		}
	}
	return strings.Join(kept, " ")
}

// Expand replaces {NAME} placeholders; unknown ones are left as they are.
func Expand(s string, vars map[string]string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	for key, value := range vars {
		s = strings.ReplaceAll(s, "{"+key+"}", value)
	}
	return s
}

// ExpandAll expands every argument.
func ExpandAll(args []string, vars map[string]string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = Expand(a, vars)
	}
	return out
}
