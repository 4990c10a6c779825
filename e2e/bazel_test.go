//go:build e2e

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// bazel runs tools/bazel in the workspace and returns its exit error and output.
func bazel(t *testing.T, args ...string) (error, string) {
	t.Helper()
	return bazelIn(t, workspace(t), args...)
}

// bazelIn runs tools/bazel in a workspace and returns its exit error and output (stdout
// and stderr together).
func bazelIn(t *testing.T, dir string, args ...string) (error, string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(workspace(t), "tools", "bazel"), args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	return err, out.String()
}

// bazelStdout runs tools/bazel in the workspace and returns what it printed on stdout
// (aquery's and query's answers). Its progress output is shown only when it fails: the
// output of tests that pass would bury a failing test's message in CI's log.
func bazelStdout(t *testing.T, args ...string) []byte {
	t.Helper()
	return bazelStdoutIn(t, workspace(t), args...)
}

// bazelStdoutIn is bazelStdout in another workspace.
func bazelStdoutIn(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(filepath.Join(workspace(t), "tools", "bazel"), args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "bazel %s:\n%s", strings.Join(args, " "), stderr.String())
	return out
}

var pinnedRelease = regexp.MustCompile(`(?m)^    _python_org\("(3\.[0-9]+\.[0-9a-z]+)"`)

// newestPinned is the newest release of a minor version ("3.13") in rules_cpython's
// table (rules/private/sources.bzl), read here apart from the rules' own resolution:
// what an interpreter of that minor version must say it is.
func newestPinned(t *testing.T, minor string) string {
	t.Helper()
	sources, err := os.ReadFile(filepath.Join(workspace(t), "rules", "private", "sources.bzl"))
	require.NoError(t, err)
	release := regexp.MustCompile(`^` + regexp.QuoteMeta(minor) + `\.([0-9]+)([a-z]+[0-9]+)?$`)
	newest, newestPatch, newestFinal := "", -1, false
	for _, m := range pinnedRelease.FindAllStringSubmatch(string(sources), -1) {
		parts := release.FindStringSubmatch(m[1])
		if parts == nil {
			continue
		}
		patch, err := strconv.Atoi(parts[1])
		require.NoError(t, err)
		final := parts[2] == ""
		if patch > newestPatch || patch == newestPatch && final && !newestFinal {
			newest, newestPatch, newestFinal = m[1], patch, final
		}
	}
	require.NotEmpty(t, newest, "no CPython %s in rules/private/sources.bzl", minor)
	return newest
}

// unreachableSources are the pinned CPython releases (rules/private/sources.bzl) that the
// offline mirror (tools/offline/sources.tsv) does not hold, as repository suffixes
// ("3_12_14"): their targets are analysed against empty stand-ins.
func unreachableSources(t *testing.T) []string {
	t.Helper()
	sources, err := os.ReadFile(filepath.Join(workspace(t), "rules", "private", "sources.bzl"))
	require.NoError(t, err)
	mirror, err := os.ReadFile(filepath.Join(workspace(t), "tools", "offline", "sources.tsv"))
	require.NoError(t, err)
	mirrored := map[string]bool{}
	for _, line := range strings.Split(string(mirror), "\n") {
		if fields := strings.Split(line, "\t"); len(fields) > 1 && fields[0] == "cpython" {
			mirrored[fields[1]] = true
		}
	}
	var unreachable []string
	for _, m := range pinnedRelease.FindAllStringSubmatch(string(sources), -1) {
		if !mirrored[m[1]] {
			unreachable = append(unreachable, strings.NewReplacer(".", "_", "-", "_").Replace(m[1]))
		}
	}
	require.NotEmpty(t, mirrored, "no CPython in tools/offline/sources.tsv")
	require.NotEmpty(t, unreachable, "no pinned CPython release outside the mirror: is CPYTHON_RELEASES still in sources.bzl?")
	return unreachable
}

func stubOverrides(t *testing.T) []string {
	t.Helper()
	// Beside the workspace: the offline toolbox runs Bazel in a chroot that sees the
	// workspace's parent folder at the same path, but not this machine's /tmp.
	stub, err := os.MkdirTemp(filepath.Dir(workspace(t)), ".rules_cpython-e2e-stub-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(stub) })
	require.NoError(t, os.WriteFile(filepath.Join(stub, "REPO.bazel"), nil, 0o644))
	// A LICENSE, as the real sources have: the distribution archives' analysis checks
	// that the files the LICENSES table names are among the sources.
	require.NoError(t, os.WriteFile(filepath.Join(stub, "LICENSE"), []byte("stub\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(stub, "BUILD.bazel"),
		[]byte(`filegroup(name = "srcs", srcs = ["LICENSE"], visibility = ["//visibility:public"])`+"\n"), 0o644))
	var flags []string
	for _, v := range unreachableSources(t) {
		flags = append(flags, "--override_repository=_main~cpython~cpython_"+v+"="+stub)
	}
	return flags
}

func TestEveryNamedVariantPassesAnalysis(t *testing.T) {
	targets := []string{}
	for _, v := range []string{"3_10", "3_11", "3_12", "3_13", "3_14", "3_15"} {
		targets = append(targets, "//:python_"+v, "//:python_"+v+"_opt", "//:python_"+v+"_clang_opt", "//:python_"+v+"_debug", "//:python_"+v+"_shared")
	}
	for _, v := range []string{"3_12", "3_13", "3_14", "3_15"} {
		targets = append(targets, "//:python_"+v+"_clang_opt_bolt", "//:python_"+v+"_clang_opt_bolt_dist")
	}
	targets = append(targets, "//:python_3_13t", "//:python_3_14t", "//:python_3_15t")
	args := append([]string{"build", "--nobuild"}, stubOverrides(t)...)
	err, stderr := bazel(t, append(args, targets...)...)
	require.NoError(t, err, stderr)
}

func TestWrongSettingsFailAtAnalysisWithWhatIsAllowed(t *testing.T) {
	// One stand-in for every case: the same overrides keep Bazel's repositories and
	// analysis from one case to the next.
	stubs := stubOverrides(t)
	for _, c := range []struct {
		name  string
		args  []string
		wants []string
	}{
		{"unknown LTO value", []string{"//:python", "--//config:lto=bogus"},
			[]string{`Error setting //config:lto: invalid value 'bogus'. Allowed values are ["full", "off", "thin"]`}},
		{"free threading on 3.12 through the version setting", []string{"//:python", "--//config:version=3.12", "--//config:free_threading"},
			[]string{"--//config:free_threading=True (--disable-gil) needs CPython 3.13 or later; this interpreter is CPython " + newestPinned(t, "3.12") + "."}},
		{"free threading on the 3.12 variant", []string{"//:python_3_12", "--//config:free_threading"},
			[]string{"needs CPython 3.13 or later; this interpreter is CPython " + newestPinned(t, "3.12") + "."}},
		{"the bundled mpdecimal on 3.15", []string{"//:python_3_15", "--//config:system_libmpdec=False"},
			[]string{"--//config:system_libmpdec=False (--with-system-libmpdec): the value False is gone after CPython 3.14; this interpreter is CPython " + newestPinned(t, "3.15") + "."}},
		{"tail-calling interpreter before 3.14", []string{"//:python", "--//config:tail_call_interp"},
			[]string{"--//config:tail_call_interp=True (--with-tail-call-interp) needs CPython 3.14 or later"}},
		{"ThinLTO with gcc chosen", []string{"//:python", "--//config:lto=thin", "--//config:compiler=gcc"},
			[]string{"needs clang (ThinLTO); the C toolchain's compiler is gcc"}},
		{"an unknown compiler", []string{"//:python", "--//config:compiler=icc"},
			[]string{`Error setting //config:compiler: invalid value 'icc'. Allowed values are ["auto", "gcc", "clang"]`}},
		{"two sanitizers", []string{"//:python", "--//config:address_sanitizer", "--//config:memory_sanitizer"},
			[]string{"--//config:address_sanitizer and --//config:memory_sanitizer cannot be combined"}},
		{"a macOS option on Linux", []string{"//:python", "--//config:universal_archs=universal2"},
			[]string{"(--with-universal-archs) is for macos only; this interpreter is built for Linux."}},
		{"cross compiling", []string{"//:python", "--//config:host=aarch64-linux-gnu"},
			[]string{"(--host) is not supported: cross-compiling is not supported"}},
		{"an unknown dbm backend", []string{"//:python", "--//config:dbmliborder=gdbm,berkeley"},
			[]string{`"berkeley" is not allowed; allowed: ndbm, gdbm, bdb.`}},
		{"a refused option through extra_configure_args", []string{"//:python", "--//config:extra_configure_args=ac_cv_func_x=no,--with-openssl=/usr"},
			[]string{"--//config:extra_configure_args=--with-openssl=/usr: --with-openssl is not supported: OpenSSL is the openssl dependency of the interpreter"}},
		{"cross compiling through extra_configure_args", []string{"//:python", "--//config:extra_configure_args=--host=aarch64-linux-gnu"},
			[]string{"--//config:extra_configure_args=--host=aarch64-linux-gnu: --host is not supported: cross-compiling is not supported"}},
		{"a typed option through extra_configure_args", []string{"//:python", "--//config:extra_configure_args=--disable-gil"},
			[]string{"--//config:extra_configure_args=--disable-gil: --disable-gil is managed by the rules through its own setting: use --//config:free_threading"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"build", "--nobuild"}, stubs...)
			err, stderr := bazel(t, append(args, c.args...)...)
			require.Error(t, err, "analysis must fail")
			for _, want := range c.wants {
				require.Contains(t, stderr, want)
			}
		})
	}
}
