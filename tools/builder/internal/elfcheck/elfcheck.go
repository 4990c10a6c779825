// Package elfcheck checks the ELF files of an installed interpreter as
// python-build-standalone validates its own: which shared libraries they need (nothing
// beyond glibc's, and libraries of their own tree, a shared libpython, found through run
// paths relative to themselves), which glibc
// symbol versions (none above the sysroot's glibc, the oldest a machine may have), and
// that they are hardened (RELRO, BIND_NOW, no executable stack, no text relocations).
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
	"ld-linux-x86-64.so.2",
}

// Policy says which libraries a file may need.
type Policy struct {
	Always []string
	// InTree are libraries of the checked tree itself: any file may need one, and must
	// then find it through its own run path.
	InTree []string
	// MaxGlibc is the highest GLIBC_ symbol version a file may need ("2.31", the glibc of
	// the sysroot it was linked against); empty: any.
	MaxGlibc string
}

// Interpreter is the policy of an interpreter built by rules_cpython; sharedLibpython is
// the soname of its shared libpython, empty when it links libpython statically, and
// maxGlibc the glibc of the sysroot, empty when it was built against the machine's.
func Interpreter(sharedLibpython, maxGlibc string) Policy {
	p := Policy{Always: Glibc, MaxGlibc: maxGlibc}
	if sharedLibpython != "" {
		p.InTree = []string{sharedLibpython}
	}
	return p
}

func (p Policy) allowed() map[string]bool {
	ok := map[string]bool{}
	for _, lib := range append(append([]string{}, p.Always...), p.InTree...) {
		ok[lib] = true
	}
	return ok
}

// Violation is a file that needs a library outside the policy, has a run path that does
// not follow the tree (absolute, or relative to the working folder), does not find a
// library of the tree through its run path, needs a newer glibc than allowed, or lacks
// a protection.
type Violation struct {
	File      string
	Libraries []string
	RunPaths  []string
	NotFound  []string
	// Glibc are the symbols it needs from a glibc above the policy's ("arc4random@GLIBC_2.36").
	Glibc []string
	// Hardening says what protection it lacks, and how to get it.
	Hardening []string
}

func (v Violation) empty() bool {
	return len(v.Libraries)+len(v.RunPaths)+len(v.NotFound)+len(v.Glibc)+len(v.Hardening) == 0
}

// Error lists every violation.
type Error struct {
	Violations []Violation
	MaxGlibc   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("ELF files break the interpreter's policy (glibc's libraries, the tree's own through $ORIGIN run paths; ")
	if e.MaxGlibc != "" {
		fmt.Fprintf(&b, "glibc symbol versions up to %s; ", e.MaxGlibc)
	}
	b.WriteString("RELRO, BIND_NOW, no executable stack, no text relocations):")
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
		if len(v.Glibc) > 0 {
			fmt.Fprintf(&b, "\n  %s needs symbols of a glibc newer than %s, the oldest glibc it must run on (was it linked against the machine's C library instead of the sysroot?): %s", v.File, e.MaxGlibc, strings.Join(v.Glibc, ", "))
		}
		for _, h := range v.Hardening {
			fmt.Fprintf(&b, "\n  %s: %s", v.File, h)
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
	return runPaths(f, path)
}

func runPaths(f *elf.File, path string) ([]string, error) {
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
	f, err := elf.Open(path)
	if err != nil {
		return v, fmt.Errorf("reading ELF file %s: %w", path, err)
	}
	defer f.Close()
	if f.Type != elf.ET_EXEC && f.Type != elf.ET_DYN {
		return v, nil // an object file: what it needs is decided when it is linked
	}
	libs, err := f.ImportedLibraries()
	if err != nil {
		return v, fmt.Errorf("reading dynamic section of %s: %w", path, err)
	}
	runPaths, err := runPaths(f, path)
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
	ok := p.allowed()
	for _, lib := range libs {
		if !ok[lib] {
			v.Libraries = append(v.Libraries, lib)
		} else if slices.Contains(p.InTree, lib) && !slices.ContainsFunc(folders, func(dir string) bool { return isFile(filepath.Join(dir, lib)) }) {
			v.NotFound = append(v.NotFound, fmt.Sprintf("%s (run paths: %s)", lib, strings.Join(runPaths, ":")))
		}
	}
	sort.Strings(v.Libraries)
	if v.Glibc, err = p.newerGlibc(f, path); err != nil {
		return v, err
	}
	if v.Hardening, err = hardening(f, path); err != nil {
		return v, err
	}
	return v, nil
}

// newerGlibc lists the symbols f needs from a glibc above the policy's, sorted.
func (p Policy) newerGlibc(f *elf.File, path string) ([]string, error) {
	if p.MaxGlibc == "" {
		return nil, nil
	}
	limit := versionParts(p.MaxGlibc)
	if limit == nil {
		return nil, fmt.Errorf("the policy's glibc version %q is not a version like 2.31", p.MaxGlibc)
	}
	symbols, err := glibcSymbols(f, path)
	if err != nil {
		return nil, err
	}
	var newer []string
	for _, s := range symbols {
		if lessVersion(limit, versionParts(s.version)) {
			newer = append(newer, s.name+"@GLIBC_"+s.version)
		}
	}
	sort.Strings(newer)
	return slices.Compact(newer), nil
}

type glibcSymbol struct{ name, version string }

// glibcSymbols are the symbols f imports with a GLIBC_x.y version.
func glibcSymbols(f *elf.File, path string) ([]glibcSymbol, error) {
	symbols, err := f.ImportedSymbols()
	if err != nil && !errors.Is(err, elf.ErrNoSymbols) {
		return nil, fmt.Errorf("reading the dynamic symbols of %s: %w", path, err)
	}
	var out []glibcSymbol
	for _, s := range symbols {
		if v, ok := strings.CutPrefix(s.Version, "GLIBC_"); ok && versionParts(v) != nil {
			out = append(out, glibcSymbol{s.Name, v})
		}
	}
	return out, nil
}

// hardening says which of python-build-standalone's protections f lacks.
func hardening(f *elf.File, path string) ([]string, error) {
	var relro, stack, execStack bool
	for _, prog := range f.Progs {
		switch prog.Type {
		case elf.PT_GNU_RELRO:
			relro = true
		case elf.PT_GNU_STACK:
			stack, execStack = true, prog.Flags&elf.PF_X != 0
		}
	}
	dyn := func(tag elf.DynTag) (uint64, bool, error) {
		values, err := f.DynValue(tag)
		if err != nil {
			return 0, false, fmt.Errorf("reading the dynamic section of %s: %w", path, err)
		}
		var all uint64
		for _, v := range values {
			all |= v
		}
		return all, len(values) > 0, nil
	}
	flags, _, err := dyn(elf.DT_FLAGS)
	if err != nil {
		return nil, err
	}
	flags1, _, err := dyn(elf.DT_FLAGS_1)
	if err != nil {
		return nil, err
	}
	_, bindNow, err := dyn(elf.DT_BIND_NOW)
	if err != nil {
		return nil, err
	}
	_, textrel, err := dyn(elf.DT_TEXTREL)
	if err != nil {
		return nil, err
	}
	var missing []string
	if !relro {
		missing = append(missing, "no RELRO segment (PT_GNU_RELRO): link with -Wl,-z,relro")
	}
	if !bindNow && flags&uint64(elf.DF_BIND_NOW) == 0 && flags1&uint64(elf.DF_1_NOW) == 0 {
		missing = append(missing, "symbols are bound lazily (no BIND_NOW), so RELRO cannot cover the GOT: link with -Wl,-z,now")
	}
	if !stack || execStack {
		missing = append(missing, "an executable stack (PT_GNU_STACK missing or executable): an object lacks .note.GNU-stack, or the link has -z execstack; link with -Wl,-z,noexecstack once the code is known not to need one")
	}
	if textrel || flags&uint64(elf.DF_TEXTREL) != 0 {
		missing = append(missing, "text relocations (DT_TEXTREL): code compiled without -fPIC was linked into it")
	}
	return missing, nil
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
		if !v.empty() {
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
		return count, &Error{Violations: violations, MaxGlibc: policy.MaxGlibc}
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
		symbols, err := glibcSymbols(f, path)
		if err != nil {
			return err
		}
		for _, s := range symbols {
			if parts := versionParts(s.version); lessVersion(best, parts) {
				best, version, file = parts, s.version, path
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
