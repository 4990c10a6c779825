package params

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestExpandReadsOneArgumentPerLine(t *testing.T) {
	file := filepath.Join(t.TempDir(), "args.params")
	require.NoError(t, os.WriteFile(file, []byte("autotools\n--configure_arg=--with x\n--jobs=2\n"), 0o644))

	args, err := Expand([]string{"@" + file, "--extra"})

	require.NoError(t, err)
	require.Equal(t, []string{"autotools", "--configure_arg=--with x", "--jobs=2", "--extra"}, args)
}

func TestExpandReportsAMissingParamsFile(t *testing.T) {
	_, err := Expand([]string{"@/nonexistent/params"})
	require.ErrorContains(t, err, "reading params file")
}

func TestRepeatedFlagsKeepTheirOrder(t *testing.T) {
	var list List
	var pairs Pairs
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.Var(&list, "arg", "")
	fs.Var(&pairs, "dep", "")

	require.NoError(t, fs.Parse([]string{"--arg=b", "--dep=ssl=/x", "--arg=a", "--dep=z=/y=z"}))

	require.Equal(t, List{"b", "a"}, list)
	require.Equal(t, Pairs{{"ssl", "/x"}, {"z", "/y=z"}}, pairs)
	require.Error(t, fs.Parse([]string{"--dep=novalue"}))
}
