package remoteexec

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAMissingBaseFailsBeforeAnythingStartsNamingTheBind(t *testing.T) {
	base := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(base, "bin"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(base, "bin", "dash"), nil, 0o755))
	// No lib/x86_64-linux-gnu: the launcher must not run.
	_, err := Start(t.TempDir(), BaseBinds(base), 1, []string{"/nonexistent/launcher"}, base)
	require.ErrorContains(t, err, "/lib/x86_64-linux-gnu")
	require.ErrorContains(t, err, "the C library /bin/sh loads")
}

func TestTheBaseBindsTheShellItsLibrariesAndItsLoaderOnly(t *testing.T) {
	var targets []string
	for _, b := range BaseBinds("/base") {
		targets = append(targets, b.Target)
		require.NotEmpty(t, b.Why, b.Target)
	}
	require.Equal(t, []string{"/bin/sh", "/lib/x86_64-linux-gnu", "/lib64"}, targets)
}
