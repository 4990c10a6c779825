package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/autotools"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
)

func TestAutotoolsReadsEveryFlag(t *testing.T) {
	args := append([]string{
		"--out=bazel-out/bin/zlib", "--configure_script=", "--make_arg=V=1", "--make_before=include/x.h",
		"--build_target=all", "--install_target=install", "--subdir=src", "--link=lib/libz.so=libz.so.1",
		"--append=lib/pkgconfig/z.pc=Requires: x", "--static_library=lib/libz.a",
	}, commonArgs...)

	c, err := parseAutotools(args)

	require.NoError(t, err)
	require.Equal(t, autotools.Config{
		Scratch:         commonOptions(t),
		Out:             "bazel-out/bin/zlib",
		ConfigureScript: "",
		ConfigureArgs:   []string{"--disable-shared"},
		Env:             params.Pairs{{Key: "A", Value: "b"}},
		MakeArgs:        []string{"V=1"},
		MakeBefore:      []string{"include/x.h"},
		BuildTargets:    []string{"all"},
		InstallTargets:  []string{"install"},
		Subdir:          "src",
		Jobs:            3,
		Links:           params.Pairs{{Key: "lib/libz.so", Value: "libz.so.1"}},
		Appends:         params.Pairs{{Key: "lib/pkgconfig/z.pc", Value: "Requires: x"}},
		StaticLibraries: []string{"lib/libz.a"},
	}, c)
	requireEachFlagIsRequired(t, func(a []string) error { _, err := parseAutotools(a); return err }, args, "out", "configure_script")
}
