//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// bindIntoToolbox runs the toolbox's offline_bind, which makes a folder of this machine
// visible at the same path inside a toolbox root.
func bindIntoToolbox(t *testing.T, root, dir string) {
	t.Helper()
	script := `. "$1" && offline_bind "$2" "$3"`
	out, err := exec.Command("bash", "-c", script, "bash",
		filepath.Join(workspace(t), "tools", "offline", "mounts.sh"), root, dir).CombinedOutput()
	require.NoError(t, err, "%s", out)
}

// CI clones into the same path on every run, after deleting the clone of the last one:
// the toolbox must see the new clone, not the deleted folder that an earlier mount still shows.
func TestToolboxSeesAFolderMadeAgainAtTheSamePath(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("bind mounts need root, as the toolbox does")
	}
	root := t.TempDir()
	dir := filepath.Join(t.TempDir(), "clone")
	inside := root + dir
	t.Cleanup(func() { exec.Command("umount", "--lazy", inside).Run() })

	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "first"), nil, 0o644))
	bindIntoToolbox(t, root, dir)
	require.FileExists(t, filepath.Join(inside, "first"))

	bindIntoToolbox(t, root, dir)
	require.FileExists(t, filepath.Join(inside, "first"), "binding the same folder twice keeps it visible")

	require.NoError(t, os.RemoveAll(dir))
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "second"), nil, 0o644))
	bindIntoToolbox(t, root, dir)
	require.FileExists(t, filepath.Join(inside, "second"), "the toolbox shows the folder made again")
	require.NoFileExists(t, filepath.Join(inside, "first"))
}
