package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestExecTestRunsTheProgramWithItsArgumentsAndEnvironment(t *testing.T) {
	args := []string{"--program=python_install/bin/python3.12", "--arg=-I", "--arg=smoke_test.py", "--env=EXPECT_TCL=9.0.4"}

	e, err := parseExecTest(args, []string{"HOME=/home/x"})

	require.NoError(t, err)
	cwd, err := os.Getwd()
	require.NoError(t, err)
	program := filepath.Join(cwd, "python_install/bin/python3.12")
	require.Equal(t, execTest{
		path:    program,
		argv:    []string{program, "-I", "smoke_test.py"},
		environ: []string{"HOME=/home/x", "RULES_CPYTHON_SCRATCH_FOLDER=/tmp/rules_cpython", "EXPECT_TCL=9.0.4"},
	}, e)
	requireEachFlagIsRequired(t, func(a []string) error { _, err := parseExecTest(a, nil); return err }, args, "program")
}
