package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
)

func TestCheckELFReadsEveryFlag(t *testing.T) {
	args := []string{"--root=python_install/bin/python3.12", "--root=python_install/lib", "--shared_libpython=libpython3.12.so.1.0", "--max_glibc=2.31"}

	c, err := parseCheckELF(args)

	require.NoError(t, err)
	require.Equal(t, checkELF{
		roots:           params.List{"python_install/bin/python3.12", "python_install/lib"},
		sharedLibpython: "libpython3.12.so.1.0",
		maxGlibc:        "2.31",
	}, c)
	requireEachFlagIsRequired(t, func(a []string) error { _, err := parseCheckELF(a); return err }, args, "root")
}

func TestCheckELFOfATreeWithoutELFFilesFails(t *testing.T) {
	c, err := parseCheckELF([]string{"--root=" + t.TempDir()})
	require.NoError(t, err)
	var out strings.Builder
	require.ErrorContains(t, c.run(&out), "no ELF file found")
}
