package main

import (
	"flag"
	"fmt"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/autotools"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
)

// parseAutotools reads the autotools verb's flags: a library built with configure and make.
func parseAutotools(args []string) (autotools.Config, error) {
	fs := flag.NewFlagSet("autotools", flag.ContinueOnError)
	var common commonFlags
	common.register(fs)
	var c autotools.Config
	var makeArgs, makeBefore, buildTargets, installTargets, staticLibraries params.List
	fs.StringVar(&c.Out, "out", "", "install tree to produce")
	fs.StringVar(&c.ConfigureScript, "configure_script", "", "configure script, relative to the sources (empty: none)")
	fs.Var(&makeArgs, "make_arg", "argument of every make call (repeated)")
	fs.Var(&makeBefore, "make_before", "argument of a make call before the build (repeated)")
	fs.Var(&buildTargets, "build_target", "make target to build (repeated)")
	fs.Var(&installTargets, "install_target", "make target that installs (repeated)")
	fs.StringVar(&c.Subdir, "subdir", "", "folder to run make in, relative to the sources (empty: their root)")
	fs.Var(&c.Links, "link", "PATH=TARGET alias to add to the install tree (repeated)")
	fs.Var(&c.Appends, "append", "PATH=LINE: a line to add to an installed text file (repeated)")
	fs.Var(&staticLibraries, "static_library", "archive of the install tree that C targets link, relative to it (repeated)")
	if err := fs.Parse(args); err != nil {
		return autotools.Config{}, err
	}
	if err := required(fs, append([]string{"out", "configure_script"}, commonRequired...)...); err != nil {
		return autotools.Config{}, err
	}
	opts, err := common.options()
	if err != nil {
		return autotools.Config{}, fmt.Errorf("autotools: %w", err)
	}
	c.Scratch = opts
	c.ConfigureArgs = common.configureArgs
	c.Env = common.env
	c.Jobs = common.jobs
	c.MakeArgs, c.MakeBefore, c.BuildTargets, c.InstallTargets = makeArgs, makeBefore, buildTargets, installTargets
	c.StaticLibraries = staticLibraries
	return c, nil
}

func runAutotools(args []string) error {
	c, err := parseAutotools(args)
	if err != nil {
		return err
	}
	if err := autotools.Build(c); err != nil {
		return fmt.Errorf("library %s failed to build: %w", c.Scratch.Name, err)
	}
	return nil
}
