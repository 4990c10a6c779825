//go:build e2e

// Package e2e holds tests that drive Bazel itself (tools/bazel) from the workspace;
// tools/test runs them with `go test -tags e2e ./e2e/...` after the Bazel tests.
package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/aquery"
)

// buildActions are the actions of a target with this mnemonic, as outputs ->
// action key. Equal maps mean Bazel runs none of them again for a second target.
// flags are more options of the aquery, as a build would be given them.
func buildActions(t *testing.T, mnemonic, target string, flags ...string) map[string]string {
	t.Helper()
	return actionsByMnemonic(t, mnemonic, target, flags...)[""]
}

// actionsByMnemonic is buildActions for a pattern of mnemonics from one aquery (each
// aquery with other flags analyses the graph again): mnemonic -> outputs -> action
// key, and under "" every action matched.
func actionsByMnemonic(t *testing.T, mnemonics, target string, flags ...string) map[string]map[string]string {
	t.Helper()
	args := append([]string{"aquery", "mnemonic(" + mnemonics + ", deps(" + target + "))", "--output=jsonproto", "--ui_event_filters=-info,-progress"}, flags...)
	out := bazelStdout(t, args...)
	graph, err := aquery.Parse(out)
	require.NoError(t, err)
	actions := map[string]map[string]string{"": {}}
	for _, a := range graph {
		outputs := append([]string{}, a.Outputs...)
		sort.Strings(outputs)
		key := strings.Join(outputs, " ")
		if actions[a.Mnemonic] == nil {
			actions[a.Mnemonic] = map[string]string{}
		}
		actions[a.Mnemonic][key] = a.ActionKey
		actions[""][key] = a.ActionKey
	}
	return actions
}

func workspace(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	return filepath.Dir(dir)
}

func TestVariantsShareTheLibrariesOfTheDefaultInterpreter(t *testing.T) {
	base := buildActions(t, "AutotoolsBuild", "//:python_3_13")
	require.NotEmpty(t, base, "the default interpreter's library actions")
	for _, variant := range []string{"//:python_3_13_opt", "//:python_3_13_debug", "//:python_3_13_shared", "//:python_3_13t"} {
		require.Equal(t, base, buildActions(t, "AutotoolsBuild", variant),
			"%s must reuse the libraries of //:python_3_13: same outputs, same action keys", variant)
	}
	clang := buildActions(t, "AutotoolsBuild", "//:python_3_13_clang_opt")
	require.Len(t, clang, len(base), "clang builds every library too")
	for outputs := range clang {
		require.NotContains(t, base, outputs, "clang's libraries are not gcc's")
	}
	require.Equal(t, clang, buildActions(t, "AutotoolsBuild", "//:python_3_13_clang_opt_bolt"),
		"the clang variants share their libraries")
}

// The compiler of a build action: a program named clang, or one whose name holds gcc
// (Debian's x86_64-linux-gnu-gcc-14).
var (
	clangCommand = regexp.MustCompile(`--cc=\S*/clang\b`)
	gccCommand   = regexp.MustCompile(`--cc=\S*/(?:[\w.-]+-)?gcc(?:-\d+)?\b`)
)

// --//config:lto=thin needs clang: the default compiler (auto) becomes clang for the
// interpreter and its libraries; the default build names gcc and GNU ld.
func TestThinLTOBuildsWithClang(t *testing.T) {
	thin := string(bazelStdout(t, "aquery", "mnemonic('(CpythonBuild|AutotoolsBuild)', deps(//:python))", "--//config:lto=thin",
		"--include_param_files", "--ui_event_filters=-info,-progress"))
	require.Regexp(t, clangCommand, thin)
	require.Contains(t, thin, "--ldflag=-fuse-ld=lld")
	require.NotRegexp(t, gccCommand, thin, "no action of the ThinLTO build uses gcc")
	gcc := cpythonBuildCommand(t, "//:python")
	require.Regexp(t, gccCommand, gcc)
	require.Contains(t, gcc, "--ldflag=-fuse-ld=bfd", "the linker is named, not detected")
}

// Each named variant builds an interpreter of its own, configured as its name says. CI
// builds and tests the debug, free-threaded and shared settings in combinations
// (//tests/variants), so the named variants' configure arguments are checked here.
func TestVariantsBuildTheirOwnInterpreter(t *testing.T) {
	seen := map[string]string{}
	for _, variant := range []struct{ target, configureArg string }{
		{"//:python_3_13", ""},
		{"//:python_3_13_opt", "--enable-optimizations"},
		{"//:python_3_13_debug", "--with-pydebug"},
		{"//:python_3_13_shared", "--enable-shared"},
		{"//:python_3_13t", "--disable-gil"},
	} {
		actions := buildActions(t, "CpythonBuild", variant.target)
		require.Len(t, actions, 1, variant.target)
		for outputs := range actions {
			require.NotContains(t, seen, outputs, "%s and %s build the same interpreter", variant.target, seen[outputs])
			seen[outputs] = variant.target
		}
		command := cpythonBuildCommand(t, variant.target)
		for _, arg := range []string{"--enable-optimizations", "--with-pydebug", "--enable-shared", "--disable-gil"} {
			// aquery quotes each argument of the params file.
			quoted := "'--configure_arg=" + arg + "'"
			if arg == variant.configureArg {
				require.Contains(t, command, quoted, variant.target)
			} else {
				require.NotContains(t, command, quoted, variant.target)
			}
		}
	}
}

// cpythonBuildCommand is the CPython action of a target as aquery prints it, with the
// contents of its params file.
func cpythonBuildCommand(t *testing.T, target string, flags ...string) string {
	t.Helper()
	args := append([]string{"aquery", "mnemonic(CpythonBuild, deps(" + target + "))", "--include_param_files", "--ui_event_filters=-info,-progress"}, flags...)
	out := bazelStdout(t, args...)
	require.Contains(t, string(out), "Mnemonic: CpythonBuild", target)
	return string(out)
}

// gcc's PGO build was slower than the default one until the profile-use flags kept
// code that the profile run missed optimized (see GCC_PROFILE_USE).
func TestOnlyTheGccPGOBuildAddsPartialTraining(t *testing.T) {
	const flag = "--make_arg=PGO_PROF_USE_FLAG=-fprofile-use -fprofile-correction -fprofile-partial-training"
	require.Contains(t, cpythonBuildCommand(t, "//:python_3_13_opt"), flag)
	require.NotContains(t, cpythonBuildCommand(t, "//:python_3_13"), "PGO_PROF_USE_FLAG")
}

// `bazel test //...` (CI) must not build a PGO variant: its make alone takes about half
// an hour on 2 cores.
func TestBazelTestAllLeavesOutThePGOVariants(t *testing.T) {
	out := bazelStdout(t, "query", "//:all - attr(tags, '\\bmanual\\b', //:all)", "--ui_event_filters=-info,-progress")
	built := strings.Fields(string(out))
	require.Contains(t, built, "//:python_3_13", "the default 3.13 variant is built in CI")
	for _, target := range built {
		require.False(t, strings.Contains(target, "_opt"), "%s is built by `bazel test //...`", target)
	}
}

// A CPython setting given on the command line (or in a .bazelrc, which is the same to
// Bazel) is in the top-level configuration, which the libraries and the builder share:
// without the restoring edges of rules/private/transitions.bzl, --//config:ensurepip=install
// after a plain build ran all 16 library actions and 20 Go compiles again, in output
// folders of their own. Same outputs and keys means Bazel's action cache runs none of
// them; only the interpreter's action differs.
func TestACommandLineSettingRebuildsOnlyTheInterpreter(t *testing.T) {
	for _, c := range []struct {
		target  string
		setting []string
	}{
		{"//:python", []string{"--//config:ensurepip=install"}},
		{"//:python", []string{"--//config:optimizations=True", "--//config:doc_strings=False"}},
		{"//:python_3_13_opt", []string{"--//config:ensurepip=install", "--//config:doc_strings=False"}},
		{"//:python_3_13t", []string{"--//config:ensurepip=upgrade"}},
		{"//:python_3_13_clang_opt", []string{"--//config:ensurepip=install"}},
	} {
		target, setting := c.target, c.setting
		const mnemonics = "'(AutotoolsBuild|CpythonBuild|Go.*)'"
		plain := actionsByMnemonic(t, mnemonics, target)
		changed := actionsByMnemonic(t, mnemonics, target, setting...)
		mnemonicsSeen := map[string]bool{}
		for mnemonic := range plain {
			mnemonicsSeen[mnemonic] = true
		}
		for mnemonic := range changed {
			mnemonicsSeen[mnemonic] = true
		}
		for mnemonic := range mnemonicsSeen {
			if mnemonic == "" || mnemonic == "CpythonBuild" {
				continue
			}
			require.Equal(t, plain[mnemonic], changed[mnemonic],
				"%s %s must run the %s actions of a build without the settings: same outputs, same keys", target, setting, mnemonic)
		}
		require.NotEmpty(t, plain["AutotoolsBuild"], "the library actions of %s", target)
		require.NotEmpty(t, plain["GoCompilePkg"], "the builder's Go actions of %s", target)
		require.Len(t, changed["CpythonBuild"], 1, "%s %s: one interpreter action", target, setting)
		require.NotEqual(t, plain["CpythonBuild"], changed["CpythonBuild"], "%s %s: the settings change the interpreter's action", target, setting)
	}
}

// Bazel carries the CPython settings into the exec configuration: without the restore on
// the builder's edge (//rules/private:builder), each variant and each other version
// compiled the Go standard library and the builder again, into an output folder of its
// own (about 95 s each on 2 cores). Same outputs and keys means that building a variant
// after //:python compiles no Go; the tests, which run the builder in the
// target configuration, share one builder in the same way.
func TestVariantsRunTheBuilderCompiledOnce(t *testing.T) {
	const goActions = "'Go.*'"
	base := buildActions(t, goActions, "//:python")
	require.NotEmpty(t, base, "the Go actions of //:python")
	for _, variant := range []string{"//:python_3_13_debug", "//:python_3_13_opt", "//:python_3_13t", "//:python_3_13_shared", "//:python_3_13_clang_opt", "//:python_3_13_clang_opt_bolt"} {
		require.Equal(t, base, buildActions(t, goActions, variant),
			"%s must run the builder //:python runs: same Go actions, same keys", variant)
	}
	tests := buildActions(t, goActions, "//tests:smoke_test_default")
	for _, test := range []string{"//tests/variants:python_3_13_debug_test", "//tests/variants:python_3_13t_test", "//tests:smoke_test_3_11_2"} {
		require.Equal(t, tests, buildActions(t, goActions, test),
			"%s must run the builder the default interpreter's tests run", test)
	}
}

// gcc's libgcov, linked into the PGO build's instrumented programs, calls __isoc23_strtol
// (glibc 2.38), which the default sysroot's glibc 2.31 lacks: only a gcc PGO build against
// an older sysroot compiles toolchains/sysroot/isoc23_compat.c, and only its instrumented
// build links it.
func TestOnlyGccPGOAgainstAnOlderSysrootLinksTheIsoc23Object(t *testing.T) {
	const object = "--object=isoc23_compat="
	opt := cpythonBuildCommand(t, "//:python_3_13_opt")
	require.Contains(t, opt, object+"toolchains/sysroot/isoc23_compat.c")
	require.Contains(t, opt, "--make_arg=PGO_PROF_GEN_FLAG=-fprofile-generate -Wl,{OBJ:isoc23_compat}")
	require.NotContains(t, cpythonBuildCommand(t, "//:python_3_13"), object, "no PGO")
	require.NotContains(t, cpythonBuildCommand(t, "//:python_3_13_clang_opt"), object, "clang's profile runtime")
	require.NotContains(t, cpythonBuildCommand(t, "//:python_3_13_opt", "--//config:sysroot=host"), object, "the machine's own glibc")
}
