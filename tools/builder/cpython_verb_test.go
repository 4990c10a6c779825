package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/cpython"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/modcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srcpatch"
)

func TestCPythonReadsEveryFlag(t *testing.T) {
	args := append([]string{
		"--version=3.12", "--make_arg=PROFILE_TASK=-m test", "--object=compat=toolchains/compat.c",
		"--make_phase=instrumented=profile-gen-stamp", "--make_phase=optimized=",
		"--runtime_dir=tcl=lib/tcl9.0", "--setup_local=*static*", "--setup_local=zlib zlibmodule.c -lz",
		`--source_edit={"file": "setup.py", "new": "b\n", "old": "a\n", "why": "w"}`,
		"--out_binary=bazel-out/bin/python_install/bin/python3.12", "--out_lib=bazel-out/bin/lib",
		"--out_include=bazel-out/bin/include", "--out_share=bazel-out/bin/share",
		"--out_build_info=bazel-out/bin/info.json", "--bin_file=bazel-out/bin/pydoc3.12",
		"--bin_link=python3=python3.12", "--out_libpython=bazel-out/bin/libpython3.12.a",
		"--shared_libpython=libpython3.12.so.1.0", "--max_glibc=2.31",
		"--module_library=_ssl=openssl", "--module_library=_tkinter=tcl+tk", "--optional_module=_tkinter",
		"--ca_bundle=/etc/ssl/certs/ca-certificates.crt", "--ca_bundle=/etc/pki/tls/certs/ca-bundle.crt",
	}, commonArgs...)

	c, err := parseCPython(args)

	require.NoError(t, err)
	require.Equal(t, cpython.Config{
		Scratch:         commonOptions(t),
		Version:         "3.12",
		ConfigureArgs:   []string{"--disable-shared"},
		MakeArgs:        []string{"PROFILE_TASK=-m test"},
		Objects:         params.Pairs{{Key: "compat", Value: "toolchains/compat.c"}},
		MakePhases:      params.Pairs{{Key: "instrumented", Value: "profile-gen-stamp"}, {Key: "optimized", Value: ""}},
		Env:             params.Pairs{{Key: "A", Value: "b"}},
		Jobs:            3,
		RuntimeDirs:     params.Pairs{{Key: "tcl", Value: "lib/tcl9.0"}},
		SetupLocal:      []string{"*static*", "zlib zlibmodule.c -lz"},
		SourceEdits:     []srcpatch.Edit{{File: "setup.py", Old: "a\n", New: "b\n", Why: "w"}},
		OutBinary:       "bazel-out/bin/python_install/bin/python3.12",
		OutLib:          "bazel-out/bin/lib",
		OutInclude:      "bazel-out/bin/include",
		OutShare:        "bazel-out/bin/share",
		BinFiles:        []string{"bazel-out/bin/pydoc3.12"},
		BinLinks:        params.Pairs{{Key: "python3", Value: "python3.12"}},
		OutLibpython:    "bazel-out/bin/libpython3.12.a",
		SharedLibpython: "libpython3.12.so.1.0",
		OutBuildInfo:    "bazel-out/bin/info.json",
		MaxGlibc:        "2.31",
		Modules: modcheck.Expectation{
			Libraries: map[string]string{"_ssl": "openssl", "_tkinter": "tcl+tk"},
			Optional:  []string{"_tkinter"},
		},
		CABundles: []string{"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"},
	}, c)
	requireEachFlagIsRequired(t, func(a []string) error { _, err := parseCPython(a); return err }, args,
		"version", "out_binary", "out_lib", "out_include", "out_share", "out_build_info", "out_libpython")
}

func TestCPythonRefusesASourceEditWithoutItsReason(t *testing.T) {
	args := append([]string{
		"--version=3.11", "--out_binary=b/python3.11", "--out_lib=b/lib", "--out_include=b/include",
		"--out_share=b/share", "--out_build_info=b/info.json", "--out_libpython=b/libpython3.11.a",
		`--source_edit={"file": "setup.py", "new": "b", "old": "a"}`,
	}, commonArgs...)

	_, err := parseCPython(args)

	require.ErrorContains(t, err, "file, old and why are required")
}

func TestCPythonWithoutSharedLibpythonOrGlibcFloorLeavesThemEmpty(t *testing.T) {
	args := append([]string{
		"--version=3.13", "--out_binary=b/python3.13", "--out_lib=b/lib", "--out_include=b/include",
		"--out_share=b/share", "--out_build_info=b/info.json", "--out_libpython=b/libpython3.13.a",
	}, commonArgs...)

	c, err := parseCPython(args)

	require.NoError(t, err)
	require.Empty(t, c.SharedLibpython, "a static libpython")
	require.Empty(t, c.MaxGlibc, "any glibc")
	require.Empty(t, c.Modules.Libraries)
}
