//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// bindIntoToolbox runs the toolbox's offline_bind, which makes a folder of this machine
// visible at the same path inside a toolbox root.
func bindIntoToolbox(t *testing.T, root, dir string) {
	t.Helper()
	script := `. "$1" && offline_bind "$2" "$3"`
	out, err := exec.Command("bash", "-c", script, "bash",
		filepath.Join(workspace(t), "tools", "offline", "mounts.sh"), root, dir).CombinedOutput()
	require.NoError(t, err, "%s", out)
}

// CI clones into the same path on every run, after deleting the clone of the last one:
// the toolbox must see the new clone, not the deleted folder that an earlier mount still shows.
func TestToolboxSeesAFolderMadeAgainAtTheSamePath(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("bind mounts need root, as the toolbox does")
	}
	root := t.TempDir()
	dir := filepath.Join(t.TempDir(), "clone")
	inside := root + dir
	t.Cleanup(func() { exec.Command("umount", "--lazy", inside).Run() })

	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "first"), nil, 0o644))
	bindIntoToolbox(t, root, dir)
	require.FileExists(t, filepath.Join(inside, "first"))

	bindIntoToolbox(t, root, dir)
	require.FileExists(t, filepath.Join(inside, "first"), "binding the same folder twice keeps it visible")

	require.NoError(t, os.RemoveAll(dir))
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "second"), nil, 0o644))
	bindIntoToolbox(t, root, dir)
	require.FileExists(t, filepath.Join(inside, "second"), "the toolbox shows the folder made again")
	require.NoFileExists(t, filepath.Join(inside, "first"))
}

// The mirror's byte-identical archives (tools/offline/sources.tsv, kind distdir) are the
// ones the rules pin (rules/private/sources.bzl): the same file with the same sha256, so
// that a version or checksum changed in the rules' table and not in the mirror's list
// (or the other way) fails here rather than as a download error in a fresh toolbox.
func TestTheMirrorsArchivesHaveTheSha256OfTheRulesTable(t *testing.T) {
	table, err := os.ReadFile(filepath.Join(workspace(t), "rules", "private", "sources.bzl"))
	require.NoError(t, err)
	mirror, err := os.ReadFile(filepath.Join(workspace(t), "tools", "offline", "sources.tsv"))
	require.NoError(t, err)
	checked := 0
	for _, line := range strings.Split(string(mirror), "\n") {
		fields := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(fields) < 5 || fields[4] != "distdir" {
			continue
		}
		name, version, file, sha256 := fields[0], fields[1], fields[2], fields[3]
		if name == "cpython" {
			require.Contains(t, string(table), `_python_org("`+version+`", "`+sha256+`"`,
				"sources.tsv's CPython %s (%s) is not in CPYTHON_RELEASES with that sha256", version, file)
		} else if row := libraryRow(string(table), name, version); row != nil {
			require.Equal(t, sha256, row.sha256, "sources.tsv's %s %s has another sha256 than the rules' table", name, version)
			require.Equal(t, file, row.file, "sources.tsv's %s %s is another file than the rules' table's URL names", name, version)
		} else {
			at := strings.Index(string(table), "/"+file+`"`)
			require.GreaterOrEqual(t, at, 0, "sources.tsv's %s %s: no URL or pool path of the rules' table ends in %s", name, version, file)
			entry := string(table)[at:min(len(table), at+300)]
			entry = entry[:strings.Index(entry+")", ")")]
			require.Contains(t, entry, `sha256 = "`+sha256+`"`,
				"sources.tsv's %s has another sha256 than the rules' table:\n%s", file, entry)
		}
		checked++
	}
	require.Greater(t, checked, 10, "distdir rows of sources.tsv")
}

type libraryArchive struct{ version, sha256, url, file string }

var libraryArchiveRow = regexp.MustCompile(`_archive\("([^"]+)", "([0-9a-f]{64})", "([^"]+)"`)

// libraryRows are a library's rows of LIBRARY_SOURCES (rules/private/sources.bzl), with
// the URL and file name their template gives, read here apart from the rules' own
// formatting: {version}, {series} (major.minor) and {sqlite_number} (3.52.0: 3520000).
func libraryRows(table, name string) []libraryArchive {
	start := strings.Index(table, `"`+strings.ReplaceAll(name, "-", "_")+`": _archives(`)
	if start < 0 {
		return nil
	}
	block := table[start:]
	block = block[:strings.Index(block+"\n    ),", "\n    ),")]
	var rows []libraryArchive
	for _, m := range libraryArchiveRow.FindAllStringSubmatch(block, -1) {
		version := m[1]
		parts := strings.Split(version, ".")
		sqliteNumber := ""
		if len(parts) == 3 {
			sqliteNumber = parts[0]
			for _, p := range parts[1:] {
				sqliteNumber += fmt.Sprintf("%02s", p)
			}
			sqliteNumber += "00"
		}
		series := version
		if len(parts) >= 2 {
			series = parts[0] + "." + parts[1]
		}
		url := strings.NewReplacer("{version}", version, "{series}", series, "{sqlite_number}", sqliteNumber).Replace(m[3])
		rows = append(rows, libraryArchive{version: version, sha256: m[2], url: url, file: url[strings.LastIndex(url, "/")+1:]})
	}
	return rows
}

// libraryRow is a library's row of that version, or nil.
func libraryRow(table, name, version string) *libraryArchive {
	for _, row := range libraryRows(table, name) {
		if row.version == version {
			return &row
		}
	}
	return nil
}

// pinnedLibrary is the one row of a library that rules_cpython pins a single version of.
func pinnedLibrary(t *testing.T, name string) libraryArchive {
	t.Helper()
	table, err := os.ReadFile(filepath.Join(workspace(t), "rules", "private", "sources.bzl"))
	require.NoError(t, err)
	rows := libraryRows(string(table), name)
	require.Len(t, rows, 1, "the pinned versions of %s in rules/private/sources.bzl", name)
	return rows[0]
}
