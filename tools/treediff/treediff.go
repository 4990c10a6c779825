// Package treediff compares two output trees file by file and says, for each file that
// differs, where and how: missing on one side, another kind, another link target, or the
// first differing bytes with their context. Modes are not compared: the trees are Bazel's
// outputs, whose modes Bazel writes (0555 for an output it ran the action for, the owner's
// execute bit on every file it took from a cache), so they tell how a file arrived, not
// what the build made; the builds record their executables in their build info.
package treediff

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Difference is one path that is not the same in both trees.
type Difference struct {
	Path   string
	Reason string
}

func (d Difference) String() string { return d.Path + ": " + d.Reason }

// Result of a comparison.
type Result struct {
	// Compared is the number of paths present in both trees.
	Compared    int
	Differences []Difference
}

// Compare walks both trees (links are compared as links, not followed) and returns every
// difference, sorted by path. Paths for which skip returns true are left out on both
// sides.
func Compare(a, b string, skip func(rel string) bool) (Result, error) {
	left, err := list(a, skip)
	if err != nil {
		return Result{}, err
	}
	right, err := list(b, skip)
	if err != nil {
		return Result{}, err
	}
	var res Result
	for rel := range left {
		if _, ok := right[rel]; !ok {
			res.Differences = append(res.Differences, Difference{rel, "only in " + a})
		}
	}
	for rel := range right {
		if _, ok := left[rel]; !ok {
			res.Differences = append(res.Differences, Difference{rel, "only in " + b})
			continue
		}
		res.Compared++
		reason, err := compareEntry(filepath.Join(a, rel), filepath.Join(b, rel), left[rel], right[rel])
		if err != nil {
			return Result{}, err
		}
		if reason != "" {
			res.Differences = append(res.Differences, Difference{rel, reason})
		}
	}
	sort.Slice(res.Differences, func(i, j int) bool { return res.Differences[i].Path < res.Differences[j].Path })
	return res, nil
}

// Covers compares the paths of tree with those of reference, as Compare does, leaving
// out the paths only reference has (another build's outputs in the same output tree).
func Covers(reference, tree string, skip func(rel string) bool) (Result, error) {
	res, err := Compare(reference, tree, skip)
	if err != nil {
		return res, err
	}
	kept := res.Differences[:0]
	for _, d := range res.Differences {
		if d.Reason != "only in "+reference {
			kept = append(kept, d)
		}
	}
	res.Differences = kept
	return res, nil
}

func list(root string, skip func(string) bool) (map[string]fs.FileMode, error) {
	out := map[string]fs.FileMode{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if rel == "." {
			return nil
		}
		if skip != nil && skip(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out[rel] = info.Mode()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", root, err)
	}
	return out, nil
}

func compareEntry(a, b string, ma, mb fs.FileMode) (string, error) {
	if ma.Type() != mb.Type() {
		return fmt.Sprintf("a %s here, a %s there", kind(ma), kind(mb)), nil
	}
	switch {
	case ma.Type()&fs.ModeSymlink != 0:
		ta, err := os.Readlink(a)
		if err != nil {
			return "", err
		}
		tb, err := os.Readlink(b)
		if err != nil {
			return "", err
		}
		if ta != tb {
			return fmt.Sprintf("links to %q and to %q", ta, tb), nil
		}
		return "", nil
	case ma.IsDir():
		return "", nil
	}
	da, err := os.ReadFile(a)
	if err != nil {
		return "", err
	}
	db, err := os.ReadFile(b)
	if err != nil {
		return "", err
	}
	if bytes.Equal(da, db) {
		return "", nil
	}
	return FirstDifference(da, db), nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "folder"
	case m.Type()&fs.ModeSymlink != 0:
		return "link"
	default:
		return "file"
	}
}

// FirstDifference describes where two byte strings first differ, with up to 24 bytes of
// context on each side, quoted so that binary content stays readable.
func FirstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	const context = 24
	window := func(d []byte) string {
		end := min(len(d), i+context)
		return fmt.Sprintf("%q", d[max(0, i-context):end])
	}
	sizes := ""
	if len(a) != len(b) {
		sizes = fmt.Sprintf(" (sizes %d and %d)", len(a), len(b))
	}
	return fmt.Sprintf("first differs at byte %d%s: %s vs %s", i, sizes, window(a), window(b))
}

// summaryLines is how many differences Summary names: a failing test's message must stay
// short enough for CI to show it whole.
const summaryLines = 20

// Summary is one line per difference (the first summaryLines), or "no differences".
func (r Result) Summary() string {
	if len(r.Differences) == 0 {
		return fmt.Sprintf("%d paths compared, no differences", r.Compared)
	}
	var lines []string
	for i, d := range r.Differences {
		if i == summaryLines {
			lines = append(lines, fmt.Sprintf("... and %d more", len(r.Differences)-summaryLines))
			break
		}
		lines = append(lines, d.String())
	}
	return fmt.Sprintf("%d paths compared, %d differ:\n%s", r.Compared, len(r.Differences), strings.Join(lines, "\n"))
}

// PythonTrees are the trees //:python builds below bazel-bin: the interpreter's install
// tree and its copy of libpython, and each library's install tree.
var PythonTrees = []string{"python_install", "python_embed", "third_party"}

// SkipBuildRecords skips what a build writes of itself beside its outputs (logs, params
// files, runfiles), which differ between two builds of the same bytes.
func SkipBuildRecords(rel string) bool {
	return strings.HasSuffix(rel, ".log") || strings.HasSuffix(rel, ".params") ||
		strings.HasSuffix(rel, ".runfiles") || strings.HasSuffix(rel, ".runfiles_manifest") ||
		strings.HasSuffix(rel, ".repo_mapping")
}
