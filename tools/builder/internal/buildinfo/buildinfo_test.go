package buildinfo

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWhatWriteSavesReadLoads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "python_build_info.json")
	info := BuildInfo{PythonVersion: "3.13.99", ConfigureArgs: []string{"--prefix=/install"}, GlibcVersion: "2.31",
		ExtensionModules: []Module{{Name: "_ssl", Linkage: "shared", Libraries: []string{"openssl"}}}}

	require.NoError(t, Write(path, info))
	got, err := Read(path)

	require.NoError(t, err)
	require.Equal(t, info, got)
	_, err = Read(filepath.Join(t.TempDir(), "missing.json"))
	require.Error(t, err)
}
