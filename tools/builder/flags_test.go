package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

// commonArgs are the flags every build verb is given, one value each.
var commonArgs = []string{
	"--name=zlib", "--src_root=external/zlib", "--src=external/zlib/a.c", "--src=external/zlib/configure",
	"--dep=openssl=bazel-out/bin/openssl", "--log=bazel-out/bin/zlib.log",
	"--cc=external/tools/gcc", "--ar=external/tools/ar", "--cflag=-O2", "--cflag=-g0", "--ldflag=-Wl,-z,now",
	"--tool_path=external/tools/bin", "--env_path=PERL5LIB=external/tools/perl", "--tool=make", "--tool=sh",
	"--source_date_epoch=1700000000", "--jobs=3", "--configure_arg=--disable-shared", "--env=A=b",
}

// commonOptions are the scratch options of commonArgs, run from the execroot here.
func commonOptions(t *testing.T) scratch.Options {
	t.Helper()
	execroot, err := os.Getwd()
	require.NoError(t, err)
	return scratch.Options{
		Name:            "zlib",
		SrcRoot:         "external/zlib",
		Srcs:            []string{"external/zlib/a.c", "external/zlib/configure"},
		Deps:            []scratch.Dep{{Name: "openssl", Path: "bazel-out/bin/openssl"}},
		LogPath:         "bazel-out/bin/zlib.log",
		Toolchain:       scratch.Toolchain{CC: "external/tools/gcc", AR: "external/tools/ar", CFlags: []string{"-O2", "-g0"}, LDFlags: []string{"-Wl,-z,now"}},
		ToolSearchPath:  []string{"external/tools/bin"},
		EnvPaths:        []scratch.EnvPath{{Key: "PERL5LIB", Path: "external/tools/perl"}},
		Tools:           []string{"make", "sh"},
		SourceDateEpoch: 1700000000,
		Execroot:        execroot,
	}
}

// without is args less every flag named name.
func without(args []string, name string) []string {
	var out []string
	for _, a := range args {
		if a != "--"+name && !strings.HasPrefix(a, "--"+name+"=") {
			out = append(out, a)
		}
	}
	return out
}

// requireEachFlagIsRequired drops each flag of names from args in turn: parse must
// fail naming it.
func requireEachFlagIsRequired(t *testing.T, parse func([]string) error, args []string, names ...string) {
	t.Helper()
	require.NoError(t, parse(args), "all flags given")
	for _, name := range names {
		err := parse(without(args, name))
		require.Error(t, err, "--%s left out", name)
		require.ErrorContains(t, err, "missing --"+name)
	}
}

func TestTheCommonFlagsAreEachRequired(t *testing.T) {
	args := append([]string{"--out=bazel-out/bin/zlib", "--configure_script=configure"}, commonArgs...)
	parse := func(a []string) error { _, err := parseAutotools(a); return err }
	requireEachFlagIsRequired(t, parse, args, commonRequired...)
}
