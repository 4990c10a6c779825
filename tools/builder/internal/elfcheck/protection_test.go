package elfcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// program copies its first argument into a stack buffer: with a stack protector it gets
// a canary, with _FORTIFY_SOURCE and optimization __strcpy_chk and __snprintf_chk.
const program = `#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
	char buf[64];
	strcpy(buf, argc > 1 ? argv[1] : "x");
	char out[80];
	snprintf(out, sizeof out, "%s!", buf);
	puts(out);
	return 0;
}
`

// build compiles program (an executable, or a shared object named like an extension
// module) with the given flags.
func build(t *testing.T, name string, flags ...string) string {
	t.Helper()
	if _, err := exec.LookPath("cc"); err != nil {
		t.Skip("no C compiler to make ELF files with")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "program.c")
	require.NoError(t, os.WriteFile(src, []byte(program), 0o644))
	out := filepath.Join(dir, name)
	output, err := exec.Command("cc", append(append([]string{"-o", out, src}, hardened...), flags...)...).CombinedOutput()
	require.NoError(t, err, string(output))
	return out
}

var (
	hardenedCompile  = []string{"-O2", "-fstack-protector-strong", "-D_FORTIFY_SOURCE=2", "-fPIE", "-pie"}
	withoutProtector = []string{"-O2", "-fno-stack-protector", "-D_FORTIFY_SOURCE=2", "-fPIE", "-pie"}
	withoutFortify   = []string{"-O2", "-fstack-protector-strong", "-U_FORTIFY_SOURCE", "-fPIE", "-pie"}
	withoutPIE       = []string{"-O2", "-fstack-protector-strong", "-D_FORTIFY_SOURCE=2", "-fno-PIE", "-no-pie"}
)

func protectionsOf(t *testing.T, files ...string) []Protection {
	t.Helper()
	found, err := Protections(files...)
	require.NoError(t, err)
	require.Len(t, found, len(files))
	return found
}

func TestAHardenedInterpreterAndModulePass(t *testing.T) {
	exe := build(t, "python3.13", hardenedCompile...)
	module := build(t, "_json.so", append([]string{"-shared", "-fPIC"}, hardenedCompile[:3]...)...)
	found := protectionsOf(t, exe, module)

	require.NoError(t, CheckProtection(found))
	require.True(t, found[0].Executable && found[0].PIE && found[0].StackProtector)
	require.Contains(t, found[0].Fortified, "__strcpy_chk")
	require.False(t, found[1].Executable)
	require.Contains(t, Summary(found, filepath.Dir(exe)), "python3.13: PIE yes, stack protector yes, fortified calls")
}

func TestAnInterpreterWithoutStackProtectorFails(t *testing.T) {
	err := CheckProtection(protectionsOf(t, build(t, "python3.13", withoutProtector...)))
	require.ErrorContains(t, err, "calls no stack protector")
	require.NotContains(t, err.Error(), "fortified")
}

func TestAnInterpreterWithoutFortifiedCallsFails(t *testing.T) {
	err := CheckProtection(protectionsOf(t, build(t, "python3.13", withoutFortify...)))
	require.ErrorContains(t, err, "calls no fortified libc function")
	require.NotContains(t, err.Error(), "stack protector")
}

func TestAnExecutableThatIsNotPIEFails(t *testing.T) {
	err := CheckProtection(protectionsOf(t, build(t, "python3.13", withoutPIE...)))
	require.ErrorContains(t, err, "is not a position-independent executable")
}

func TestModulesWithoutAnyStackProtectorFail(t *testing.T) {
	exe := build(t, "python3.13", hardenedCompile...)
	module := build(t, "_json.so", "-shared", "-fPIC", "-O2", "-fno-stack-protector")
	err := CheckProtection(protectionsOf(t, exe, module))
	require.ErrorContains(t, err, "none of the 1 other ELF files")
}
