package mdsection

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReplaceCreatesAppendsAndReplacesSections(t *testing.T) {
	path := filepath.Join(t.TempDir(), "benchmarks.md")

	require.NoError(t, Replace(path, "# Benchmarks", "build", "build: 1 s"))
	require.NoError(t, Replace(path, "# Benchmarks", "interp", "interp: 2x"))
	require.NoError(t, Replace(path, "# Benchmarks", "build", "build: 3 s\n"))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "# Benchmarks\n\n"+
		"<!-- begin build -->\nbuild: 3 s\n<!-- end build -->\n\n"+
		"<!-- begin interp -->\ninterp: 2x\n<!-- end interp -->\n", string(data))
}

func TestReplaceRefusesASectionWithoutEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "benchmarks.md")
	require.NoError(t, os.WriteFile(path, []byte("# B\n<!-- begin build -->\nhalf\n"), 0o644))
	require.ErrorContains(t, Replace(path, "# B", "build", "x"), "no end marker")
}

func TestProvenanceNamesTheCommandAndTheMachine(t *testing.T) {
	line := Provenance("go run ./bench/interp")
	require.Contains(t, line, "Written by `go run ./bench/interp` on ")
	require.Contains(t, line, fmt.Sprintf("%d cores, %s/%s.", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH))
}
