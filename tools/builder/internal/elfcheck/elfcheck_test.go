package elfcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// compile builds a small shared object, hardened as the builds link, that needs the
// given libraries.
func compile(t *testing.T, dir, name string, libs ...string) string {
	t.Helper()
	return compileWith(t, dir, name, nil, libs...)
}

// compileWith is compile with extra arguments for cc (run paths, -L, a soname).
func compileWith(t *testing.T, dir, name string, extra []string, libs ...string) string {
	t.Helper()
	return compileSource(t, dir, name, "int x(void) { return 1; }\n", extra, libs...)
}

// hardened are the link flags the rules give every build.
var hardened = []string{"-Wl,-z,relro,-z,now,-z,noexecstack"}

func compileSource(t *testing.T, dir, name, source string, extra []string, libs ...string) string {
	t.Helper()
	if _, err := exec.LookPath("cc"); err != nil {
		t.Skip("no C compiler to make ELF files with")
	}
	src := filepath.Join(dir, name+".c")
	require.NoError(t, os.WriteFile(src, []byte(source), 0o644))
	out := filepath.Join(dir, name)
	args := append(append([]string{"-shared", "-fPIC", "-o", out, src, "-Wl,--no-as-needed"}, hardened...), extra...)
	for _, lib := range libs {
		args = append(args, "-l"+lib)
	}
	cmd := exec.Command("cc", args...)
	output, err := cmd.CombinedOutput()
	require.NoError(t, err, string(output))
	return out
}

func TestGlibcOnlyPasses(t *testing.T) {
	dir := t.TempDir()
	compile(t, dir, "_json.cpython-313-x86_64-linux-gnu.so", "m")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README"), []byte("not elf"), 0o644))

	count, err := CheckTree(Interpreter("", ""), dir)

	require.NoError(t, err)
	require.Equal(t, 1, count)
}

func TestALibraryOutsideTheListFails(t *testing.T) {
	dir := t.TempDir()
	bad := compile(t, dir, "_ssl.cpython-313-x86_64-linux-gnu.so", "gcc_s")

	_, err := CheckTree(Interpreter("", ""), dir)

	var elfErr *Error
	require.ErrorAs(t, err, &elfErr)
	require.Equal(t, []Violation{{File: bad, Libraries: []string{"libgcc_s.so.1"}}}, elfErr.Violations)
	require.Contains(t, err.Error(), "libgcc_s.so.1")
}

func TestAnEmptyTreeIsAnError(t *testing.T) {
	_, err := CheckTree(Interpreter("", ""), t.TempDir())
	require.ErrorContains(t, err, "no ELF file")
}

func TestHighestGlibcComparesVersionsAsNumbers(t *testing.T) {
	require.True(t, lessVersion(versionParts("2.9"), versionParts("2.34")))
	require.False(t, lessVersion(versionParts("2.34"), versionParts("2.3.4")))
	require.Nil(t, versionParts("PRIVATE"))
}

func TestHighestGlibcReadsTheSymbolVersionsAProgramNeeds(t *testing.T) {
	sh, err := filepath.EvalSymlinks("/bin/sh")
	require.NoError(t, err)

	version, file, err := HighestGlibc(sh)

	require.NoError(t, err)
	require.Equal(t, sh, file)
	parts := versionParts(version)
	require.Len(t, parts, 2, version)
	require.Equal(t, 2, parts[0])
	require.GreaterOrEqual(t, parts[1], 2, "every glibc-linked program needs at least GLIBC_2.2.5 symbols")
}

// A tree with a shared libpython: bin/ finds lib/ through $ORIGIN; copied without lib/
// next to it, or linked with the build's absolute folder, it would not.
func TestLibrariesOfTheTreeMustBeFoundThroughOriginRunPaths(t *testing.T) {
	tree := t.TempDir()
	lib, bin := filepath.Join(tree, "lib"), filepath.Join(tree, "bin")
	require.NoError(t, os.MkdirAll(lib, 0o755))
	require.NoError(t, os.MkdirAll(bin, 0o755))
	compileWith(t, lib, "libpython3.13.so.1.0", []string{"-Wl,-soname,libpython3.13.so.1.0"})
	require.NoError(t, os.Symlink("libpython3.13.so.1.0", filepath.Join(lib, "libpython3.13.so")))
	link := []string{"-L" + lib, "-Wl,-rpath,$ORIGIN/../lib"}
	python := compileWith(t, bin, "python3.13", link, "python3.13")
	policy := Interpreter("libpython3.13.so.1.0", "")

	count, err := CheckTree(policy, tree)
	require.NoError(t, err)
	require.Equal(t, 3, count, "the library, the link to it, the program")
	runPaths, err := RunPaths(python)
	require.NoError(t, err)
	require.Equal(t, []string{"$ORIGIN/../lib"}, runPaths)

	_, err = CheckTree(Interpreter("", ""), tree)
	require.ErrorContains(t, err, "libpython3.13.so.1.0", "a static build allows no libpython")

	require.NoError(t, os.Rename(lib, filepath.Join(tree, "lib64")))
	_, err = CheckTree(policy, bin)
	var elfErr *Error
	require.ErrorAs(t, err, &elfErr)
	require.Equal(t, []Violation{{File: python, NotFound: []string{"libpython3.13.so.1.0 (run paths: $ORIGIN/../lib)"}}}, elfErr.Violations)

	absolute := compileWith(t, bin, "python3.13-absolute", []string{"-L" + filepath.Join(tree, "lib64"), "-Wl,-rpath," + filepath.Join(tree, "lib64") + ":$ORIGIN/lib64"}, "python3.13")
	_, err = CheckTree(policy, absolute)
	require.ErrorAs(t, err, &elfErr)
	require.Equal(t, []string{filepath.Join(tree, "lib64")}, elfErr.Violations[0].RunPaths)
	require.Equal(t, []string{"libpython3.13.so.1.0 (run paths: " + filepath.Join(tree, "lib64") + ":$ORIGIN/lib64)"}, elfErr.Violations[0].NotFound,
		"an absolute run path does not count as finding the library")
	require.ErrorContains(t, err, "do not start with $ORIGIN")
}

// arc4random came with glibc 2.36: a file that calls it cannot run on glibc 2.31.
func TestASymbolOfANewerGlibcThanTheFloorFails(t *testing.T) {
	dir := t.TempDir()
	newer := compileSource(t, dir, "_random.so", "#include <stdlib.h>\nunsigned x(void) { return arc4random(); }\n", nil)
	compile(t, dir, "_json.so")

	_, err := CheckTree(Interpreter("", "2.31"), dir)

	var elfErr *Error
	require.ErrorAs(t, err, &elfErr)
	require.Equal(t, []Violation{{File: newer, Glibc: []string{"arc4random@GLIBC_2.36"}}}, elfErr.Violations)
	require.ErrorContains(t, err, "newer than 2.31")
	_, err = CheckTree(Interpreter("", "2.36"), dir)
	require.NoError(t, err, "2.36 has arc4random")
	version, file, err := HighestGlibc(dir)
	require.NoError(t, err)
	require.Equal(t, []string{"2.36", newer}, []string{version, file})
}

func TestEachMissingProtectionIsNamed(t *testing.T) {
	for name, c := range map[string]struct {
		flags []string
		want  string
	}{
		"lazy.so":      {[]string{"-Wl,-z,lazy"}, "no BIND_NOW"},
		"norelro.so":   {[]string{"-Wl,-z,norelro"}, "no RELRO"},
		"execstack.so": {[]string{"-Wl,-z,execstack"}, "executable stack"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			bad := compileWith(t, dir, name, c.flags)

			_, err := CheckTree(Interpreter("", ""), dir)

			var elfErr *Error
			require.ErrorAs(t, err, &elfErr)
			require.Len(t, elfErr.Violations, 1)
			require.Equal(t, bad, elfErr.Violations[0].File)
			require.Len(t, elfErr.Violations[0].Hardening, 1, elfErr.Violations[0].Hardening)
			require.Contains(t, elfErr.Violations[0].Hardening[0], c.want)
		})
	}
}

// An absolute address written into the code of a shared object is a relocation of its
// text, which the loader must then make writable.
func TestTextRelocationsFail(t *testing.T) {
	dir := t.TempDir()
	source := "int target;\nlong x(void) { long r; __asm__(\"movabs $target, %0\" : \"=r\"(r)); return r; }\n"
	bad := compileSource(t, dir, "_textrel.so", source, []string{"-Wl,-z,notext"})

	_, err := CheckTree(Interpreter("", ""), dir)

	var elfErr *Error
	require.ErrorAs(t, err, &elfErr)
	require.Equal(t, bad, elfErr.Violations[0].File)
	require.Contains(t, elfErr.Violations[0].Hardening, "text relocations (DT_TEXTREL): code compiled without -fPIC was linked into it")
}
