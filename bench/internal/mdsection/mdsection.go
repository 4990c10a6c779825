// Package mdsection replaces one named section of a Markdown file, so that several
// benchmarks can write their figures into the same docs/benchmarks.md.
package mdsection

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// Provenance is the sentence that opens a section: the command that wrote it, the date
// and the machine, so that figures are never read without where they come from.
func Provenance(command string) string {
	return fmt.Sprintf("Written by `%s` on %s: %s, %d cores, %s/%s. Every figure in this section comes from that one run.",
		command, time.Now().UTC().Format("2006-01-02"), cpuModel(), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

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
