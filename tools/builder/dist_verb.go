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

// distFlags are the dist verb's inputs, as the rule passes them.
type distFlags struct {
	out, manifestBase, buildInfo, treeRoot, interpreter string
	entries                                             params.Pairs
	epoch                                               int64
}

func parseDist(args []string) (distFlags, error) {
	fs := flag.NewFlagSet("dist", flag.ContinueOnError)
	var d distFlags
	fs.StringVar(&d.out, "out", "", "archive to write (.tar.gz)")
	fs.StringVar(&d.manifestBase, "manifest_base", "", "JSON the rules wrote: sources, licenses, settings")
	fs.StringVar(&d.buildInfo, "build_info", "", "JSON the interpreter's build wrote")
	fs.StringVar(&d.treeRoot, "tree_root", "", "the archive's folder that holds the install tree")
	fs.StringVar(&d.interpreter, "interpreter", "", "the interpreter's path in the install tree (bin/python3.13)")
	fs.Var(&d.entries, "entry", "ARCHIVE_PATH=PATH: a file, link or folder of the archive (repeated)")
	fs.Int64Var(&d.epoch, "source_date_epoch", 0, "the mtime of every member")
	if err := fs.Parse(args); err != nil {
		return distFlags{}, err
	}
	return d, required(fs, "out", "manifest_base", "build_info", "tree_root", "interpreter", "source_date_epoch")
}

// runDist writes a distribution archive: the install tree, the licenses, and the
// manifest made of the rules' half and the build info.
func runDist(args []string) error {
	d, err := parseDist(args)
	if err != nil {
		return err
	}
	baseData, err := os.ReadFile(d.manifestBase)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	info, err := buildinfo.Read(d.buildInfo)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	manifest, err := dist.Manifest(baseData, info, d.treeRoot, d.interpreter)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	c := dist.Config{Out: d.out, Manifest: append(manifest, '\n'), MTime: time.Unix(d.epoch, 0)}
	for _, rel := range info.Executables {
		c.Executables = append(c.Executables, path.Join(d.treeRoot, rel))
	}
	c.Links = map[string]string{}
	for rel, target := range info.Links {
		c.Links[path.Join(d.treeRoot, rel)] = target
	}
	for _, e := range d.entries {
		c.Entries = append(c.Entries, dist.Entry{ArchivePath: e.Key, Path: e.Value})
	}
	if err := dist.Write(c); err != nil {
		return fmt.Errorf("dist %s: %w", d.out, err)
	}
	return nil
}
