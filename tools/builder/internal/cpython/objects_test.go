package cpython

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/logrun"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

// withCompiler is a scratch folder whose build compiler is the machine's cc.
func withCompiler(t *testing.T) *scratch.Scratch {
	t.Helper()
	cc, err := exec.LookPath("cc")
	if err != nil {
		t.Skip("no C compiler on PATH")
	}
	root := t.TempDir()
	return &scratch.Scratch{
		Root:     root,
		Tmp:      root,
		Execroot: root,
		CC:       cc,
		CFlags:   []string{"-O2"},
		Runner:   &logrun.Runner{LogPath: filepath.Join(root, "build.log"), Env: []string{"PATH=" + filepath.Dir(cc)}},
	}
}

func TestCompileObjectsNamesEachObjectForMakeArguments(t *testing.T) {
	s := withCompiler(t)
	source := "long answer(void) { return 42; }\n"
	require.NoError(t, os.WriteFile(filepath.Join(s.Execroot, "answer.c"), []byte(source), 0o644))
	vars := map[string]string{"SRC": "/src"}

	require.NoError(t, compileObjects(s, params.Pairs{{Key: "answer", Value: "answer.c"}}, vars))

	object := vars["OBJ:answer"]
	require.Equal(t, filepath.Join(s.Tmp, "answer.o"), object)
	f, err := elf.Open(object)
	require.NoError(t, err)
	defer f.Close()
	require.Equal(t, elf.ET_REL, f.Type, "a relocatable object, for the linker")
	symbols, err := f.Symbols()
	require.NoError(t, err)
	var names []string
	for _, sym := range symbols {
		names = append(names, sym.Name)
	}
	require.Contains(t, names, "answer")
}

func TestCompileObjectsFailureNamesTheSourceAndTheLog(t *testing.T) {
	s := withCompiler(t)
	require.NoError(t, os.WriteFile(filepath.Join(s.Execroot, "broken.c"), []byte("this is not C\n"), 0o644))
	vars := map[string]string{}

	err := compileObjects(s, params.Pairs{{Key: "broken", Value: "broken.c"}}, vars)

	require.ErrorContains(t, err, "compiling broken.c (the object {OBJ:broken})")
	require.ErrorContains(t, err, s.Runner.LogPath)
	require.NotContains(t, vars, "OBJ:broken", "no placeholder names an object that was not made")
}
