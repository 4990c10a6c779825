package buildlog

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStepsAreTheTimedLinesInOrderAndNothingElse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "build.log")
	require.NoError(t, os.WriteFile(path, []byte("==== configure: ./configure\nchecking... took 3s\n==== configure took 48.1s\n"+
		"==== training took 600.5s\n==== compile changed took 1.0s\n==== compile changed took 2.0s\n"), 0o644))
	steps, err := Steps(path)
	require.NoError(t, err)
	require.Equal(t, []Step{{"configure", 48.1}, {"training", 600.5}, {"compile changed", 1}, {"compile changed", 2}}, steps)
	require.Equal(t, 3.0, Totals(steps)["compile changed"])
}

func TestStepsOfAMissingLogSayWhichFile(t *testing.T) {
	_, err := Steps("/nonexistent/build.log")
	require.ErrorContains(t, err, "/nonexistent/build.log")
}
