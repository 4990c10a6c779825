// Package elfcheck checks which shared libraries an installed interpreter needs: nothing
// beyond glibc's, and the X11 client libraries for _tkinter only.
package elfcheck

import (
	"debug/elf"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
}

// Default is the policy of an interpreter built by rules_cpython.
func Default() Policy {
	return Policy{Always: Glibc, PerModule: map[string][]string{"_tkinter": X11}}
}

func (p Policy) allowed(file string) map[string]bool {
	ok := map[string]bool{}
	for _, lib := range p.Always {
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

// Violation is a file that needs a library outside the policy.
type Violation struct {
	File      string
	Libraries []string
}

// Error lists every violation.
type Error struct{ Violations []Violation }

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("ELF files need shared libraries outside the allow-list (link them statically, or extend the allow-list on purpose):")
	for _, v := range e.Violations {
		fmt.Fprintf(&b, "\n  %s: %s", v.File, strings.Join(v.Libraries, ", "))
	}
	return b.String()
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
		libs, err := Needed(path)
		if err != nil {
			return err
		}
		ok := policy.allowed(path)
		var extra []string
		for _, lib := range libs {
			if !ok[lib] {
				extra = append(extra, lib)
			}
		}
		if len(extra) > 0 {
			sort.Strings(extra)
			violations = append(violations, Violation{File: path, Libraries: extra})
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
