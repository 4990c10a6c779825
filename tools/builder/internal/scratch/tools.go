// The tools a build may run: links in its bin/ folder, and the toolchain's programs.

package scratch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// LinkTools fills dir with symlinks to the named programs, looked up in searchPath (those
// it lacks are left out), plus the fixed links given. It fails when a required tool
// cannot be found.
func LinkTools(dir string, searchPath, names []string, fixed map[string]string) error {
	seen := map[string]bool{}
	for name, target := range fixed {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("linking tool %s: %w", name, err)
		}
		seen[name] = true
	}
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		path, err := lookPath(name, searchPath)
		if err != nil {
			continue
		}
		if err := os.Symlink(path, filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("linking tool %s: %w", name, err)
		}
	}
	for _, name := range RequiredTools {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("required tool %q not found in %s", name, strings.Join(searchPath, ":"))
		}
	}
	return nil
}

func lookPath(name string, searchPath []string) (string, error) {
	for _, dir := range searchPath {
		path := filepath.Join(dir, name)
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o111 != 0 {
			return path, nil
		}
	}
	return "", fmt.Errorf("%s: %w", name, exec.ErrNotFound)
}

// absTool finds a tool of the toolchain: a path relative to the execroot in the mirror
// (or the working folder without one), a bare name in the search path.
func absTool(tool string, searchPath []string, mirror *Mirror) (string, error) {
	if tool == "" {
		return "", errors.New("not given")
	}
	if filepath.IsAbs(tool) {
		return tool, nil
	}
	if strings.Contains(tool, "/") {
		if mirror != nil {
			path, ok, err := mirror.Path(tool)
			if err != nil || ok {
				return path, err
			}
		}
		return filepath.Abs(tool)
	}
	return lookPath(tool, searchPath)
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
