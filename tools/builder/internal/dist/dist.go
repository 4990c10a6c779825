// Package dist writes a distribution archive of an install tree: a .tar.gz whose bytes
// depend only on the files (sorted members, one mtime, owner 0 with no names, fixed
// compression), with a manifest, PYTHON.json, at its root.
package dist

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/buildinfo"
)

// ManifestName is the manifest's name at the archive's root.
const ManifestName = "PYTHON.json"

// Entry puts a file, link or folder (walked) of the build at a path of the archive.
type Entry struct{ ArchivePath, Path string }

// Config is one archive.
type Config struct {
	Out     string
	Entries []Entry
	// Manifest is the manifest's content.
	Manifest []byte
	MTime    time.Time
	// Executables are the archive paths of the files that get mode 0755; every other file
	// gets 0644. The build says which (its build info), not the file's mode on disk, which
	// Bazel sets.
	Executables []string
	// Links are the archive paths of links and their targets, whatever stands at those
	// paths on disk (a remote worker may stage a link as a copy of its target).
	Links map[string]string
}

type member struct {
	name   string
	source string // a file to copy, or "" for a folder or link
	link   string
	mode   int64
	dir    bool
}

// Write writes the archive.
func Write(c Config) error {
	members := map[string]member{}
	for _, e := range c.Entries {
		if err := collect(members, e); err != nil {
			return err
		}
	}
	for name, target := range c.Links {
		if _, ok := members[name]; !ok {
			return fmt.Errorf("the build made %s a link, but the archive has no such entry", name)
		}
		members[name] = member{name: name, link: target, mode: 0o777}
	}
	for _, name := range c.Executables {
		m, ok := members[name]
		if !ok || m.source == "" {
			return fmt.Errorf("the build made %s executable, but the archive has no such file", name)
		}
		m.mode = 0o755
		members[name] = m
	}
	for name := range members {
		for dir := path.Dir(name); dir != "." && dir != "/"; dir = path.Dir(dir) {
			if _, ok := members[dir]; !ok {
				members[dir] = member{name: dir, dir: true, mode: 0o755}
			}
		}
	}
	names := make([]string, 0, len(members))
	for name := range members {
		names = append(names, name)
	}
	sort.Strings(names)

	f, err := os.Create(c.Out)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewWriterLevel(f, gzip.DefaultCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	if err := writeFile(tw, ManifestName, c.Manifest, c.MTime); err != nil {
		return err
	}
	for _, name := range names {
		if err := writeMember(tw, members[name], c.MTime); err != nil {
			return fmt.Errorf("archiving %s: %w", name, err)
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	return f.Close()
}

// collect adds an entry: a folder is walked, the tree's own (relative) links are kept as
// links, and an absolute link (how a sandbox or a remote worker stages an input) stands
// for what it points to.
func collect(members map[string]member, e Entry) error {
	info, err := os.Lstat(e.Path)
	if err != nil {
		return fmt.Errorf("archive entry %s: %w", e.ArchivePath, err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		if link, err := os.Readlink(e.Path); err == nil && filepath.IsAbs(link) {
			if info, err = os.Stat(e.Path); err != nil {
				return fmt.Errorf("archive entry %s: %w", e.ArchivePath, err)
			}
		}
	}
	if !info.IsDir() {
		m, err := memberOf(e.ArchivePath, e.Path, info)
		if err != nil {
			return err
		}
		members[e.ArchivePath] = m
		return nil
	}
	return filepath.WalkDir(e.Path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(e.Path, p)
		if err != nil {
			return err
		}
		name := path.Join(e.ArchivePath, filepath.ToSlash(rel))
		if rel != "." && d.Type()&fs.ModeSymlink != 0 {
			return collect(members, Entry{ArchivePath: name, Path: p})
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		m, err := memberOf(name, p, info)
		if err != nil {
			return err
		}
		members[name] = m
		return nil
	})
}

func memberOf(name, p string, info fs.FileInfo) (member, error) {
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		link, err := os.Readlink(p)
		if err != nil {
			return member{}, err
		}
		if filepath.IsAbs(link) {
			return member{}, fmt.Errorf("%s links to %s, which does not exist", name, link)
		}
		return member{name: name, link: link, mode: 0o777}, nil
	case info.IsDir():
		return member{name: name, dir: true, mode: 0o755}, nil
	case info.Mode().IsRegular():
		return member{name: name, source: p, mode: 0o644}, nil
	}
	return member{}, fmt.Errorf("%s is neither a file, a folder nor a link (%v)", name, info.Mode())
}

// header is what every member has in common: no owner but 0, no names, one mtime.
func header(name string, mode int64, mtime time.Time) *tar.Header {
	return &tar.Header{Name: name, Mode: mode, ModTime: mtime, Format: tar.FormatPAX}
}

func writeFile(tw *tar.Writer, name string, data []byte, mtime time.Time) error {
	h := header(name, 0o644, mtime)
	h.Typeflag = tar.TypeReg
	h.Size = int64(len(data))
	if err := tw.WriteHeader(h); err != nil {
		return err
	}
	_, err := tw.Write(data)
	return err
}

func writeMember(tw *tar.Writer, m member, mtime time.Time) error {
	switch {
	case m.dir:
		h := header(m.name+"/", m.mode, mtime)
		h.Typeflag = tar.TypeDir
		return tw.WriteHeader(h)
	case m.link != "":
		h := header(m.name, m.mode, mtime)
		h.Typeflag = tar.TypeSymlink
		h.Linkname = m.link
		return tw.WriteHeader(h)
	}
	f, err := os.Open(m.source)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	h := header(m.name, m.mode, mtime)
	h.Typeflag = tar.TypeReg
	h.Size = info.Size()
	if err := tw.WriteHeader(h); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// Manifest merges what the rules know (base: the sources, settings) with what the build
// recorded (info: configure arguments, modules, glibc, sysconfig paths), naming paths
// from the archive's root (the install tree is its folder treeRoot).
func Manifest(base []byte, info buildinfo.BuildInfo, treeRoot, interpreter string) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(base, &m); err != nil {
		return nil, fmt.Errorf("reading the rules' half of the manifest: %w", err)
	}
	if want, ok := m["python_version"].(string); ok && want != info.PythonVersion {
		return nil, fmt.Errorf("the rules built CPython %s, but the interpreter says it is %s", want, info.PythonVersion)
	}
	paths := map[string]string{}
	for key, p := range info.SysconfigPaths {
		paths[key] = path.Join(treeRoot, p)
	}
	m["configure_args"] = info.ConfigureArgs
	m["target_triple"] = info.TargetTriple
	m["glibc_version_required"] = info.GlibcVersion
	if info.GlibcFile != "" {
		m["glibc_version_required_by"] = path.Join(treeRoot, info.GlibcFile)
	}
	m["sysconfig_paths"] = paths
	m["extension_modules"] = info.ExtensionModules
	m["interpreter"] = path.Join(treeRoot, strings.TrimPrefix(interpreter, "/"))
	return json.MarshalIndent(m, "", "  ")
}
