package scratch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
		Toolchain: Toolchain{CC: "/bin/sh", AR: "/bin/sh"}, ToolSearchPath: []string{"/usr/bin", "/bin"},
		Tools: []string{"sh", "make"}}
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

func TestTheToolchainsPathsBelowTheExecrootBecomeAbsoluteInTheMirror(t *testing.T) {
	execroot, mirrorRoot := t.TempDir(), filepath.Join(t.TempDir(), "inputs")
	for _, dir := range []string{"external/sysroot/root/usr/lib", "tests/cc/include", "external/tools/root/usr/lib/gcc/14"} {
		require.NoError(t, os.MkdirAll(filepath.Join(execroot, dir), 0o755))
	}
	lib := filepath.Join(execroot, "external/sysroot/root/usr/lib")
	require.NoError(t, os.WriteFile(filepath.Join(lib, "libm-2.31.so"), []byte("elf"), 0o644))
	require.NoError(t, os.Symlink("libm-2.31.so", filepath.Join(lib, "libm.so.6")))
	flags := []string{"--sysroot=external/sysroot/root", "-isystem", "tests/cc/include", "-Itests/cc/include", "-B/usr/bin",
		"--gcc-install-dir=external/tools/root/usr/lib/gcc/14",
		"-Lnot/there", "-O2", "-include", "tests/cc/include", "-Wl,-z,now"}

	got, err := AbsolutePaths(flags, &Mirror{Execroot: execroot, Root: mirrorRoot})

	require.NoError(t, err)
	require.Equal(t, []string{"--sysroot=" + filepath.Join(mirrorRoot, "external/sysroot/root"), "-isystem", filepath.Join(mirrorRoot, "tests/cc/include"),
		"-I" + filepath.Join(mirrorRoot, "tests/cc/include"), "-B/usr/bin",
		"--gcc-install-dir=" + filepath.Join(mirrorRoot, "external/tools/root/usr/lib/gcc/14"), "-Lnot/there", "-O2", "-include", "tests/cc/include", "-Wl,-z,now"}, got,
		"absolute paths, paths that are not there and options that are not folders stay")
	mirrored := filepath.Join(mirrorRoot, "external/sysroot/root/usr/lib")
	info, err := os.Lstat(mirrored)
	require.NoError(t, err)
	require.True(t, info.IsDir(), "a real folder: gcc would resolve a link to one")
	target, err := os.Readlink(filepath.Join(mirrored, "libm-2.31.so"))
	require.NoError(t, err)
	require.Equal(t, filepath.Join(lib, "libm-2.31.so"), target)
	target, err = os.Readlink(filepath.Join(mirrored, "libm.so.6"))
	require.NoError(t, err)
	require.Equal(t, "libm-2.31.so", target, "a relative link stays relative, within the mirror")
}

func TestThePreprocessorGetsTheFlagsThatSayWhereTheSystemHeadersAre(t *testing.T) {
	cflags := []string{"-O2", "--sysroot=/s", "-isystem", "/i", "-isystem/j", "-I/k", "-nostdinc", "-isysroot", "/r", "-g", "--sysroot", "/t"}
	require.Equal(t, []string{"--sysroot=/s", "-isystem", "/i", "-isystem/j", "-nostdinc", "-isysroot", "/r", "--sysroot", "/t"}, PreprocessorFlags(cflags))

	o := options(t, "preprocessor")
	o.Parent = t.TempDir()
	o.Toolchain.CFlags = []string{"-O2", "--sysroot=/nonexistent/sysroot"}
	s, err := Prepare(o)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Remove() })
	require.Contains(t, s.Env, "CC=/bin/sh --sysroot=/nonexistent/sysroot", "configure's $CC -E and a bare $CC see the sysroot")
	for _, name := range []string{"cc", "gcc"} {
		script, err := os.ReadFile(filepath.Join(s.Bin, name))
		require.NoError(t, err)
		require.Equal(t, "#!/bin/sh\nexec '/bin/sh' '--sysroot=/nonexistent/sysroot' \"$@\"\n", string(script), "a plain %s compiles against the sysroot", name)
	}
	require.Equal(t, []string{"--sysroot=/s", "-B/b/", "-L", "/l", "-L/m", "--gcc-install-dir=/g"},
		LinkerSearchFlags([]string{"-O1", "--sysroot=/s", "-B/b/", "-Wl,-z,now", "-L", "/l", "-L/m", "-lfoo", "--gcc-install-dir=/g"}))
}

func TestARepositoryIsMirroredUnderTheSameNameFromEveryWorkspace(t *testing.T) {
	mirrored := map[string]string{}
	for _, canonical := range []string{"_main~cpython~debian_bullseye_sysroot", "rules_cpython~~cpython~debian_bullseye_sysroot", "rules_cpython++cpython+debian_bullseye_sysroot"} {
		execroot, mirrorRoot := t.TempDir(), filepath.Join(t.TempDir(), "inputs")
		require.NoError(t, os.MkdirAll(filepath.Join(execroot, "external", canonical, "root", "usr"), 0o755))

		got, err := AbsolutePaths([]string{"--sysroot=external/" + canonical + "/root"}, &Mirror{Execroot: execroot, Root: mirrorRoot})

		require.NoError(t, err)
		rel, err := filepath.Rel(mirrorRoot, strings.TrimPrefix(got[0], "--sysroot="))
		require.NoError(t, err)
		mirrored[canonical] = rel
		require.DirExists(t, filepath.Join(mirrorRoot, rel, "usr"))
	}
	require.Equal(t, map[string]string{
		"_main~cpython~debian_bullseye_sysroot":          "external/debian_bullseye_sysroot/root",
		"rules_cpython~~cpython~debian_bullseye_sysroot": "external/debian_bullseye_sysroot/root",
		"rules_cpython++cpython+debian_bullseye_sysroot": "external/debian_bullseye_sysroot/root",
	}, mirrored, "what a build records of the sysroot must not name the workspace that asked for it")
}

func TestTwoRepositoriesOfOneNameAreNotMirroredIntoOneFolder(t *testing.T) {
	execroot := t.TempDir()
	for _, canonical := range []string{"_main~cpython~sysroot", "_main~other~sysroot"} {
		require.NoError(t, os.MkdirAll(filepath.Join(execroot, "external", canonical), 0o755))
	}
	mirror := &Mirror{Execroot: execroot, Root: filepath.Join(t.TempDir(), "inputs")}

	_, err := AbsolutePaths([]string{"--sysroot=external/_main~cpython~sysroot", "-isystem", "external/_main~other~sysroot"}, mirror)

	require.ErrorContains(t, err, "repositories _main~cpython~sysroot and _main~other~sysroot would both be mirrored as external/sysroot")
}

func TestTheExecrootIsReachedThroughTheScratchFoldersMirror(t *testing.T) {
	parent, execroot, dep := t.TempDir(), t.TempDir(), t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(execroot, "external", "sysroot", "root"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dep, "lib"), 0o755))
	// What a dependency's build recorded of its own link, once its scratch folder became /build.
	require.NoError(t, os.WriteFile(filepath.Join(dep, "lib", "tclConfig.sh"),
		[]byte("TCL_CC='gcc --sysroot=/build/inputs/external/sysroot/root'\nTCL_PREFIX='"+Prefix+"'\n"), 0o644))
	o := options(t, "tk")
	o.Parent, o.Execroot, o.Deps = parent, execroot, []Dep{{Name: "tcl", Path: dep}}
	o.Toolchain.CFlags = []string{"--sysroot=external/sysroot/root", "-O2"}

	s, err := Prepare(o)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Remove() })

	require.Equal(t, filepath.Join(s.Root, InputsLink), s.Inputs)
	require.DirExists(t, filepath.Join(s.Inputs, "external", "sysroot", "root"))
	require.Equal(t, []string{"--sysroot=" + s.Inputs + "/external/sysroot/root", "-O2", "-ffile-prefix-map=" + s.Root + "=" + BuildDirAlias}, s.CFlags,
		"below the scratch folder, whose path is the same in every sandbox")
	data, err := os.ReadFile(filepath.Join(s.DepDirs["tcl"], "lib", "tclConfig.sh"))
	require.NoError(t, err)
	require.Equal(t, "TCL_CC='gcc --sysroot="+s.Inputs+"/external/sysroot/root'\nTCL_PREFIX='"+s.DepDirs["tcl"]+"'\n", string(data))
}
