package elfcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// compile builds a small shared object that needs the given libraries.
func compile(t *testing.T, dir, name string, libs ...string) string {
	t.Helper()
	if _, err := exec.LookPath("cc"); err != nil {
		t.Skip("no C compiler to make ELF files with")
	}
	src := filepath.Join(dir, "x.c")
	require.NoError(t, os.WriteFile(src, []byte("int x(void) { return 1; }\n"), 0o644))
	out := filepath.Join(dir, name)
	args := []string{"-shared", "-fPIC", "-o", out, src, "-Wl,--no-as-needed"}
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

	count, err := CheckTree(Default(), dir)

	require.NoError(t, err)
	require.Equal(t, 1, count)
}

func TestALibraryOutsideTheListFails(t *testing.T) {
	dir := t.TempDir()
	bad := compile(t, dir, "_ssl.cpython-313-x86_64-linux-gnu.so", "gcc_s")

	_, err := CheckTree(Default(), dir)

	var elfErr *Error
	require.ErrorAs(t, err, &elfErr)
	require.Equal(t, []Violation{{File: bad, Libraries: []string{"libgcc_s.so.1"}}}, elfErr.Violations)
	require.Contains(t, err.Error(), "libgcc_s.so.1")
}

func TestPerModuleExceptionAppliesToThatModuleOnly(t *testing.T) {
	dir := t.TempDir()
	policy := Policy{Always: Glibc, PerModule: map[string][]string{"_tkinter": {"libgcc_s.so.1"}}}
	compile(t, dir, "_tkinter.cpython-313-x86_64-linux-gnu.so", "gcc_s")
	other := compile(t, dir, "_zlib.so", "gcc_s")

	_, err := CheckTree(policy, dir)

	var elfErr *Error
	require.ErrorAs(t, err, &elfErr)
	require.Len(t, elfErr.Violations, 1)
	require.Equal(t, other, elfErr.Violations[0].File)
}

func TestAnEmptyTreeIsAnError(t *testing.T) {
	_, err := CheckTree(Default(), t.TempDir())
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
