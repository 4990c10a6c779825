package main

import (
	"flag"
	"fmt"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/cpython"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/modcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srcpatch"
)

// parseCPython reads the cpython verb's flags: the interpreter, its outputs, and what
// the module and ELF checks expect of it.
func parseCPython(args []string) (cpython.Config, error) {
	fs := flag.NewFlagSet("cpython", flag.ContinueOnError)
	var common commonFlags
	common.register(fs)
	var c cpython.Config
	var makeArgs, setupLocal, sourceEdits, binFiles, optionalModules, caBundles params.List
	var moduleLibraries params.Pairs
	fs.StringVar(&c.Version, "version", "", "major.minor")
	fs.Var(&makeArgs, "make_arg", "VAR=VALUE for make and make install (repeated)")
	fs.Var(&c.Objects, "object", "NAME=SOURCE: a C file compiled before configure, {OBJ:NAME} in arguments (repeated)")
	fs.Var(&c.MakePhases, "make_phase", "STEP=TARGET: the build as make calls, in order, each logged as STEP (repeated; empty TARGET: the default; none: one make)")
	fs.Var(&c.RuntimeDirs, "runtime_dir", "DEP=FOLDER to copy into lib/ (repeated)")
	fs.Var(&setupLocal, "setup_local", "line of Modules/Setup.local (repeated)")
	fs.Var(&sourceEdits, "source_edit", `an anchored edit of the sources, JSON {"file", "old", "new", "why"} (repeated, in order)`)
	fs.StringVar(&c.OutBinary, "out_binary", "", "where the interpreter goes; its file name is the installed one (python3.13t...)")
	fs.StringVar(&c.OutLib, "out_lib", "", "where lib/ goes")
	fs.StringVar(&c.OutInclude, "out_include", "", "where include/ goes")
	fs.StringVar(&c.OutShare, "out_share", "", "where share/ goes")
	fs.StringVar(&c.OutBuildInfo, "out_build_info", "", "where the build info JSON (configure arguments, modules and their linkage, glibc needed) goes")
	fs.Var(&binFiles, "bin_file", "a file of bin/ besides the interpreter, placed beside it (repeated)")
	fs.Var(&c.BinLinks, "bin_link", "NAME=TARGET: a link of bin/ that make install makes, made relative in the install (the rule places it beside the interpreter; repeated)")
	fs.StringVar(&c.OutLibpython, "out_libpython", "", "where a copy of the static libpython goes (for embedding)")
	fs.StringVar(&c.SharedLibpython, "shared_libpython", "", "soname of the shared libpython in lib/ (--enable-shared); not given: libpython is static")
	fs.StringVar(&c.MaxGlibc, "max_glibc", "", "the highest GLIBC_ symbol version a binary may need (the sysroot's glibc); not given: any")
	fs.Var(&moduleLibraries, "module_library", "MODULE=LIBRARIES: the libraries an extension module needs, joined with + (repeated)")
	fs.Var(&optionalModules, "optional_module", "a module of --module_library that configure may leave out (repeated)")
	fs.Var(&caBundles, "ca_bundle", "a distribution's CA bundle that the ssl module tries where OpenSSL's default paths hold none (repeated, in order)")
	if err := fs.Parse(args); err != nil {
		return cpython.Config{}, err
	}
	outputs := []string{"version", "out_binary", "out_lib", "out_include", "out_share", "out_build_info", "out_libpython"}
	if err := required(fs, append(outputs, commonRequired...)...); err != nil {
		return cpython.Config{}, err
	}
	c.Modules = modcheck.Expectation{Libraries: map[string]string{}, Optional: optionalModules}
	for _, kv := range moduleLibraries {
		c.Modules.Libraries[kv.Key] = kv.Value
	}
	opts, err := common.options()
	if err != nil {
		return cpython.Config{}, fmt.Errorf("cpython: %w", err)
	}
	c.Scratch = opts
	c.ConfigureArgs = common.configureArgs
	c.Env = common.env
	c.Jobs = common.jobs
	c.SetupLocal = setupLocal
	for _, line := range sourceEdits {
		edit, err := srcpatch.ParseEdit(line)
		if err != nil {
			return cpython.Config{}, fmt.Errorf("cpython: %w", err)
		}
		c.SourceEdits = append(c.SourceEdits, edit)
	}
	c.BinFiles = binFiles
	c.MakeArgs = makeArgs
	c.CABundles = caBundles
	return c, nil
}

func runCPython(args []string) error {
	c, err := parseCPython(args)
	if err != nil {
		return err
	}
	if err := cpython.Build(c); err != nil {
		return fmt.Errorf("CPython %s (%s) failed to build: %w", c.Version, c.Scratch.Name, err)
	}
	return nil
}
