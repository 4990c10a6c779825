package main

import (
	"fmt"
	"regexp"
	"strings"
)

// Lock is what the lock file says: the request and the packages that satisfy it.
type Lock struct {
	Suite string
	// Base is another lock file (relative to the workspace) whose packages this set is
	// installed beside: they and its LEAVE_OUT are left out here, and its suite is this one's.
	Base     string
	Roots    []string
	LeaveOut []string
	Packages []*Package
}

// Starlark is the text of the lock file at path (relative to the workspace).
func (l Lock) Starlark(path string) string {
	var b strings.Builder
	command := "go run ./tools/debpin"
	if path != lockPath {
		command += " -lock " + path
	}
	b.WriteString(`"""Pinned Debian packages, with their dependencies.

Written by ` + "`" + command + "`" + ` from SUITE, ROOTS and LEAVE_OUT below: change those
(or pass -suite, -roots, -leave_out) and run it again, never edit PACKAGES by hand.
"""

`)
	if l.Base != "" {
		fmt.Fprintf(&b, "# The packages of BASE, and its LEAVE_OUT, are left out: this set is installed beside them.\nBASE = %q\n\n", l.Base)
	}
	fmt.Fprintf(&b, "SUITE = %q\n\n", l.Suite)
	writeList(&b, "ROOTS", l.Roots)
	writeList(&b, "LEAVE_OUT", l.LeaveOut)
	b.WriteString("PACKAGES = [\n")
	for _, p := range l.Packages {
		fmt.Fprintf(&b, "    struct(\n        name = %q,\n        version = %q,\n        pool = %q,\n        sha256 = %q,\n    ),\n", p.Name, p.Version, p.Filename, p.SHA256)
	}
	b.WriteString("]\n")
	return b.String()
}

func writeList(b *strings.Builder, name string, values []string) {
	fmt.Fprintf(b, "%s = [\n", name)
	for _, v := range values {
		fmt.Fprintf(b, "    %q,\n", v)
	}
	b.WriteString("]\n\n")
}

// stringValue reads NAME = "value" from a lock file's text.
func stringValue(text []byte, name string) string {
	m := regexp.MustCompile(`(?m)^` + name + ` = "([^"]*)"`).FindSubmatch(text)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// listValue reads the strings of NAME = [ ... ] from a lock file's text.
func listValue(text []byte, name string) []string {
	m := regexp.MustCompile(`(?ms)^` + name + ` = \[(.*?)^\]`).FindSubmatch(text)
	if m == nil {
		return nil
	}
	var out []string
	for _, q := range regexp.MustCompile(`"([^"]*)"`).FindAllSubmatch(m[1], -1) {
		out = append(out, string(q[1]))
	}
	return out
}

// ReadLock reads a lock file's text; of its packages, only the names.
func ReadLock(text []byte) Lock {
	l := Lock{
		Suite:    stringValue(text, "SUITE"),
		Base:     stringValue(text, "BASE"),
		Roots:    listValue(text, "ROOTS"),
		LeaveOut: listValue(text, "LEAVE_OUT"),
	}
	for _, m := range regexp.MustCompile(`(?m)^        name = "([^"]*)"`).FindAllSubmatch(text, -1) {
		l.Packages = append(l.Packages, &Package{Name: string(m[1])})
	}
	return l
}

// Excluded is what resolving l's roots leaves out: its LEAVE_OUT and, of its base, the
// LEAVE_OUT and every package.
func (l Lock) Excluded(base Lock) []string {
	out := append(append([]string(nil), l.LeaveOut...), base.LeaveOut...)
	for _, p := range base.Packages {
		out = append(out, p.Name)
	}
	return out
}
