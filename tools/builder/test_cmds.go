package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/elfcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

// scratchFolderEnv names, in a test's environment, the folder builds run in.
const scratchFolderEnv = "RULES_CPYTHON_SCRATCH_FOLDER"

// runExecTest replaces the builder with the program under test, so that its exit
// status, output and signals are the test's own.
func runExecTest(args []string) error {
	fs := flag.NewFlagSet("exec-test", flag.ContinueOnError)
	var program string
	var argv params.List
	var env params.Pairs
	fs.StringVar(&program, "program", "", "program to run, relative to the runfiles folder")
	fs.Var(&argv, "arg", "argument (repeated)")
	fs.Var(&env, "env", "KEY=VALUE added to the environment (repeated)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if program == "" {
		return fmt.Errorf("exec-test: missing --program")
	}
	path, err := filepath.Abs(program)
	if err != nil {
		return err
	}
	// What a test looks for in the tree it tests: the folder every build runs in, as the
	// builder defines it (path_scan_test.py), not a copy that could drift.
	environ := append(os.Environ(), scratchFolderEnv+"="+scratch.FixedParent)
	for _, kv := range env {
		environ = append(environ, kv.Key+"="+kv.Value)
	}
	if err := syscall.Exec(path, append([]string{path}, argv...), environ); err != nil {
		return fmt.Errorf("exec-test: running %s: %w", program, err)
	}
	return nil
}

func runCheckELF(args []string) error {
	fs := flag.NewFlagSet("check-elf", flag.ContinueOnError)
	var roots params.List
	fs.Var(&roots, "root", "file or folder to check (repeated)")
	sharedLibpython := fs.String("shared_libpython", "", "soname of the interpreter's shared libpython; empty: libpython is static")
	maxGlibc := fs.String("max_glibc", "", "the highest GLIBC_ symbol version allowed (the sysroot's glibc); empty: any")
	if err := fs.Parse(args); err != nil {
		return err
	}
	count, err := elfcheck.CheckTree(elfcheck.Interpreter(*sharedLibpython, *maxGlibc), roots...)
	if err != nil {
		return err
	}
	version, file, err := elfcheck.HighestGlibc(roots...)
	if err != nil {
		return err
	}
	protections, err := elfcheck.Protections(roots...)
	if err != nil {
		return err
	}
	fmt.Print(elfcheck.Summary(protections, ""))
	if err := elfcheck.CheckProtection(protections); err != nil {
		return err
	}
	fmt.Printf("%d ELF files need nothing outside the allow-list, are hardened (RELRO, BIND_NOW, PIE, stack protector, fortified calls), and need at most GLIBC_%s (%s)\n", count, version, file)
	return nil
}
