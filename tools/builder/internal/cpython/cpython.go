// Package cpython builds CPython against the install trees of its dependencies, and
// refuses to hand over an interpreter that lacks a module or needs a library from the
// machine.
package cpython

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/autotools"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/elfcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/install"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/modcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
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
	// OutLibpython, when set, receives a copy of the static libpython3.X.a, for programs
	// that embed the interpreter (the install keeps its own, where python3-config says).
	OutLibpython string
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
	if err := s.Runner.Time("relocate", func() error { return relocate(s, installed, c) }); err != nil {
		return err
	}
	binary, err := installedBinary(installed, filepath.Base(c.OutBinary))
	if err != nil {
		return err
	}
	if err := s.Runner.Time("check", func() error { return check(s, installed, binary, c.Version, c.Modules) }); err != nil {
		return err
	}
	return placeOutputs(installed, binary, c)
}

// relocate adds the dependencies' run-time folders to the install tree and rewrites
// the scratch folder's path in its text files.
func relocate(s *scratch.Scratch, installed string, c Config) error {
	mtime := time.Unix(c.Scratch.SourceDateEpoch, 0)
	for _, kv := range c.RuntimeDirs {
		dep, ok := s.DepDirs[kv.Key]
		if !ok {
			return fmt.Errorf("runtime folder %s: %s is not a dependency", kv.Value, kv.Key)
		}
		dest := filepath.Join(installed, "lib", filepath.Base(kv.Value))
		if err := srctree.CopyTree(filepath.Join(dep, kv.Value), dest, mtime); err != nil {
			return fmt.Errorf("copying run-time files of %s: %w", kv.Key, err)
		}
	}
	_, err := install.Replace(installed, install.NotCompiled, install.Replacement{Old: s.Root, New: scratch.BuildDirAlias})
	return err
}

// check refuses an install whose standard library is not compiled, that lacks an
// extension module, or whose binaries need a library from the machine.
func check(s *scratch.Scratch, installed, binary, version string, modules modcheck.Expectation) error {
	dynload, err := libDynload(installed, version)
	if err != nil {
		return err
	}
	if err := checkCompiled(filepath.Dir(dynload)); err != nil {
		return err
	}
	report, err := modcheck.Check(binary, s.Env, depNames(s.DepList), modules)
	if err != nil {
		return fmt.Errorf("checking extension modules of the installed interpreter: %w", err)
	}
	_ = s.Runner.Note("%s", report.Summary())
	_, err = elfcheck.CheckTree(elfcheck.Default(), binary, dynload)
	return err
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
	if err := os.Rename(binary, c.OutBinary); err != nil {
		return fmt.Errorf("moving the interpreter into place: %w", err)
	}
	if err := scratch.MoveInstalled(filepath.Join(installed, "lib"), c.OutLib); err != nil {
		return err
	}
	return scratch.MoveInstalled(filepath.Join(installed, "include"), c.OutInclude)
}

func depNames(deps []scratch.Dep) []string {
	names := make([]string, len(deps))
	for i, d := range deps {
		names[i] = d.Name
	}
	return names
}
