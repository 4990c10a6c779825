package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/unpacked"
)

// runUnpacked makes an install tree of a Debian package's files (package unpacked).
func runUnpacked(args []string) error {
	fs := flag.NewFlagSet("unpacked", flag.ContinueOnError)
	var out, root, prefix string
	var files params.List
	var epoch int64
	fs.StringVar(&out, "out", "", "install tree to produce")
	fs.StringVar(&root, "src_root", "", "the package's folder that its pkg-config files call prefix (its usr/)")
	fs.StringVar(&prefix, "package_prefix", "/usr", "that folder's path on a machine the package is installed on")
	fs.Var(&files, "src", "a file below --src_root (repeated)")
	fs.Int64Var(&epoch, "source_date_epoch", 0, "the mtime of every file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if out == "" || root == "" || len(files) == 0 {
		return fmt.Errorf("unpacked: --out, --src_root and --src are required")
	}
	if err := unpacked.Install(files, root, prefix, out, time.Unix(epoch, 0)); err != nil {
		return fmt.Errorf("unpacked %s: %w", out, err)
	}
	return nil
}
