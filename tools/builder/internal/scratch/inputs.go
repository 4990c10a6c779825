// Copying the inputs (sources and dependencies' install trees) into the scratch folder.

package scratch

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/install"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srctree"
)

func (s *Scratch) copyInputs(o Options, mtime time.Time) error {
	if err := srctree.CopyFiles(o.Srcs, o.SrcRoot, s.Src, mtime); err != nil {
		return fmt.Errorf("copying sources of %s: %w", o.Name, err)
	}
	for _, dep := range o.Deps {
		dir := filepath.Join(s.Root, "deps", dep.Name)
		if err := srctree.CopyTree(dep.Path, dir, mtime); err != nil {
			return fmt.Errorf("copying dependency %s: %w", dep.Name, err)
		}
		// Dependencies were installed for Prefix, by a build with its own link to its
		// execroot; point their config files here.
		replacements := []install.Replacement{{Old: Prefix, New: dir}}
		if s.Inputs != "" {
			replacements = append(replacements, install.Replacement{Old: inputsAlias, New: s.Inputs})
		}
		if err := install.Replace(dir, install.IsConfigFile, replacements...); err != nil {
			return fmt.Errorf("relocating dependency %s: %w", dep.Name, err)
		}
		s.DepDirs[dep.Name] = dir
		s.DepList = append(s.DepList, Dep{Name: dep.Name, Path: dir})
	}
	return nil
}
