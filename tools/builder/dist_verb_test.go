package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
)

func TestDistReadsEveryFlag(t *testing.T) {
	args := []string{
		"--out=bazel-out/bin/python.tar.gz", "--manifest_base=bazel-out/bin/base.json",
		"--build_info=bazel-out/bin/info.json", "--tree_root=python", "--interpreter=bin/python3.12",
		"--entry=python/install=bazel-out/bin/python_install", "--entry=python/licenses/zlib=external/zlib/LICENSE",
		"--source_date_epoch=1700000000",
	}

	d, err := parseDist(args)

	require.NoError(t, err)
	require.Equal(t, distFlags{
		out:          "bazel-out/bin/python.tar.gz",
		manifestBase: "bazel-out/bin/base.json",
		buildInfo:    "bazel-out/bin/info.json",
		treeRoot:     "python",
		interpreter:  "bin/python3.12",
		entries: params.Pairs{
			{Key: "python/install", Value: "bazel-out/bin/python_install"},
			{Key: "python/licenses/zlib", Value: "external/zlib/LICENSE"},
		},
		epoch: 1700000000,
	}, d)
	requireEachFlagIsRequired(t, func(a []string) error { _, err := parseDist(a); return err }, args,
		"out", "manifest_base", "build_info", "tree_root", "interpreter", "source_date_epoch")
}
