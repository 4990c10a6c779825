// Package install post-processes an installed tree: it drops what dependents must not
// link against or do not need, and rewrites paths that would tie the tree to the folder
// it was built in.
package install

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// PruneLibrary removes shared objects and libtool archives from lib/ (dependents must
// link the static, position-independent archives), documentation, and links left
// dangling by what was removed (Bazel rejects them in an output tree).
func PruneLibrary(root string) error {
	defer RemoveDanglingLinks(root)
	for _, dir := range []string{"share/man", "share/doc", "share/info", "share/gtk-doc", "man"} {
		if err := os.RemoveAll(filepath.Join(root, dir)); err != nil {
			return fmt.Errorf("removing %s: %w", dir, err)
		}
	}
	lib := filepath.Join(root, "lib")
	return filepath.WalkDir(lib, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && path == lib {
				return nil
			}
			return err
		}
		name := d.Name()
		if d.IsDir() {
			return nil
		}
		if strings.HasSuffix(name, ".la") || strings.HasSuffix(name, ".so") || strings.Contains(name, ".so.") {
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("removing %s: %w", path, err)
			}
		}
		return nil
	})
}

// IsConfigFile says whether a file is one that tells dependents where things are:
// pkg-config files, Tcl/Tk's *Config.sh, and *-config scripts.
func IsConfigFile(path string) bool {
	base := filepath.Base(path)
	return strings.HasSuffix(base, ".pc") || strings.HasSuffix(base, "Config.sh") || strings.HasSuffix(base, "-config")
}

// NotCompiled accepts every file but compiled ones (object files, archives, shared
// objects, .pyc): Replace leaves binary files alone anyway, and not reading them saves
// reading most of a CPython install tree.
func NotCompiled(path string) bool {
	switch filepath.Ext(path) {
	case ".a", ".o", ".so", ".pyc":
		return false
	}
	return !strings.Contains(filepath.Base(path), ".so.")
}

// Replace rewrites, in every text file below root that match accepts, each Old string
// into its New one. Binary files (a NUL byte in their first 8 KiB) are left alone.
func Replace(root string, match func(string) bool, replacements ...Replacement) error {
	return Rewrite(root, match, func(data []byte) []byte {
		for _, r := range replacements {
			data = bytes.ReplaceAll(data, []byte(r.Old), []byte(r.New))
		}
		return data
	})
}

// Rewrite passes every text file below root that match accepts through edit, and saves
// what changed. Binary files (a NUL byte in their first 8 KiB) are left alone.
func Rewrite(root string, match func(string) bool, edit func([]byte) []byte) error {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() || !match(path) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		head := data
		if len(head) > 8192 {
			head = head[:8192]
		}
		if bytes.IndexByte(head, 0) >= 0 {
			return nil
		}
		updated := edit(bytes.Clone(data))
		if bytes.Equal(updated, data) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if err := os.Chmod(path, info.Mode().Perm()|0o200); err != nil {
			return fmt.Errorf("making %s writable: %w", path, err)
		}
		if err := os.WriteFile(path, updated, info.Mode().Perm()); err != nil {
			return fmt.Errorf("rewriting %s: %w", path, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("rewriting paths below %s: %w", root, err)
	}
	return nil
}

// Replacement is one string to rewrite.
type Replacement struct{ Old, New string }

// RemoveDanglingLinks removes symlinks whose target does not exist (an install may
// link to absolute paths that only existed in the scratch folder).
func RemoveDanglingLinks(root string) {
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			if _, statErr := os.Stat(path); statErr != nil {
				_ = os.Remove(path)
			}
		}
		return nil
	})
}

// RemoveEmptyDirs removes every folder below root that holds nothing, deepest first,
// so that a folder left holding only empty ones goes too; root stays. Bazel keeps empty
// folders of an output tree that its action made, but not of one it takes from a disk or
// remote cache, so a tree with them differs by how it arrived (the e2e reproducibility
// test met share/ and bin/ of the libraries, emptied by PruneLibrary or never filled).
func RemoveEmptyDirs(root string) error {
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root {
			dirs = append(dirs, path)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("listing the folders of %s: %w", root, err)
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		entries, err := os.ReadDir(dirs[i])
		if err != nil {
			return fmt.Errorf("reading %s: %w", dirs[i], err)
		}
		if len(entries) == 0 {
			if err := os.Remove(dirs[i]); err != nil {
				return fmt.Errorf("removing the empty folder %s: %w", dirs[i], err)
			}
		}
	}
	return nil
}

// Link makes a symlink at path (relative to root) pointing to target, replacing any file.
func Link(root, path, target string) error {
	full := filepath.Join(root, path)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("creating folder for link %s: %w", path, err)
	}
	if err := os.RemoveAll(full); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	if err := os.Symlink(target, full); err != nil {
		return fmt.Errorf("linking %s to %s: %w", path, target, err)
	}
	if _, err := os.Stat(full); err != nil {
		return fmt.Errorf("link %s points to %s, which the install does not have", path, target)
	}
	return nil
}

// AppendLine adds a line to a text file of the install tree; the file must be there.
func AppendLine(root, rel, line string) error {
	path := filepath.Join(root, rel)
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("adding %q to %s, which make install did not install: %w", line, rel, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	if err := os.Chmod(path, info.Mode().Perm()|0o200); err != nil {
		return err
	}
	return os.WriteFile(path, append(data, line+"\n"...), info.Mode().Perm())
}
