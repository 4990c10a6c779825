package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

// scratchFolderEnv names, in a test's environment, the folder builds run in.
const scratchFolderEnv = "RULES_CPYTHON_SCRATCH_FOLDER"

// execTest is the program a test runs: its path, arguments and environment.
type execTest struct {
	path    string
	argv    []string
	environ []string
}

func parseExecTest(args []string, environ []string) (execTest, error) {
	fs := flag.NewFlagSet("exec-test", flag.ContinueOnError)
	var program string
	var argv params.List
	var env params.Pairs
	fs.StringVar(&program, "program", "", "program to run, relative to the runfiles folder")
	fs.Var(&argv, "arg", "argument (repeated)")
	fs.Var(&env, "env", "KEY=VALUE added to the environment (repeated)")
	if err := fs.Parse(args); err != nil {
		return execTest{}, err
	}
	if err := required(fs, "program"); err != nil {
		return execTest{}, err
	}
	path, err := filepath.Abs(program)
	if err != nil {
		return execTest{}, err
	}
	// What a test looks for in the tree it tests: the folder every build runs in, as the
	// builder defines it (path_scan_test.py), not a copy that could drift.
	environ = append(append([]string{}, environ...), scratchFolderEnv+"="+scratch.FixedParent)
	for _, kv := range env {
		environ = append(environ, kv.Key+"="+kv.Value)
	}
	return execTest{path: path, argv: append([]string{path}, argv...), environ: environ}, nil
}

// runExecTest replaces the builder with the program under test, so that its exit
// status, output and signals are the test's own.
func runExecTest(args []string) error {
	e, err := parseExecTest(args, os.Environ())
	if err != nil {
		return err
	}
	if err := syscall.Exec(e.path, e.argv, e.environ); err != nil {
		return fmt.Errorf("exec-test: running %s: %w", e.path, err)
	}
	return nil
}
