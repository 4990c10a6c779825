// Package mdsection replaces one named section of a Markdown file, so that several
// benchmarks can write their figures into the same docs/benchmarks.md.
package mdsection

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

func markers(name string) (begin, end string) {
	return "<!-- begin " + name + " -->", "<!-- end " + name + " -->"
}

// Replace puts content between the markers of section name in the file at path; a
// section not there yet is appended, a file not there yet is created with title.
func Replace(path, title, name, content string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		data = []byte(title + "\n")
	} else if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	updated, err := replaceIn(string(data), name, content)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, []byte(updated), 0o644)
}

func replaceIn(doc, name, content string) (string, error) {
	begin, end := markers(name)
	section := begin + "\n" + strings.TrimRight(content, "\n") + "\n" + end + "\n"
	start := strings.Index(doc, begin)
	if start < 0 {
		return strings.TrimRight(doc, "\n") + "\n\n" + section, nil
	}
	stop := strings.Index(doc[start:], end)
	if stop < 0 {
		return "", fmt.Errorf("section %q has no end marker %q", name, end)
	}
	rest := strings.TrimPrefix(doc[start+stop+len(end):], "\n")
	return doc[:start] + section + rest, nil
}
