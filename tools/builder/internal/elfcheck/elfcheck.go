// Package elfcheck checks which shared libraries an installed interpreter needs: nothing
// beyond glibc's, the X11 client libraries for _tkinter only, and libraries of its own
// tree (a shared libpython) that it finds through run paths relative to itself.
package elfcheck

import (
	"debug/elf"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Glibc are the libraries every ELF file of the interpreter may need.
var Glibc = []string{
	"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libutil.so.1",
	"ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
}

// X11 are the libraries Tk needs from the machine (the documented exception).
var X11 = []string{"libX11.so.6", "libxcb.so.1", "libXau.so.6", "libXdmcp.so.6"}

// Policy says which libraries a file may need.
type Policy struct {
	Always []string
	// PerModule gives extra libraries to files whose name starts with the key.
	PerModule map[string][]string
	// InTree are libraries of the checked tree itself: any file may need one, and must
	// then find it through its own run path.
	InTree []string
}

// Interpreter is the policy of an interpreter built by rules_cpython; sharedLibpython is
// the soname of its shared libpython, empty when it links libpython statically.
func Interpreter(sharedLibpython string) Policy {
	p := Policy{Always: Glibc, PerModule: map[string][]string{"_tkinter": X11}}
	if sharedLibpython != "" {
		p.InTree = []string{sharedLibpython}
	}
	return p
}

func (p Policy) allowed(file string) map[string]bool {
	ok := map[string]bool{}
	for _, lib := range append(append([]string{}, p.Always...), p.InTree...) {
		ok[lib] = true
	}
	base := filepath.Base(file)
	for prefix, libs := range p.PerModule {
		if strings.HasPrefix(base, prefix+".") {
			for _, lib := range libs {
				ok[lib] = true
			}
		}
	}
	return ok
}

// Violation is a file that needs a library outside the policy, has a run path that does
// not follow the tree (absolute, or relative to the working folder), or does not find a
// library of the tree through its run path.
type Violation struct {
	File      string
	Libraries []string
	RunPaths  []string
	NotFound  []string
}

// Error lists every violation.
type Error struct{ Violations []Violation }

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("ELF files break the interpreter's linking policy (glibc's libraries, X11's for _tkinter, and the tree's own through $ORIGIN run paths):")
	for _, v := range e.Violations {
		if len(v.Libraries) > 0 {
			fmt.Fprintf(&b, "\n  %s needs libraries outside the allow-list (link them statically, or extend the allow-list on purpose): %s", v.File, strings.Join(v.Libraries, ", "))
		}
		if len(v.RunPaths) > 0 {
			fmt.Fprintf(&b, "\n  %s has run paths that do not start with $ORIGIN, so they name the build's folders or the working folder, not the tree: %s", v.File, strings.Join(v.RunPaths, ", "))
		}
		if len(v.NotFound) > 0 {
			fmt.Fprintf(&b, "\n  %s does not find, through its run paths, libraries of the tree it needs: %s", v.File, strings.Join(v.NotFound, ", "))
		}
	}
	return b.String()
}

// RunPaths returns the DT_RUNPATH and DT_RPATH entries of an ELF file, in that order.
func RunPaths(path string) ([]string, error) {
	f, err := elf.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading ELF file %s: %w", path, err)
	}
	defer f.Close()
	var entries []string
	for _, tag := range []elf.DynTag{elf.DT_RUNPATH, elf.DT_RPATH} {
		values, err := f.DynString(tag)
		if err != nil {
			return nil, fmt.Errorf("reading the run paths of %s: %w", path, err)
		}
		for _, v := range values {
			for _, entry := range strings.Split(v, ":") {
				if entry != "" {
					entries = append(entries, entry)
				}
			}
		}
	}
	return entries, nil
}

// check is what the policy says of one file.
func (p Policy) check(path string) (Violation, error) {
	v := Violation{File: path}
	libs, err := Needed(path)
	if err != nil {
		return v, err
	}
	runPaths, err := RunPaths(path)
	if err != nil {
		return v, err
	}
	var folders []string
	for _, entry := range runPaths {
		rest, ok := strings.CutPrefix(entry, "$ORIGIN")
		if !ok {
			rest, ok = strings.CutPrefix(entry, "${ORIGIN}")
		}
		if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
			v.RunPaths = append(v.RunPaths, entry)
			continue
		}
		folders = append(folders, filepath.Join(filepath.Dir(path), rest))
	}
	ok := p.allowed(path)
	for _, lib := range libs {
		if !ok[lib] {
			v.Libraries = append(v.Libraries, lib)
		} else if slices.Contains(p.InTree, lib) && !slices.ContainsFunc(folders, func(dir string) bool { return isFile(filepath.Join(dir, lib)) }) {
			v.NotFound = append(v.NotFound, fmt.Sprintf("%s (run paths: %s)", lib, strings.Join(runPaths, ":")))
		}
	}
	sort.Strings(v.Libraries)
	return v, nil
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// Needed returns the DT_NEEDED entries of an ELF file.
func Needed(path string) ([]string, error) {
	f, err := elf.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading ELF file %s: %w", path, err)
	}
	defer f.Close()
	libs, err := f.ImportedLibraries()
	if err != nil {
		return nil, fmt.Errorf("reading dynamic section of %s: %w", path, err)
	}
	return libs, nil
}

// CheckTree checks every ELF file below each root (and each root that is a file), and
// returns how many files it read.
func CheckTree(policy Policy, roots ...string) (int, error) {
	var violations []Violation
	count, err := walkELF(roots, func(path string) error {
		v, err := policy.check(path)
		if err != nil {
			return err
		}
		if len(v.Libraries)+len(v.RunPaths)+len(v.NotFound) > 0 {
			violations = append(violations, v)
		}
		return nil
	})
	if err != nil {
		return count, err
	}
	if count == 0 {
		return 0, errors.New("no ELF file found to check")
	}
	if len(violations) > 0 {
		return count, &Error{Violations: violations}
	}
	return count, nil
}

// walkELF calls visit for every ELF file below each root (and each root that is one),
// and returns how many it visited.
func walkELF(roots []string, visit func(path string) error) (int, error) {
	count := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := os.Stat(path)
			if err != nil || !info.Mode().IsRegular() || !isELF(path) {
				return nil
			}
			count++
			return visit(path)
		})
		if err != nil {
			return count, fmt.Errorf("reading ELF files below %s: %w", root, err)
		}
	}
	return count, nil
}

// HighestGlibc is the highest GLIBC_x.y symbol version that any ELF file below the roots
// needs ("2.34"), and the file that needs it; empty when none needs one.
func HighestGlibc(roots ...string) (version, file string, err error) {
	best := []int{}
	_, err = walkELF(roots, func(path string) error {
		f, err := elf.Open(path)
		if err != nil {
			return fmt.Errorf("reading ELF file %s: %w", path, err)
		}
		defer f.Close()
		symbols, err := f.ImportedSymbols()
		if err != nil && !errors.Is(err, elf.ErrNoSymbols) {
			return fmt.Errorf("reading the dynamic symbols of %s: %w", path, err)
		}
		for _, s := range symbols {
			v, ok := strings.CutPrefix(s.Version, "GLIBC_")
			if !ok {
				continue
			}
			if parts := versionParts(v); parts != nil && lessVersion(best, parts) {
				best, version, file = parts, v, path
			}
		}
		return nil
	})
	return version, file, err
}

func versionParts(v string) []int {
	var parts []int
	for _, p := range strings.Split(v, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil
		}
		parts = append(parts, n)
	}
	return parts
}

func lessVersion(a, b []int) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

func isELF(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	magic := make([]byte, 4)
	n, _ := f.Read(magic)
	return n == 4 && string(magic) == elf.ELFMAG
}
