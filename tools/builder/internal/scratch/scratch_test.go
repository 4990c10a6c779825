package scratch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTheBuildsTemporaryFolderIsShortAndRemoved(t *testing.T) {
	deep := filepath.Join(t.TempDir(), strings.Repeat("sandbox/", 12))
	src := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(src, "configure"), []byte("#!/bin/sh\n"), 0o755))
	s, err := Prepare(Options{Name: "python", Near: deep, LogPath: filepath.Join(t.TempDir(), "python.log"),
		SrcRoot: src, Srcs: []string{filepath.Join(src, "configure")},
		Toolchain: Toolchain{CC: "/bin/sh", AR: "/bin/sh"}, ToolSearchPath: []string{"/usr/bin", "/bin"}})
	require.NoError(t, err)
	require.DirExists(t, s.Tmp)
	// multiprocessing's socket, pymp-XXXXXXXX/listener-XXXXXXXX, must fit in 107 bytes.
	require.Less(t, len(s.Tmp)+len("/pymp-xxxxxxxx/listener-xxxxxxxx"), 107)
	require.Contains(t, s.Env, "TMPDIR="+s.Tmp)

	require.NoError(t, s.Remove())
	require.NoDirExists(t, s.Tmp)
	require.NoDirExists(t, s.Root)
}
