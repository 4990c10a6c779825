// Package cpython builds CPython against the install trees of its dependencies, and
// refuses to hand over an interpreter that lacks a module or needs a library from the
// machine.
package cpython

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/autotools"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/buildinfo"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/elfcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/install"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/modcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/relocatable"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srctree"
)

// Config is one interpreter build.
type Config struct {
	Scratch scratch.Options
	// Version is major.minor, e.g. "3.13".
	Version string
	// ConfigureArgs follow --prefix; placeholders as in autotools.Expand.
	ConfigureArgs []string
	// MakeArgs (VAR=VALUE) go to make and make install; placeholders expanded.
	MakeArgs []string
	Env      params.Pairs
	Jobs     int
	// RuntimeDirs are folders of dependencies that the interpreter needs at run time,
	// as DEP=PATH (Tcl's and Tk's script libraries); they are copied into its lib/.
	RuntimeDirs params.Pairs
	// SetupLocal are the lines of Modules/Setup.local (modules built into the
	// interpreter, say).
	SetupLocal []string
	// Outputs: the interpreter binary, and the lib/ and include/ folders beside it.
	// OutBinary's file name is the one make install gives it (python3.13, python3.13t,
	// python3.13d plus --with-suffix): the rule names it, the builder does not again.
	OutBinary  string
	OutLib     string
	OutInclude string
	OutShare   string
	// BinFiles and BinLinks are the rest of bin/ as make install makes it (the rule
	// declares each): files, and links as NAME=TARGET, made relative. They go beside
	// OutBinary.
	BinFiles []string
	BinLinks params.Pairs
	// OutLibpython, when set, receives a copy of the static libpython3.X.a, for programs
	// that embed the interpreter (the install keeps its own, where python3-config says).
	OutLibpython string
	// OutBuildInfo, when set, receives the build info (package buildinfo) as JSON.
	OutBuildInfo string
	// Modules says which library backs which extension module, for the module check.
	Modules modcheck.Expectation
}

// Build runs the build and its checks. The scratch folder is removed whatever happens.
func Build(c Config) (err error) {
	// Dependencies' symbols stay private to the extension modules that link them.
	env := append(params.Pairs{{Key: "LDFLAGS", Value: "{LDFLAGS} -Wl,--exclude-libs,ALL"}}, c.Env...)
	s, vars, err := autotools.Start(c.Scratch, env, c.Jobs)
	defer autotools.Cleanup(s, &err)
	if err != nil {
		return err
	}
	if err := relocatable.PatchGetpath(s.Src); err != nil {
		return err
	}
	if len(c.SetupLocal) > 0 {
		setup := filepath.Join(s.Src, "Modules", "Setup.local")
		if err := os.WriteFile(setup, []byte(strings.Join(c.SetupLocal, "\n")+"\n"), 0o644); err != nil {
			return fmt.Errorf("writing Modules/Setup.local: %w", err)
		}
		for _, line := range c.SetupLocal {
			_ = s.Runner.Note("Modules/Setup.local: %s", line)
		}
	}
	if err := autotools.Configure(s, "configure", c.ConfigureArgs, vars); err != nil {
		return err
	}
	makeArgs := append([]string{"-j" + strconv.Itoa(max(c.Jobs, 1))}, autotools.ExpandAll(c.MakeArgs, vars)...)
	if err := s.Runner.Run("make", s.Src, "make", makeArgs...); err != nil {
		return err
	}
	query, err := s.Runner.Output("test suite", s.Src, "make", testSuiteQueryArgs()...)
	if err != nil {
		return err
	}
	suite, err := parseTestSuite(query)
	if err != nil {
		return err
	}
	installArgs := append(append([]string{}, makeArgs...), "DESTDIR="+s.DestDir)
	if len(suite.Dirs) > 0 {
		installArgs = append(installArgs, "TEST_MODULES=no")
	}
	if err := s.Runner.Run("install", s.Src, "make", append(installArgs, "install")...); err != nil {
		return err
	}
	if len(suite.Dirs) > 0 {
		err := s.Runner.Time("copy test suite", func() error { return suite.install(filepath.Join(s.Src, "Lib"), s.DestDir) })
		if err != nil {
			return err
		}
		_ = s.Runner.Note("test suite installed without .pyc files: %d folders of Lib/ into %s", len(suite.Dirs), suite.LibDest)
	}
	installed := s.Installed()
	var changed []string
	if err := s.Runner.Time("relocate", func() (err error) { changed, err = relocate(s, installed, c); return err }); err != nil {
		return err
	}
	if err := arrangeBin(installed, filepath.Base(c.OutBinary), c.BinFiles, c.BinLinks); err != nil {
		return err
	}
	binary, err := installedBinary(installed, filepath.Base(c.OutBinary))
	if err != nil {
		return err
	}
	if err := recompile(s, installed, binary, changed); err != nil {
		return err
	}
	var report *modcheck.Report
	if err := s.Runner.Time("check", func() (err error) { report, err = check(s, installed, binary, c.Version, c.Modules); return err }); err != nil {
		return err
	}
	if c.OutBuildInfo != "" {
		configureArgs := append([]string{"--prefix=" + scratch.Prefix}, autotools.ExpandAll(c.ConfigureArgs, vars)...)
		if err := writeBuildInfo(c.OutBuildInfo, s, installed, binary, configureArgs, report, c.Modules); err != nil {
			return err
		}
	}
	return placeOutputs(installed, binary, c)
}

func writeBuildInfo(out string, s *scratch.Scratch, installed, binary string, configureArgs []string, report *modcheck.Report, modules modcheck.Expectation) error {
	dynload, err := libDynload(installed, "")
	if err != nil {
		return err
	}
	glibc, file, err := elfcheck.HighestGlibc(binary, dynload)
	if err != nil {
		return err
	}
	if file != "" {
		if file, err = filepath.Rel(installed, file); err != nil {
			return err
		}
	}
	info := buildinfo.BuildInfo{
		PythonVersion:    report.Version,
		TargetTriple:     report.Multiarch,
		GlibcVersion:     glibc,
		GlibcFile:        file,
		SysconfigPaths:   report.Paths,
		ExtensionModules: []buildinfo.Module{},
	}
	for _, a := range configureArgs {
		info.ConfigureArgs = append(info.ConfigureArgs, strings.ReplaceAll(a, s.Root, scratch.BuildDirAlias))
	}
	for _, m := range report.Modules {
		if m.Linkage == "" {
			continue // not built: configure planned it away (the check allowed that)
		}
		libs := []string{}
		if joined := modules.Libraries[m.Name]; joined != "" {
			libs = strings.Split(joined, "+")
		}
		info.ExtensionModules = append(info.ExtensionModules, buildinfo.Module{Name: m.Name, Linkage: m.Linkage, Libraries: libs})
	}
	return buildinfo.Write(out, info)
}

// relocate adds the dependencies' run-time folders to the install tree, rewrites the
// scratch folder's path in its text files, and makes what it says about its own folders
// follow it. It returns the Python files it changed.
func relocate(s *scratch.Scratch, installed string, c Config) ([]string, error) {
	mtime := time.Unix(c.Scratch.SourceDateEpoch, 0)
	for _, kv := range c.RuntimeDirs {
		dep, ok := s.DepDirs[kv.Key]
		if !ok {
			return nil, fmt.Errorf("runtime folder %s: %s is not a dependency", kv.Value, kv.Key)
		}
		dest := filepath.Join(installed, "lib", filepath.Base(kv.Value))
		if err := srctree.CopyTree(filepath.Join(dep, kv.Value), dest, mtime); err != nil {
			return nil, fmt.Errorf("copying run-time files of %s: %w", kv.Key, err)
		}
	}
	changed, err := install.Replace(installed, install.NotCompiled, install.Replacement{Old: s.Root, New: scratch.BuildDirAlias})
	if err != nil {
		return nil, err
	}
	relocated, err := relocatable.Tree(installed, scratch.Prefix)
	if err != nil {
		return nil, err
	}
	var python []string
	for _, path := range append(changed, relocated...) {
		if strings.HasSuffix(path, ".py") && !slices.Contains(python, path) {
			python = append(python, path)
		}
	}
	sort.Strings(python)
	return python, nil
}

// recompile compiles the .pyc files of Python files changed after make install compiled
// them, as make install does (levels 0, 1 and 2, hash-based since SOURCE_DATE_EPOCH is
// set, named below the configured prefix): stale ones would be compiled again, in
// memory, at every start of a read-only tree.
func recompile(s *scratch.Scratch, installed, binary string, files []string) error {
	if len(files) == 0 {
		return nil
	}
	args := []string{"-E", "-m", "compileall", "-q", "-f", "-o", "0", "-o", "1", "-o", "2", "-s", installed, "-p", scratch.Prefix}
	if err := s.Runner.Run("compile changed", installed, binary, append(args, files...)...); err != nil {
		return fmt.Errorf("compiling the Python files changed after make install: %w", err)
	}
	return nil
}

// arrangeBin turns bin/ into what the rule declared: the links (make install hard-links
// python3.13 to python3.13d; bin/python is ours) become relative symlinks, and any other
// difference between bin/ and the declaration fails, naming it.
func arrangeBin(installed, binary string, files []string, links params.Pairs) error {
	bin := filepath.Join(installed, "bin")
	for _, l := range links {
		if err := install.Link(installed, filepath.Join("bin", l.Key), l.Value); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(bin)
	if err != nil {
		return fmt.Errorf("the install has no bin/ folder: %w", err)
	}
	want := map[string]bool{binary: true}
	for _, f := range files {
		want[f] = true
	}
	for _, l := range links {
		want[l.Key] = true
	}
	var extra []string
	for _, e := range entries {
		if !want[e.Name()] {
			extra = append(extra, e.Name())
		}
		delete(want, e.Name())
	}
	if len(extra) > 0 || len(want) > 0 {
		var missing []string
		for name := range want {
			missing = append(missing, name)
		}
		sort.Strings(missing)
		return fmt.Errorf("make install put into bin/ what the rule does not declare (%s) or left out what it declares (%s): installed_bin() in rules/private/cpython_interpreter.bzl must follow this release's Makefile",
			strings.Join(extra, ", "), strings.Join(missing, ", "))
	}
	return nil
}

// check refuses an install whose standard library is not compiled, that lacks an
// extension module, or whose binaries need a library from the machine.
func check(s *scratch.Scratch, installed, binary, version string, modules modcheck.Expectation) (*modcheck.Report, error) {
	dynload, err := libDynload(installed, version)
	if err != nil {
		return nil, err
	}
	if err := checkCompiled(filepath.Dir(dynload)); err != nil {
		return nil, err
	}
	report, err := modcheck.Check(binary, s.Env, depNames(s.DepList), modules)
	if err != nil {
		return nil, fmt.Errorf("checking extension modules of the installed interpreter: %w", err)
	}
	_ = s.Runner.Note("%s", report.Summary())
	_, err = elfcheck.CheckTree(elfcheck.Default(), binary, dynload)
	return report, err
}

// installedBinary is bin/name of the install tree; when make install named it otherwise,
// the error lists what bin/ has.
func installedBinary(installed, name string) (string, error) {
	binary := filepath.Join(installed, "bin", name)
	if _, err := os.Stat(binary); err == nil {
		return binary, nil
	}
	entries, err := os.ReadDir(filepath.Join(installed, "bin"))
	if err != nil {
		return "", fmt.Errorf("the install has no bin/ folder: %w", err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return "", fmt.Errorf("the install has no bin/%s, which the rule declared (bin/ has: %s): its abiflags or suffix differ from what configure built",
		name, strings.Join(names, ", "))
}

// libDynload is the extension modules' folder, lib/python3.13/lib-dynload or, in a
// free-threaded build, lib/python3.13t/lib-dynload: read off the tree, so that the
// builder does not need the ABI flags to find it.
func libDynload(installed, version string) (string, error) {
	found, err := filepath.Glob(filepath.Join(installed, "lib", "python"+version+"*", "lib-dynload"))
	if err != nil {
		return "", err
	}
	if len(found) != 1 {
		return "", fmt.Errorf("want one lib/python%s*/lib-dynload in the install, found %d: %v", version, len(found), found)
	}
	return found[0], nil
}

// checkCompiled fails when make install compiled no .pyc files of the standard library
// at the three optimization levels: the Makefile ignores compileall's failure, and an
// install tree that Bazel makes read-only would compile the library again at every start.
func checkCompiled(stdlib string) error {
	found, err := filepath.Glob(filepath.Join(stdlib, "__pycache__", "os.*.pyc"))
	if err != nil {
		return err
	}
	if len(found) != 3 {
		return fmt.Errorf("make install compiled %d of the 3 .pyc files of %s/os.py (levels 0, 1 and 2): look for compileall in the log", len(found), stdlib)
	}
	return nil
}

// staticLibpython is the libpython3.X.a that make install put into the install's LIBPL
// (lib/python3.13/config-3.13-x86_64-linux-gnu/), read off the tree.
func staticLibpython(installed, version string) (string, error) {
	found, err := filepath.Glob(filepath.Join(installed, "lib", "python"+version+"*", "config-"+version+"*", "libpython"+version+"*.a"))
	if err != nil {
		return "", err
	}
	if len(found) != 1 {
		return "", fmt.Errorf("want one lib/python%s*/config-*/libpython%s*.a in the install, found %d: %v", version, version, len(found), found)
	}
	return found[0], nil
}

func placeOutputs(installed, binary string, c Config) error {
	if err := os.MkdirAll(filepath.Dir(c.OutBinary), 0o755); err != nil {
		return err
	}
	if c.OutLibpython != "" {
		archive, err := staticLibpython(installed, c.Version)
		if err != nil {
			return fmt.Errorf("the static libpython for embedding: %w", err)
		}
		if err := srctree.CopyFile(archive, c.OutLibpython, 0o644); err != nil {
			return fmt.Errorf("copying %s for embedding: %w", archive, err)
		}
	}
	if err := scratch.Move(binary, c.OutBinary); err != nil {
		return fmt.Errorf("moving the interpreter into place: %w", err)
	}
	outBin := filepath.Dir(c.OutBinary)
	for _, name := range c.BinFiles {
		if err := scratch.Move(filepath.Join(installed, "bin", name), filepath.Join(outBin, name)); err != nil {
			return fmt.Errorf("moving bin/%s into place: %w", name, err)
		}
	}
	for _, l := range c.BinLinks {
		out := filepath.Join(outBin, l.Key)
		if err := os.RemoveAll(out); err != nil {
			return err
		}
		if err := os.Symlink(l.Value, out); err != nil {
			return fmt.Errorf("linking bin/%s: %w", l.Key, err)
		}
	}
	for dir, out := range map[string]string{"lib": c.OutLib, "include": c.OutInclude, "share": c.OutShare} {
		if out == "" {
			continue
		}
		if err := scratch.MoveInstalled(filepath.Join(installed, dir), out); err != nil {
			return err
		}
	}
	return nil
}

func depNames(deps []scratch.Dep) []string {
	names := make([]string, len(deps))
	for i, d := range deps {
		names[i] = d.Name
	}
	return names
}
