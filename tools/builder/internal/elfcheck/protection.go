package elfcheck

import (
	"debug/elf"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Protection is what one ELF file shows of the compiler's hardening: whether it is a
// position-independent executable, calls the stack protector's failure handler, and
// which fortified libc functions (__memcpy_chk...) it calls.
type Protection struct {
	File string
	// Executable: the file has a program interpreter (PT_INTERP); PIE only applies then.
	Executable bool
	PIE        bool
	// StackProtector: it imports __stack_chk_fail, which only code compiled with a stack
	// protector calls.
	StackProtector bool
	Fortified      []string
}

// Protections reads every ELF file below the roots (and each root that is one).
func Protections(roots ...string) ([]Protection, error) {
	var found []Protection
	_, err := walkELF(roots, func(path string) error {
		p, err := protection(path)
		if err != nil {
			return err
		}
		found = append(found, p)
		return nil
	})
	sort.Slice(found, func(i, j int) bool { return found[i].File < found[j].File })
	return found, err
}

func protection(path string) (Protection, error) {
	p := Protection{File: path}
	f, err := elf.Open(path)
	if err != nil {
		return p, fmt.Errorf("reading ELF file %s: %w", path, err)
	}
	defer f.Close()
	for _, prog := range f.Progs {
		if prog.Type == elf.PT_INTERP {
			p.Executable = true
		}
	}
	if p.Executable {
		flags1, err := f.DynValue(elf.DT_FLAGS_1)
		if err != nil {
			return p, fmt.Errorf("reading the dynamic section of %s: %w", path, err)
		}
		pie := false
		for _, v := range flags1 {
			pie = pie || v&uint64(elf.DF_1_PIE) != 0
		}
		p.PIE = f.Type == elf.ET_DYN && pie
	}
	symbols, err := f.ImportedSymbols()
	if err != nil && !errors.Is(err, elf.ErrNoSymbols) {
		return p, fmt.Errorf("reading the dynamic symbols of %s: %w", path, err)
	}
	seen := map[string]bool{}
	for _, s := range symbols {
		switch {
		case s.Name == "__stack_chk_fail":
			p.StackProtector = true
		case strings.HasPrefix(s.Name, "__") && strings.HasSuffix(s.Name, "_chk") && !seen[s.Name]:
			seen[s.Name] = true
			p.Fortified = append(p.Fortified, s.Name)
		}
	}
	sort.Strings(p.Fortified)
	return p, nil
}

// Summary is one line per file: PIE (executables), stack protector, fortified calls.
func Summary(found []Protection, relativeTo string) string {
	var b strings.Builder
	for _, p := range found {
		name := p.File
		if rel, err := filepath.Rel(relativeTo, p.File); err == nil && !strings.HasPrefix(rel, "..") {
			name = rel
		}
		pie := "-"
		if p.Executable {
			pie = yesNo(p.PIE)
		}
		fmt.Fprintf(&b, "%s: PIE %s, stack protector %s, fortified calls %d\n", name, pie, yesNo(p.StackProtector), len(p.Fortified))
	}
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// CheckProtection fails when the tree was not compiled with the hardening of
// rules/private/hardening.bzl: an executable that is not PIE; no stack protector or no
// fortified call in the interpreter itself (its executables and shared libpython, named
// libpython*); no stack protector in any other file (the extension modules). A single
// extension module may lack both: one whose functions keep no array on the stack gets no
// canary, and one that calls no fortifiable function no __*_chk (as in Debian's python).
func CheckProtection(found []Protection) error {
	var problems []string
	var interpreter, modules []Protection
	for _, p := range found {
		if p.Executable && !p.PIE {
			problems = append(problems, fmt.Sprintf("%s is not a position-independent executable: compile with -fPIE and link with -pie (the C toolchain's default on Debian)", p.File))
		}
		if p.Executable || strings.HasPrefix(filepath.Base(p.File), "libpython") {
			interpreter = append(interpreter, p)
		} else {
			modules = append(modules, p)
		}
	}
	if len(interpreter) > 0 && !anyOf(interpreter, func(p Protection) bool { return p.StackProtector }) {
		problems = append(problems, fmt.Sprintf("the interpreter (%s) calls no stack protector: compile with -fstack-protector-strong", files(interpreter)))
	}
	if len(interpreter) > 0 && !anyOf(interpreter, func(p Protection) bool { return len(p.Fortified) > 0 }) {
		problems = append(problems, fmt.Sprintf("the interpreter (%s) calls no fortified libc function (__*_chk): compile with -D_FORTIFY_SOURCE=2 and optimization", files(interpreter)))
	}
	if len(modules) > 0 && !anyOf(modules, func(p Protection) bool { return p.StackProtector }) {
		problems = append(problems, fmt.Sprintf("none of the %d other ELF files (the extension modules) calls a stack protector: compile them with -fstack-protector-strong", len(modules)))
	}
	if len(problems) > 0 {
		return fmt.Errorf("the ELF files lack the hardening of rules/private/hardening.bzl:\n  %s", strings.Join(problems, "\n  "))
	}
	return nil
}

func anyOf(ps []Protection, ok func(Protection) bool) bool {
	for _, p := range ps {
		if ok(p) {
			return true
		}
	}
	return false
}

func files(ps []Protection) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = filepath.Base(p.File)
	}
	return strings.Join(names, ", ")
}
