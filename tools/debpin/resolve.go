package main

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Package is one stanza of a Debian Packages index.
type Package struct {
	Name, Version, Filename, SHA256 string
	// Depends are Pre-Depends then Depends: each a list of alternatives.
	Depends  [][]string
	Provides []string
}

// ParseIndex reads a Packages index.
func ParseIndex(r io.Reader) (map[string]*Package, error) {
	index := map[string]*Package{}
	fields := map[string]string{}
	last := ""
	flush := func() {
		if name := fields["Package"]; name != "" {
			p := &Package{
				Name:     name,
				Version:  fields["Version"],
				Filename: fields["Filename"],
				SHA256:   fields["SHA256"],
				Depends:  append(relations(fields["Pre-Depends"]), relations(fields["Depends"])...),
			}
			for _, alts := range relations(fields["Provides"]) {
				p.Provides = append(p.Provides, alts...)
			}
			index[name] = p
		}
		fields, last = map[string]string{}, ""
	}
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		line := scanner.Text()
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t"):
			if last != "" {
				fields[last] += " " + strings.TrimSpace(line)
			}
		default:
			key, value, ok := strings.Cut(line, ":")
			if !ok {
				return nil, fmt.Errorf("a line that is no field: %q", line)
			}
			last = key
			fields[key] = strings.TrimSpace(value)
		}
	}
	if err := scanner.Err(); err != nil {
		return nil, fmt.Errorf("reading the index: %w", err)
	}
	flush()
	return index, nil
}

// relations splits "a (>= 1) | b, c:any" into [[a b] [c]], without versions or
// architecture qualifiers.
func relations(field string) [][]string {
	var out [][]string
	for _, group := range strings.Split(field, ",") {
		var alts []string
		for _, alt := range strings.Split(group, "|") {
			name := strings.TrimSpace(alt)
			if i := strings.IndexAny(name, " ("); i >= 0 {
				name = name[:i]
			}
			name, _, _ = strings.Cut(name, ":")
			if name != "" {
				alts = append(alts, name)
			}
		}
		if len(alts) > 0 {
			out = append(out, alts)
		}
	}
	return out
}

// Resolve returns the packages the roots need, sorted by name: every dependency, taking
// the first alternative the index has (a real package, else the first that provides
// it), except those left out (and what only they need).
func Resolve(index map[string]*Package, roots, leaveOut []string) ([]*Package, error) {
	providers := map[string][]string{}
	for name, p := range index {
		for _, virtual := range p.Provides {
			providers[virtual] = append(providers[virtual], name)
		}
	}
	for _, names := range providers {
		sort.Strings(names)
	}
	skip := map[string]bool{}
	for _, name := range leaveOut {
		skip[name] = true
	}
	pick := func(alts []string) (string, bool) {
		for _, alt := range alts {
			if _, ok := index[alt]; ok {
				return alt, true
			}
		}
		for _, alt := range alts {
			if names := providers[alt]; len(names) > 0 {
				return names[0], true
			}
		}
		return "", false
	}
	chosen := map[string]*Package{}
	todo := append([]string(nil), roots...)
	for _, root := range roots {
		if _, ok := index[root]; !ok {
			return nil, fmt.Errorf("package %q is not in the index", root)
		}
	}
	for len(todo) > 0 {
		name := todo[0]
		todo = todo[1:]
		if skip[name] || chosen[name] != nil {
			continue
		}
		p := index[name]
		chosen[name] = p
		for _, alts := range p.Depends {
			if skipped(alts, skip) {
				continue
			}
			dep, ok := pick(alts)
			if !ok {
				return nil, fmt.Errorf("%s depends on %s, which nothing in the index is or provides", name, strings.Join(alts, " | "))
			}
			todo = append(todo, dep)
		}
	}
	out := make([]*Package, 0, len(chosen))
	for _, p := range chosen {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func skipped(alts []string, skip map[string]bool) bool {
	for _, alt := range alts {
		if skip[alt] {
			return true
		}
	}
	return false
}
