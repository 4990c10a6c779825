// Command builder does the work of rules_cpython's actions and tests. Each run is one
// subcommand, with its arguments in a params file:
//
//	builder @params    (first line: autotools | cpython | unpacked | dist | exec-test | check-elf)
//
// A test's executable is a link to the builder; it then finds its params file through
// the RULES_CPYTHON_TEST_PARAMS environment variable.
package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
)

const testParamsEnv = "RULES_CPYTHON_TEST_PARAMS"

var commands = map[string]func(args []string) error{
	"autotools": runAutotools,
	"cpython":   runCPython,
	"unpacked":  runUnpacked,
	"dist":      runDist,
	"exec-test": runExecTest,
	"check-elf": runCheckELF,
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "rules_cpython: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		if p := os.Getenv(testParamsEnv); p != "" {
			args = []string{"@" + p}
		}
	}
	args, err := params.Expand(args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return fmt.Errorf("usage: builder @params (subcommands: %s)", commandNames())
	}
	command, ok := commands[args[0]]
	if !ok {
		return fmt.Errorf("unknown subcommand %q (known: %s)", args[0], commandNames())
	}
	return command(args[1:])
}

func commandNames() string {
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
