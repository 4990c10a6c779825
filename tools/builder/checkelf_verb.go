package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/elfcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
)

// checkELF is what the check-elf verb checks: the trees, and the policy's two inputs.
type checkELF struct {
	roots                     params.List
	sharedLibpython, maxGlibc string
}

func parseCheckELF(args []string) (checkELF, error) {
	fs := flag.NewFlagSet("check-elf", flag.ContinueOnError)
	var c checkELF
	fs.Var(&c.roots, "root", "file or folder to check (repeated)")
	fs.StringVar(&c.sharedLibpython, "shared_libpython", "", "soname of the interpreter's shared libpython; not given: libpython is static")
	fs.StringVar(&c.maxGlibc, "max_glibc", "", "the highest GLIBC_ symbol version allowed (the sysroot's glibc); not given: any")
	if err := fs.Parse(args); err != nil {
		return checkELF{}, err
	}
	return c, required(fs, "root")
}

func runCheckELF(args []string) error {
	c, err := parseCheckELF(args)
	if err != nil {
		return err
	}
	return c.run(os.Stdout)
}

func (c checkELF) run(out io.Writer) error {
	count, err := elfcheck.CheckTree(elfcheck.Interpreter(c.sharedLibpython, c.maxGlibc), c.roots...)
	if err != nil {
		return err
	}
	version, file, err := elfcheck.HighestGlibc(c.roots...)
	if err != nil {
		return err
	}
	protections, err := elfcheck.Protections(c.roots...)
	if err != nil {
		return err
	}
	fmt.Fprint(out, elfcheck.Summary(protections, ""))
	if err := elfcheck.CheckProtection(protections); err != nil {
		return err
	}
	fmt.Fprintf(out, "%d ELF files need nothing outside the allow-list, are hardened (RELRO, BIND_NOW, PIE, stack protector, fortified calls), and need at most GLIBC_%s (%s)\n", count, version, file)
	return nil
}
