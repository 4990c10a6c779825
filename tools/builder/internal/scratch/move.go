// Moving an installed tree out of the scratch folder, across file systems too.

package scratch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srctree"
)

// MoveInstalled puts the installed tree (or one folder of it) at out, replacing out.
func MoveInstalled(from, out string) error {
	if err := os.RemoveAll(out); err != nil {
		return fmt.Errorf("clearing %s: %w", out, err)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return Move(from, out)
}

// Move renames from to out, or copies it (keeping links and modes) and removes it when
// they are on different file systems (the scratch folder on a tmpfs, say).
func Move(from, out string) error {
	err := os.Rename(from, out)
	if err == nil || !errors.Is(err, syscall.EXDEV) {
		if err != nil {
			return fmt.Errorf("moving %s to %s: %w", from, out, err)
		}
		return nil
	}
	err = filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		target := filepath.Join(out, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.IsDir():
			return os.MkdirAll(target, info.Mode().Perm()|0o700)
		default:
			return srctree.CopyFile(path, target, info.Mode().Perm())
		}
	})
	if err != nil {
		return fmt.Errorf("copying %s to %s: %w", from, out, err)
	}
	return removeTree(from)
}
