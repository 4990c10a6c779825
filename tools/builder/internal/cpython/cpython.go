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
	// Version is major.minor, e.g. "3.13"; ABIFlags the suffix of the binary ("t", "d").
	Version  string
	ABIFlags string
	// ConfigureArgs follow --prefix; placeholders as in autotools.Expand.
	ConfigureArgs []string
	Env           params.Pairs
	Jobs          int
	// RuntimeDirs are folders of dependencies that the interpreter needs at run time,
	// as DEP=PATH (Tcl's and Tk's script libraries); they are copied into its lib/.
	RuntimeDirs params.Pairs
	// SetupLocal are the lines of Modules/Setup.local (modules built into the
	// interpreter, say).
	SetupLocal []string
	// Outputs: the interpreter binary, and the lib/ and include/ folders beside it.
	OutBinary  string
	OutLib     string
	OutInclude string
}

// Build runs the build and its checks. The scratch folder is removed whatever happens.
func Build(c Config) (err error) {
	s, err := scratch.Prepare(c.Scratch)
	defer func() {
		if rmErr := s.Remove(); rmErr != nil && err == nil {
			err = fmt.Errorf("removing scratch folder: %w", rmErr)
		}
	}()
	if err != nil {
		return err
	}
	// Dependencies' symbols stay private to the extension modules that link them.
	s.SetEnv("LDFLAGS", strings.TrimSpace(s.Getenv("LDFLAGS")+" -Wl,--exclude-libs,ALL"))
	vars := autotools.Vars(s, c.Jobs)
	for _, kv := range c.Env {
		s.SetEnv(kv.Key, autotools.Expand(kv.Value, vars))
	}
	vars = autotools.Vars(s, c.Jobs)

	if len(c.SetupLocal) > 0 {
		setup := filepath.Join(s.Src, "Modules", "Setup.local")
		if err := os.WriteFile(setup, []byte(strings.Join(c.SetupLocal, "\n")+"\n"), 0o644); err != nil {
			return fmt.Errorf("writing Modules/Setup.local: %w", err)
		}
	}
	args := append([]string{"--prefix=" + scratch.Prefix}, autotools.ExpandAll(c.ConfigureArgs, vars)...)
	if err := s.Runner.Run("configure", s.Src, filepath.Join(s.Src, "configure"), args...); err != nil {
		_ = s.Runner.Append("config.log", filepath.Join(s.Src, "config.log"))
		return err
	}
	jobs := "-j" + strconv.Itoa(max(c.Jobs, 1))
	if err := s.Runner.Run("make", s.Src, "make", jobs); err != nil {
		return err
	}
	if err := s.Runner.Run("install", s.Src, "make", jobs, "DESTDIR="+s.DestDir, "install"); err != nil {
		return err
	}
	installed := s.Installed()
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
	if _, err := install.Replace(installed, install.AnyFile, install.Replacement{Old: s.Root, New: scratch.BuildDirAlias}); err != nil {
		return err
	}

	binary := filepath.Join(installed, "bin", "python"+c.Version+c.ABIFlags)
	report, err := modcheck.Check(binary, s.Env, depNames(s.DepList))
	if err != nil {
		return fmt.Errorf("checking extension modules of the installed interpreter: %w", err)
	}
	_ = s.Runner.Note("%s", report.Summary())
	if _, err := elfcheck.CheckTree(elfcheck.Default(), binary, filepath.Join(installed, "lib", "python"+c.Version+c.ABIFlags, "lib-dynload")); err != nil {
		return err
	}
	return placeOutputs(installed, binary, c)
}

func placeOutputs(installed, binary string, c Config) error {
	if err := os.MkdirAll(filepath.Dir(c.OutBinary), 0o755); err != nil {
		return err
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
