package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const index = `Package: gcc
Version: 14-1
Depends: cpp (= 14-1), libc6 (>= 2.38), awk | mawk
Filename: pool/main/g/gcc/gcc_14-1_amd64.deb
SHA256: 01

Package: cpp
Version: 14-1
Pre-Depends: libc6
Depends: debconf (>= 0.5) | debconf-2.0
Filename: pool/main/g/gcc/cpp_14-1_amd64.deb
SHA256: 02

Package: libc6
Version: 2.41-1
Filename: pool/main/g/glibc/libc6_2.41-1_amd64.deb
SHA256: 03

Package: mawk
Version: 1.3
Provides: awk
Description: an awk
 with a second line: Depends: nothing
Filename: pool/main/m/mawk/mawk_1.3_amd64.deb
SHA256: 04

Package: debconf
Version: 1.5
Filename: pool/main/d/debconf/debconf_1.5_all.deb
SHA256: 05
`

func names(packages []*Package) []string {
	var out []string
	for _, p := range packages {
		out = append(out, p.Name)
	}
	return out
}

func TestResolveFollowsDependenciesProvidersAndLeavesOutWhatIsAsked(t *testing.T) {
	parsed, err := ParseIndex(strings.NewReader(index))
	require.NoError(t, err)
	got, err := Resolve(parsed, []string{"gcc"}, []string{"debconf"})
	require.NoError(t, err)
	require.Equal(t, []string{"cpp", "gcc", "libc6", "mawk"}, names(got))
	require.Equal(t, "pool/main/m/mawk/mawk_1.3_amd64.deb", got[3].Filename)

	got, err = Resolve(parsed, []string{"gcc"}, nil)
	require.NoError(t, err)
	require.Equal(t, []string{"cpp", "debconf", "gcc", "libc6", "mawk"}, names(got))
}

func TestResolveNamesWhatCannotBeFound(t *testing.T) {
	parsed, err := ParseIndex(strings.NewReader(index + "\nPackage: odd\nVersion: 1\nDepends: missing | gone\n"))
	require.NoError(t, err)
	_, err = Resolve(parsed, []string{"odd"}, nil)
	require.ErrorContains(t, err, "odd depends on missing | gone")
	_, err = Resolve(parsed, []string{"nosuch"}, nil)
	require.ErrorContains(t, err, `"nosuch" is not in the index`)
}
