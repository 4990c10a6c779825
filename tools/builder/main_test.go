package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestUnknownSubcommandListsTheKnownOnes(t *testing.T) {
	err := run([]string{"frobnicate"})
	require.ErrorContains(t, err, `unknown subcommand "frobnicate"`)
	for name := range commands {
		require.ErrorContains(t, err, name)
	}
}

func TestTestModeReadsParamsFromTheEnvironment(t *testing.T) {
	file := filepath.Join(t.TempDir(), "t.params")
	require.NoError(t, os.WriteFile(file, []byte("check-elf\n--root="+t.TempDir()+"\n"), 0o644))
	t.Setenv(testParamsEnv, file)

	err := run(nil)

	require.ErrorContains(t, err, "no ELF file found", "the params file was read and check-elf ran")
}

func TestAutotoolsRequiresItsInputs(t *testing.T) {
	err := run([]string{"autotools", "--out=/tmp/x", "--name=zlib"})
	require.ErrorContains(t, err, "missing")
	require.ErrorContains(t, err, "--src_root")
}
