package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTheLockFileReadsBackWhatItWrote(t *testing.T) {
	lock := Lock{Suite: "trixie", Roots: []string{"gcc-14", "make"}, LeaveOut: []string{"debconf"},
		Packages: []*Package{{Name: "make", Version: "4.4.1-2", Filename: "pool/main/m/make-dfsg/make_4.4.1-2_amd64.deb", SHA256: "ab"}}}
	text := []byte(lock.Starlark(lockPath))
	require.Equal(t, "trixie", stringValue(text, "SUITE"))
	require.Equal(t, []string{"gcc-14", "make"}, listValue(text, "ROOTS"))
	require.Equal(t, []string{"debconf"}, listValue(text, "LEAVE_OUT"))
	require.Contains(t, string(text), `pool = "pool/main/m/make-dfsg/make_4.4.1-2_amd64.deb"`)
}

func TestALockWithABaseLeavesOutTheBasesPackagesAndItsLeaveOut(t *testing.T) {
	base := Lock{Suite: "trixie", Roots: []string{"gcc"}, LeaveOut: []string{"debconf"},
		Packages: []*Package{{Name: "gcc"}, {Name: "libc6"}}}
	read := ReadLock([]byte(base.Starlark(lockPath)))
	require.Equal(t, []string{"gcc", "libc6"}, names(read.Packages))

	parsed, err := ParseIndex(strings.NewReader(index))
	require.NoError(t, err)
	clang := Lock{Base: lockPath, Roots: []string{"cpp", "mawk"}}
	got, err := Resolve(parsed, clang.Roots, clang.Excluded(read))
	require.NoError(t, err)
	require.Equal(t, []string{"cpp", "mawk"}, names(got))
	require.Equal(t, lockPath, ReadLock([]byte(clang.Starlark("other.bzl"))).Base)
}
