// Package srctree copies sources and dependency trees into a build's scratch folder.
//
// Inputs reach an action as read-only files or symlinks into Bazel's output base, and
// autotools builds write next to their sources; so every build works on a private copy.
// Every copied file gets the same modification time: make then sees no generated file
// (configure, Makefile.in, aclocal.m4) older than its source and never tries to run
// autoconf or automake, whatever order the copies were made in.
package srctree

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ExecutablesManifest is the file of a source repository that lists, one path per line
// relative to its root, the files its archive made executable (rules/private/sources.bzl
// writes it). Builds look at modes (CPython's make install copies a file of Lib/ as a
// script when it is executable), and a remote-execution service may not keep them: Bazel
// sends every input as executable.
const ExecutablesManifest = "rules_cpython_executables.txt"

// CopyFiles copies each file, given by a path that starts with root, to the same path
// below dest. When the files hold root's ExecutablesManifest, the copies listed there get
// mode 0755 and the others 0644; otherwise each keeps its mode.
func CopyFiles(files []string, root, dest string, mtime time.Time) error {
	root = filepath.Clean(root)
	executables, err := readExecutables(files, root)
	if err != nil {
		return err
	}
	for _, file := range files {
		rel, err := filepath.Rel(root, filepath.Clean(file))
		if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
			return fmt.Errorf("source %s is not below the source root %s", file, root)
		}
		var mode fs.FileMode
		if executables != nil {
			mode = 0o644
			if executables[filepath.ToSlash(rel)] {
				mode = 0o755
			}
		}
		if err := copyFile(file, filepath.Join(dest, rel), mtime, mode); err != nil {
			return err
		}
	}
	return stampDirs(dest, mtime)
}

// readExecutables reads root's ExecutablesManifest when it is one of files; nil without.
func readExecutables(files []string, root string) (map[string]bool, error) {
	manifest := filepath.Join(root, ExecutablesManifest)
	for _, file := range files {
		if filepath.Clean(file) != manifest {
			continue
		}
		data, err := os.ReadFile(manifest)
		if err != nil {
			return nil, fmt.Errorf("reading the sources' list of executables: %w", err)
		}
		executables := map[string]bool{}
		for _, line := range strings.Split(string(data), "\n") {
			if line != "" {
				executables[line] = true
			}
		}
		return executables, nil
	}
	return nil, nil
}

// CopyTree copies the tree at src (symlinks are followed: a sandbox presents inputs as
// symlinks) to dest.
func CopyTree(src, dest string, mtime time.Time) error {
	resolved, err := filepath.EvalSymlinks(src)
	if err != nil {
		return fmt.Errorf("resolving %s: %w", src, err)
	}
	err = filepath.WalkDir(resolved, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(resolved, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dest, rel)
		info, err := os.Stat(path)
		if err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		if info.IsDir() {
			if d.Type()&fs.ModeSymlink != 0 {
				return CopyTree(path, target, mtime)
			}
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(path, target, mtime, 0)
	})
	if err != nil {
		return fmt.Errorf("copying %s to %s: %w", src, dest, err)
	}
	return stampDirs(dest, mtime)
}

// copyFile copies src with mode (0: the source's own), writable.
func copyFile(src, dest string, mtime time.Time, mode fs.FileMode) error {
	if mode == 0 {
		info, err := os.Stat(src)
		if err != nil {
			return fmt.Errorf("reading source %s: %w", src, err)
		}
		mode = info.Mode().Perm()
	}
	// Writable copies: builds patch and regenerate files in place.
	if err := CopyFile(src, dest, mode|0o200); err != nil {
		return err
	}
	return os.Chtimes(dest, mtime, mtime)
}

// CopyFile copies the file src to dest (creating its folder) with exactly the given
// mode, whatever the umask.
func CopyFile(src, dest string, mode fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("opening source %s: %w", src, err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("creating folder for %s: %w", dest, err)
	}
	out, err := os.OpenFile(dest, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, mode)
	if err != nil {
		return fmt.Errorf("creating %s: %w", dest, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", dest, err)
	}
	// OpenFile's mode went through the umask.
	if err := os.Chmod(dest, mode); err != nil {
		return fmt.Errorf("setting mode of %s: %w", dest, err)
	}
	return nil
}

func stampDirs(root string, mtime time.Time) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chtimes(path, mtime, mtime)
		}
		return nil
	})
}
