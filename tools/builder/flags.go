package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

// required fails, naming each of them, when a flag of names was not given. The rules
// decide every value; a flag they do not pass is a mismatch between the rules and the
// builder, never a default to fall back on.
func required(fs *flag.FlagSet, names ...string) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var missing []string
	for _, name := range names {
		if !given[name] {
			missing = append(missing, "--"+name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: missing %s", fs.Name(), strings.Join(missing, ", "))
	}
	return nil
}

// commonFlags are the flags of every build (autotools, cpython): what to build, with what.
type commonFlags struct {
	name, srcRoot, log, cc, ar             string
	srcs, cflags, ldflags, toolPath, tools params.List
	deps, envPaths                         params.Pairs
	sourceDateEpoch                        int64
	jobs                                   int
	configureArgs                          params.List
	env                                    params.Pairs
}

var commonRequired = []string{"name", "src_root", "log", "cc", "ar", "source_date_epoch", "jobs"}

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
	fs.Int64Var(&c.sourceDateEpoch, "source_date_epoch", 0, "timestamp for sources and outputs")
	fs.IntVar(&c.jobs, "jobs", 0, "make -j")
	fs.Var(&c.configureArgs, "configure_arg", "configure argument (repeated)")
	fs.Var(&c.env, "env", "KEY=VALUE for the build environment (repeated)")
}

// options are the scratch folder's inputs; the execroot is the folder the action runs in.
func (c *commonFlags) options() (scratch.Options, error) {
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
