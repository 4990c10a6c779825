package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunCopiesEachPairIntoTheWorkspace(t *testing.T) {
	workspace := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(workspace, "docs"), 0o755))
	generated := filepath.Join(t.TempDir(), "gen.md")
	require.NoError(t, os.WriteFile(generated, []byte("# table\n"), 0o644))

	require.NoError(t, run(workspace, []string{generated + "=docs/out.md"}))

	data, err := os.ReadFile(filepath.Join(workspace, "docs", "out.md"))
	require.NoError(t, err)
	require.Equal(t, "# table\n", string(data))
}

func TestRunRefusesOutsideBazelRunAndBadPairs(t *testing.T) {
	require.ErrorContains(t, run("", []string{"a=b"}), "bazel run")
	require.ErrorContains(t, run(t.TempDir(), []string{"no-equals-sign"}), "GENERATED=DEST")
}
