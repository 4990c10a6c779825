package main

import (
	"flag"
	"fmt"
	"os"
	"path"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/buildinfo"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/dist"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
)

// runDist writes a distribution archive: the install tree, the licenses, and the
// manifest made of the rules' half and the build info.
func runDist(args []string) error {
	fs := flag.NewFlagSet("dist", flag.ContinueOnError)
	var out, base, buildInfo, interpreter string
	var entries params.Pairs
	var epoch int64
	fs.StringVar(&out, "out", "", "archive to write (.tar.gz)")
	fs.StringVar(&base, "manifest_base", "", "JSON the rules wrote: sources, licenses, settings")
	fs.StringVar(&buildInfo, "build_info", "", "JSON the interpreter's build wrote")
	fs.StringVar(&interpreter, "interpreter", "", "the interpreter's path in the install tree (bin/python3.13)")
	fs.Var(&entries, "entry", "ARCHIVE_PATH=PATH: a file, link or folder of the archive (repeated)")
	fs.Int64Var(&epoch, "source_date_epoch", 0, "the mtime of every member")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if out == "" || base == "" || buildInfo == "" || interpreter == "" {
		return fmt.Errorf("dist: --out, --manifest_base, --build_info and --interpreter are required")
	}
	baseData, err := os.ReadFile(base)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	info, err := buildinfo.Read(buildInfo)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	manifest, err := dist.Manifest(baseData, info, interpreter)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	c := dist.Config{Out: out, Manifest: append(manifest, '\n'), MTime: time.Unix(epoch, 0)}
	for _, rel := range info.Executables {
		c.Executables = append(c.Executables, path.Join(dist.TreeRoot, rel))
	}
	c.Links = map[string]string{}
	for rel, target := range info.Links {
		c.Links[path.Join(dist.TreeRoot, rel)] = target
	}
	for _, e := range entries {
		c.Entries = append(c.Entries, dist.Entry{ArchivePath: e.Key, Path: e.Value})
	}
	if err := dist.Write(c); err != nil {
		return fmt.Errorf("dist %s: %w", out, err)
	}
	return nil
}
