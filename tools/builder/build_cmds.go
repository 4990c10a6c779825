package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/autotools"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/cpython"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/modcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

// commonFlags are the flags of every build: what to build, with what.
type commonFlags struct {
	name, srcRoot, log, cc, ar             string
	srcs, cflags, ldflags, toolPath, tools params.List
	deps, envPaths                         params.Pairs
	sourceDateEpoch                        int64
	jobs                                   int
	configureArgs                          params.List
	env                                    params.Pairs
}

func (c *commonFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.name, "name", "", "what is built, for messages")
	fs.StringVar(&c.srcRoot, "src_root", "", "folder the sources are below")
	fs.Var(&c.srcs, "src", "a source file (repeated)")
	fs.Var(&c.deps, "dep", "NAME=INSTALL_TREE of a dependency (repeated)")
	fs.StringVar(&c.log, "log", "", "log file to write")
	fs.StringVar(&c.cc, "cc", "", "C compiler of the toolchain")
	fs.StringVar(&c.ar, "ar", "", "archiver of the toolchain")
	fs.Var(&c.cflags, "cflag", "C compiler flag (repeated)")
	fs.Var(&c.ldflags, "ldflag", "linker flag (repeated)")
	fs.Var(&c.toolPath, "tool_path", "folder to look for build tools in (repeated)")
	fs.Var(&c.envPaths, "env_path", "VAR=PATH: a variable of the build environment set to a path, relative ones to the execroot (repeated)")
	fs.Var(&c.tools, "tool", "a program the build may run, linked into its bin/ when the tool path has it (repeated)")
	fs.Int64Var(&c.sourceDateEpoch, "source_date_epoch", 1704067200, "timestamp for sources and outputs")
	fs.IntVar(&c.jobs, "jobs", 1, "make -j")
	fs.Var(&c.configureArgs, "configure_arg", "configure argument (repeated)")
	fs.Var(&c.env, "env", "KEY=VALUE for the build environment (repeated)")
}

func (c *commonFlags) options() (scratch.Options, error) {
	missing := []string{}
	for flagName, value := range map[string]string{"name": c.name, "src_root": c.srcRoot, "log": c.log, "cc": c.cc, "ar": c.ar} {
		if value == "" {
			missing = append(missing, "--"+flagName)
		}
	}
	if len(missing) > 0 {
		return scratch.Options{}, fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	execroot, err := os.Getwd()
	if err != nil {
		return scratch.Options{}, fmt.Errorf("the folder the action runs in: %w", err)
	}
	deps := make([]scratch.Dep, len(c.deps))
	for i, d := range c.deps {
		deps[i] = scratch.Dep{Name: d.Key, Path: d.Value}
	}
	envPaths := make([]scratch.EnvPath, len(c.envPaths))
	for i, e := range c.envPaths {
		envPaths[i] = scratch.EnvPath{Key: e.Key, Path: e.Value}
	}
	return scratch.Options{
		EnvPaths:        envPaths,
		Name:            c.name,
		SrcRoot:         c.srcRoot,
		Srcs:            c.srcs,
		Deps:            deps,
		LogPath:         c.log,
		Toolchain:       scratch.Toolchain{CC: c.cc, AR: c.ar, CFlags: c.cflags, LDFlags: c.ldflags},
		ToolSearchPath:  c.toolPath,
		Tools:           c.tools,
		SourceDateEpoch: c.sourceDateEpoch,
		Execroot:        execroot,
	}, nil
}

func runAutotools(args []string) error {
	fs := flag.NewFlagSet("autotools", flag.ContinueOnError)
	var common commonFlags
	common.register(fs)
	var c autotools.Config
	var makeArgs, makeBefore, buildTargets, installTargets params.List
	fs.StringVar(&c.Out, "out", "", "install tree to produce")
	fs.StringVar(&c.ConfigureScript, "configure_script", "configure", "configure script, relative to the sources (empty: none)")
	fs.Var(&makeArgs, "make_arg", "argument of every make call (repeated)")
	fs.Var(&makeBefore, "make_before", "argument of a make call before the build (repeated)")
	fs.Var(&buildTargets, "build_target", "make target to build (repeated)")
	fs.Var(&installTargets, "install_target", "make target that installs (repeated)")
	fs.StringVar(&c.Subdir, "subdir", "", "folder to run make in, relative to the sources")
	fs.Var(&c.Links, "link", "PATH=TARGET alias to add to the install tree (repeated)")
	fs.Var(&c.Appends, "append", "PATH=LINE: a line to add to an installed text file (repeated)")
	var staticLibraries params.List
	fs.Var(&staticLibraries, "static_library", "archive of the install tree that C targets link, relative to it (repeated)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.Out == "" {
		return fmt.Errorf("autotools: missing --out")
	}
	opts, err := common.options()
	if err != nil {
		return fmt.Errorf("autotools: %w", err)
	}
	c.Scratch = opts
	c.ConfigureArgs = common.configureArgs
	c.Env = common.env
	c.Jobs = common.jobs
	c.MakeArgs, c.MakeBefore, c.BuildTargets, c.InstallTargets = makeArgs, makeBefore, buildTargets, installTargets
	c.StaticLibraries = staticLibraries
	if err := autotools.Build(c); err != nil {
		return fmt.Errorf("library %s failed to build: %w", common.name, err)
	}
	return nil
}

func runCPython(args []string) error {
	fs := flag.NewFlagSet("cpython", flag.ContinueOnError)
	var common commonFlags
	common.register(fs)
	var c cpython.Config
	fs.StringVar(&c.Version, "version", "", "major.minor")
	var makeArgs params.List
	fs.Var(&makeArgs, "make_arg", "VAR=VALUE for make and make install (repeated)")
	fs.Var(&c.Objects, "object", "NAME=SOURCE: a C file compiled before configure, {OBJ:NAME} in arguments (repeated)")
	fs.Var(&c.MakePhases, "make_phase", "STEP=TARGET: the build as make calls, in order, each logged as STEP (repeated; empty TARGET: the default; none: one make)")
	fs.Var(&c.RuntimeDirs, "runtime_dir", "DEP=FOLDER to copy into lib/ (repeated)")
	var setupLocal params.List
	fs.Var(&setupLocal, "setup_local", "line of Modules/Setup.local (repeated)")
	fs.StringVar(&c.OutBinary, "out_binary", "", "where the interpreter goes; its file name is the installed one (python3.13t...)")
	fs.StringVar(&c.OutLib, "out_lib", "", "where lib/ goes")
	fs.StringVar(&c.OutInclude, "out_include", "", "where include/ goes")
	fs.StringVar(&c.OutShare, "out_share", "", "where share/ goes")
	fs.StringVar(&c.OutBuildInfo, "out_build_info", "", "where the build info JSON (configure arguments, modules and their linkage, glibc needed) goes")
	var binFiles params.List
	fs.Var(&binFiles, "bin_file", "a file of bin/ besides the interpreter, placed beside it (repeated)")
	fs.Var(&c.BinLinks, "bin_link", "NAME=TARGET: a link of bin/ that make install makes, made relative in the install (the rule places it beside the interpreter; repeated)")
	fs.StringVar(&c.OutLibpython, "out_libpython", "", "where a copy of the static libpython goes (for embedding)")
	fs.StringVar(&c.SharedLibpython, "shared_libpython", "", "soname of the shared libpython in lib/ (--enable-shared); empty: libpython is static")
	fs.StringVar(&c.MaxGlibc, "max_glibc", "", "the highest GLIBC_ symbol version a binary may need (the sysroot's glibc); empty: any")
	var moduleLibraries params.Pairs
	fs.Var(&moduleLibraries, "module_library", "MODULE=LIBRARIES: the libraries an extension module needs, joined with + (repeated)")
	var optionalModules params.List
	fs.Var(&optionalModules, "optional_module", "a module of --module_library that configure may leave out (repeated)")
	var caBundles params.List
	fs.Var(&caBundles, "ca_bundle", "a distribution's CA bundle that the ssl module tries where OpenSSL's default paths hold none (repeated, in order)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c.Modules = modcheck.Expectation{Libraries: map[string]string{}, Optional: optionalModules}
	for _, kv := range moduleLibraries {
		c.Modules.Libraries[kv.Key] = kv.Value
	}
	if c.Version == "" || c.OutBinary == "" || c.OutLib == "" || c.OutInclude == "" {
		return fmt.Errorf("cpython: --version, --out_binary, --out_lib and --out_include are required")
	}
	opts, err := common.options()
	if err != nil {
		return fmt.Errorf("cpython: %w", err)
	}
	c.Scratch = opts
	c.ConfigureArgs = common.configureArgs
	c.Env = common.env
	c.Jobs = common.jobs
	c.SetupLocal = setupLocal
	c.BinFiles = binFiles
	c.MakeArgs = makeArgs
	c.CABundles = caBundles
	if err := cpython.Build(c); err != nil {
		return fmt.Errorf("CPython %s (%s) failed to build: %w", c.Version, common.name, err)
	}
	return nil
}
