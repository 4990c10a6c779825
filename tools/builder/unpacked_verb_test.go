package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
)

func TestUnpackedReadsEveryFlag(t *testing.T) {
	args := []string{
		"--out=bazel-out/bin/x11proto", "--src_root=external/x11proto/root/usr", "--package_prefix=/usr",
		"--src=external/x11proto/root/usr/include/X11/X.h", "--src=external/x11proto/root/usr/share/pkgconfig/xproto.pc",
		"--source_date_epoch=1700000000",
	}

	u, err := parseUnpacked(args)

	require.NoError(t, err)
	require.Equal(t, unpackedFlags{
		out:    "bazel-out/bin/x11proto",
		root:   "external/x11proto/root/usr",
		prefix: "/usr",
		files: params.List{
			"external/x11proto/root/usr/include/X11/X.h",
			"external/x11proto/root/usr/share/pkgconfig/xproto.pc",
		},
		epoch: 1700000000,
	}, u)
	requireEachFlagIsRequired(t, func(a []string) error { _, err := parseUnpacked(a); return err }, args,
		"out", "src_root", "package_prefix", "src", "source_date_epoch")
}
