// Package srcpatch makes anchored edits to a source tree: each edit names text that
// must be in its file exactly once and what replaces it. A release whose sources moved
// on fails with the edit's reason instead of building without it. An edited file keeps
// its mode and modification time, so make sees nothing newer than what the release
// generated from it.
package srcpatch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Edit replaces Old, found exactly once in File (relative to the source root), with New.
type Edit struct {
	File string `json:"file"`
	Old  string `json:"old"`
	New  string `json:"new"`
	// Why it is needed: said when Old is not found once.
	Why string `json:"why"`
}

// ParseEdit reads an edit from one line of JSON (the rules' --source_edit).
func ParseEdit(line string) (Edit, error) {
	var e Edit
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return Edit{}, fmt.Errorf("source edit %q: %w", line, err)
	}
	if e.File == "" || e.Old == "" || e.Why == "" {
		return Edit{}, fmt.Errorf("source edit %q: file, old and why are required", line)
	}
	if filepath.IsAbs(e.File) || strings.HasPrefix(filepath.Clean(e.File), "..") {
		return Edit{}, fmt.Errorf("source edit %q: file must be below the sources", line)
	}
	return e, nil
}

// Apply makes the edits below root, in order; edits of one file see the earlier ones.
func Apply(root string, edits []Edit) error {
	var order []string
	byFile := map[string][]Edit{}
	for _, e := range edits {
		if _, seen := byFile[e.File]; !seen {
			order = append(order, e.File)
		}
		byFile[e.File] = append(byFile[e.File], e)
	}
	for _, file := range order {
		if err := applyToFile(filepath.Join(root, file), byFile[file]); err != nil {
			return err
		}
	}
	return nil
}

func applyToFile(path string, edits []Edit) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("source edit of %s (%s): %w", edits[0].File, edits[0].Why, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", edits[0].File, err)
	}
	text := string(data)
	for _, e := range edits {
		if n := strings.Count(text, e.Old); n != 1 {
			return fmt.Errorf("%s of these sources has %d copies of %q where rules_cpython's edit needs one (%s): the release needs an edit of its own in rules/private/release_quirks.bzl",
				e.File, n, firstLine(e.Old), e.Why)
		}
		text = strings.Replace(text, e.Old, e.New, 1)
	}
	if err := os.WriteFile(path, []byte(text), info.Mode().Perm()); err != nil {
		return fmt.Errorf("writing %s: %w", edits[0].File, err)
	}
	return os.Chtimes(path, info.ModTime(), info.ModTime())
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}
