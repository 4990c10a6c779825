package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/unpacked"
)

// unpackedFlags are the unpacked verb's inputs, as the rule passes them.
type unpackedFlags struct {
	out, root, prefix string
	files             params.List
	epoch             int64
}

func parseUnpacked(args []string) (unpackedFlags, error) {
	fs := flag.NewFlagSet("unpacked", flag.ContinueOnError)
	var u unpackedFlags
	fs.StringVar(&u.out, "out", "", "install tree to produce")
	fs.StringVar(&u.root, "src_root", "", "the package's folder that its pkg-config files call prefix (its usr/)")
	fs.StringVar(&u.prefix, "package_prefix", "", "that folder's path on a machine the package is installed on")
	fs.Var(&u.files, "src", "a file below --src_root (repeated)")
	fs.Int64Var(&u.epoch, "source_date_epoch", 0, "the mtime of every file")
	if err := fs.Parse(args); err != nil {
		return unpackedFlags{}, err
	}
	return u, required(fs, "out", "src_root", "package_prefix", "src", "source_date_epoch")
}

// runUnpacked makes an install tree of a Debian package's files (package unpacked).
func runUnpacked(args []string) error {
	u, err := parseUnpacked(args)
	if err != nil {
		return err
	}
	if err := unpacked.Install(u.files, u.root, u.prefix, u.out, time.Unix(u.epoch, 0)); err != nil {
		return fmt.Errorf("unpacked %s: %w", u.out, err)
	}
	return nil
}
