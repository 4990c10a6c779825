package cpython

import (
	"fmt"
	"path/filepath"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
)

// compileObjects compiles each NAME=SOURCE (a C file, relative to the execroot) into the
// build's TMPDIR with the build's compiler and flags (sysroot included), position
// independent since it may join a shared object, and adds {OBJ:NAME} to vars: make
// arguments name the object that way (a PGO build's instrumented link, say).
func compileObjects(s *scratch.Scratch, objects params.Pairs, vars map[string]string) error {
	for _, o := range objects {
		source := o.Value
		if !filepath.IsAbs(source) && s.Execroot != "" {
			source = filepath.Join(s.Execroot, source)
		}
		object := filepath.Join(s.Tmp, o.Key+".o")
		args := append(append([]string{}, s.CFlags...), "-fPIC", "-c", source, "-o", object)
		if err := s.Runner.Run("compile "+o.Key, s.Tmp, s.CC, args...); err != nil {
			return fmt.Errorf("compiling %s (the object {OBJ:%s}): %w", o.Value, o.Key, err)
		}
		vars["OBJ:"+o.Key] = object
	}
	return nil
}
