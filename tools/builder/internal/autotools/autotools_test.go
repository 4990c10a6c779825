package autotools

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/logrun"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

const configureScript = `#!/bin/sh
# A configure script in miniature: checks its environment, writes a Makefile.
set -e
prefix=/usr/local
for arg in "$@"; do case "$arg" in --prefix=*) prefix=${arg#--prefix=} ;; esac; done
test -n "$CC" || { echo "no CC" >&2; exit 1; }
case "$PATH" in *:*) echo "PATH should be one folder: $PATH" >&2; exit 1 ;; esac
echo "checking for a working library... $SHOULD_WORK"
[ "$SHOULD_WORK" = yes ] || { echo "configure: error: library not usable" >&2; exit 1; }
cat > Makefile <<MAKEFILE
all:
	printf '!<arch>\n' > libfake.a
install:
	mkdir -p \$(DESTDIR)$prefix/lib/pkgconfig \$(DESTDIR)$prefix/include
	cp libfake.a \$(DESTDIR)$prefix/lib/
	cp libfake.a \$(DESTDIR)$prefix/lib/libfake.so
	printf 'prefix=$prefix\nbuilt_in=%s\n' "\$(CURDIR)" > \$(DESTDIR)$prefix/lib/pkgconfig/fake.pc
MAKEFILE
`

// fakeLibrary writes the sources of a library whose configure succeeds only when the
// environment says SHOULD_WORK=yes.
func fakeLibrary(t *testing.T) (root string, srcs []string) {
	t.Helper()
	root = filepath.Join(t.TempDir(), "external", "fake")
	require.NoError(t, os.MkdirAll(root, 0o755))
	configure := filepath.Join(root, "configure")
	require.NoError(t, os.WriteFile(configure, []byte(configureScript), 0o555))
	return root, []string{configure}
}

// fakeTools are what the fake library's configure and Makefile run (the rules pass the
// real list, BUILD_TOOLS of rules/private/build_tools.bzl).
var fakeTools = []string{"sh", "make", "cat", "cp", "mkdir", "printf", "test", "echo", "["}

func config(t *testing.T, out string, works string) Config {
	root, srcs := fakeLibrary(t)
	dir := filepath.Dir(out)
	return Config{
		Scratch: scratch.Options{
			Name:            "fake",
			SrcRoot:         root,
			Srcs:            srcs,
			LogPath:         filepath.Join(dir, "fake.log"),
			Toolchain:       scratch.Toolchain{CC: "/bin/true", AR: "/bin/true", CFlags: []string{"-O2", `-D__DATE__="redacted"`}},
			ToolSearchPath:  []string{"/usr/bin", "/bin"},
			Tools:           fakeTools,
			SourceDateEpoch: 1704067200,
			Parent:          t.TempDir(),
		},
		Out:             out,
		ConfigureScript: "configure",
		Env:             params.Pairs{{Key: "SHOULD_WORK", Value: works}},
		Jobs:            2,
	}
}

func TestFailingConfigureNamesTheStepAndKeepsTheLog(t *testing.T) {
	out := filepath.Join(t.TempDir(), "fake")
	c := config(t, out, "no")

	err := Build(c)

	var stepErr *logrun.StepError
	require.ErrorAs(t, err, &stepErr)
	require.Equal(t, "configure", stepErr.Step)
	require.Contains(t, err.Error(), "configure: error: library not usable")
	require.Contains(t, err.Error(), "full log: "+c.Scratch.LogPath)
	require.FileExists(t, c.Scratch.LogPath)
	require.NoDirExists(t, out, "nothing half-built is left")
	require.DirExists(t, c.Scratch.Parent)
	require.NoDirExists(t, filepath.Join(c.Scratch.Parent, c.Scratch.Name), "the scratch folder is removed after a failure")
}

func TestBuildSucceedsAfterTheCauseIsFixed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "fake")
	require.Error(t, Build(config(t, out, "no")))

	c := config(t, out, "yes")
	require.NoError(t, Build(c))

	require.FileExists(t, filepath.Join(out, "lib", "libfake.a"))
	require.NoFileExists(t, filepath.Join(out, "lib", "libfake.so"), "shared objects are pruned")
	pc, err := os.ReadFile(filepath.Join(out, "lib", "pkgconfig", "fake.pc"))
	require.NoError(t, err)
	require.Contains(t, string(pc), "prefix=/install\n")
	require.Contains(t, string(pc), "built_in=/build/src", "the scratch path is replaced")
	log, err := os.ReadFile(c.Scratch.LogPath)
	require.NoError(t, err)
	require.NotContains(t, string(log), "library not usable", "the log is the last build's")
	for _, step := range []string{"copy inputs", "configure", "make", "install", "remove scratch"} {
		require.Regexp(t, `(?m)^==== `+step+` took [0-9.]+s$`, string(log), "the log accounts for every step's time")
	}
}

func TestScratchCopiesAreStampedWithSourceDateEpoch(t *testing.T) {
	root, srcs := fakeLibrary(t)
	s, err := scratch.Prepare(scratch.Options{
		Name: "fake", SrcRoot: root, Srcs: srcs, LogPath: filepath.Join(t.TempDir(), "l"),
		Toolchain:      scratch.Toolchain{CC: "/bin/true", AR: "/bin/true", CFlags: []string{"-O2", `-D__DATE__="redacted"`, "-lstdc++"}},
		ToolSearchPath: []string{"/usr/bin", "/bin"}, Tools: fakeTools, SourceDateEpoch: 1704067200, Parent: t.TempDir(),
	})
	require.NoError(t, err)
	defer s.Remove()

	info, err := os.Stat(filepath.Join(s.Src, "configure"))
	require.NoError(t, err)
	require.True(t, info.ModTime().Equal(time.Unix(1704067200, 0)))
	require.Equal(t, "-O2 -ffile-prefix-map="+s.Root+"=/build", s.Getenv("CFLAGS"), "quoted toolchain flags and libraries are dropped")
	require.Equal(t, s.Bin, s.Getenv("PATH"))
	require.Equal(t, "1704067200", s.Getenv("SOURCE_DATE_EPOCH"))
}

func TestExpandPlaceholders(t *testing.T) {
	vars := map[string]string{"PREFIX": "/install", "DEP:tcl": "/s/deps/tcl"}
	require.Equal(t, "--with-tcl=/s/deps/tcl/lib", Expand("--with-tcl={DEP:tcl}/lib", vars))
	require.Equal(t, "{UNKNOWN}/install", Expand("{UNKNOWN}{PREFIX}", vars))
}

func TestStartLetsEachVariableBuildOnTheLastOne(t *testing.T) {
	c := config(t, filepath.Join(t.TempDir(), "out"), "yes")
	c.Scratch.Toolchain.LDFlags = []string{"-fuse-ld=bfd"}
	s, _, err := Start(c.Scratch, params.Pairs{
		{Key: "LDFLAGS", Value: "{LDFLAGS} -Wl,--exclude-libs,ALL"},
		{Key: "LDFLAGS", Value: "{LDFLAGS} -Wl,-z,now"},
	}, 1)
	defer Cleanup(s, &err)
	require.NoError(t, err)
	require.Equal(t, "-fuse-ld=bfd -Wl,--exclude-libs,ALL -Wl,-z,now", s.Getenv("LDFLAGS"))
}

func TestADeclaredStaticLibraryThatIsNotInstalledFailsTheBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "fake")
	c := config(t, out, "yes")
	c.StaticLibraries = []string{"lib/libfake.a", "lib/libother.a"}

	err := Build(c)

	require.ErrorContains(t, err, "the rule links C targets against lib/libother.a, which make install did not install (lib/ has: libfake.a)")
	require.NoDirExists(t, out, "nothing half-built is left")
}

func TestWithoutPathsKeepsOnlyTheFlagsThatNameNoFolder(t *testing.T) {
	got := withoutPaths("-O2  --sysroot=/tmp/rules_cpython/openssl/inputs/external/sysroot -fPIC -ffile-prefix-map=/tmp/rules_cpython/openssl=/build -D_FORTIFY_SOURCE=2")
	require.Equal(t, "-O2 -fPIC -D_FORTIFY_SOURCE=2", got)
}

func TestAScriptThatAsksEnvForItsInterpreterRunsWithTheBuildsOwn(t *testing.T) {
	dir, bin := t.TempDir(), t.TempDir()
	perl := filepath.Join(bin, "perl")
	require.NoError(t, os.WriteFile(perl, nil, 0o755))
	for script, want := range map[string]string{
		"#!/usr/bin/env perl\nprint 1;\n": perl,
		"#! /usr/bin/env perl\n":          perl,
		"#!/bin/sh\necho\n":               "",
		"no interpreter line\n":           "",
	} {
		path := filepath.Join(dir, "Configure")
		require.NoError(t, os.WriteFile(path, []byte(script), 0o755))
		got, err := Interpreter(path, bin)
		require.NoError(t, err)
		require.Equal(t, want, got, "%q", script)
	}
	path := filepath.Join(dir, "configure.py")
	require.NoError(t, os.WriteFile(path, []byte("#!/usr/bin/env python3\n"), 0o755))
	_, err := Interpreter(path, bin)
	require.ErrorContains(t, err, "configure.py runs with python3, which the build tools lack")
}

func TestTheCompilersNameIsItsFileNameWhenCCCarriesTheSysroot(t *testing.T) {
	c := config(t, filepath.Join(t.TempDir(), "out"), "yes")
	c.Scratch.Toolchain.CFlags = []string{"-O2", "--sysroot=/nonexistent/sysroot"}
	s, vars, err := Start(c.Scratch, nil, 1)
	defer Cleanup(s, &err)
	require.NoError(t, err)
	require.Equal(t, "/bin/true --sysroot=/nonexistent/sysroot", vars["CC"])
	require.Equal(t, "true", vars["CC_NAME"], "OpenSSL records it in libcrypto")
}
