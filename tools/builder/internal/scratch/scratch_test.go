package scratch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func options(t *testing.T, name string) Options {
	t.Helper()
	src := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(src, "configure"), []byte("#!/bin/sh\n"), 0o755))
	return Options{Name: name, LogPath: filepath.Join(t.TempDir(), name+".log"),
		SrcRoot: src, Srcs: []string{filepath.Join(src, "configure")},
		Toolchain: Toolchain{CC: "/bin/sh", AR: "/bin/sh"}, ToolSearchPath: []string{"/usr/bin", "/bin"}}
}

func TestTheScratchFolderIsAtAFixedShortPathAndRemoved(t *testing.T) {
	name := fmt.Sprintf("scratch-test-%d", os.Getpid())
	// Builds keep their lock file (removing it would race with a waiting build); a test
	// that runs once per process id leaves none behind.
	t.Cleanup(func() { _ = os.Remove(filepath.Join(FixedParent, name+".lock")) })
	s, err := Prepare(options(t, name))
	require.NoError(t, err)

	require.Equal(t, filepath.Join(FixedParent, name), s.Root, "the same path in every sandbox and output base")
	require.DirExists(t, s.Tmp)
	// multiprocessing's socket, pymp-XXXXXXXX/listener-XXXXXXXX, must fit in 107 bytes.
	require.Less(t, len(s.Tmp)+len("/pymp-xxxxxxxx/listener-xxxxxxxx"), 107)
	require.Contains(t, s.Env, "TMPDIR="+s.Tmp)
	require.NoError(t, s.Remove())
	require.NoDirExists(t, s.Root)
}

func TestTwoBuildsOfOneNameTakeTurns(t *testing.T) {
	parent := t.TempDir()
	first := options(t, "python")
	first.Parent = parent
	s, err := Prepare(first)
	require.NoError(t, err)
	marker := filepath.Join(s.Root, "src", "first-was-here")
	require.NoError(t, os.WriteFile(marker, nil, 0o644))

	second := make(chan *Scratch)
	go func() {
		o := options(t, "python")
		o.Parent = parent
		s2, err := Prepare(o)
		require.NoError(t, err)
		second <- s2
	}()
	select {
	case <-second:
		t.Fatal("the second build had the folder while the first held it")
	case <-time.After(300 * time.Millisecond):
	}
	require.FileExists(t, marker, "the waiting build must not clear the folder in use")
	require.NoError(t, s.Remove())
	s2 := <-second
	require.NoFileExists(t, marker)
	require.NoError(t, s2.Remove())
}
