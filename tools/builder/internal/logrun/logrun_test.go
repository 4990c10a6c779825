package logrun

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunAppendsOutputToTheLog(t *testing.T) {
	dir := t.TempDir()
	r := &Runner{LogPath: filepath.Join(dir, "build.log"), Env: []string{"GREETING=hello"}}

	require.NoError(t, r.Run("greet", dir, "/bin/sh", "-c", "echo $GREETING; echo to-stderr >&2"))
	require.NoError(t, r.Run("again", dir, "/bin/sh", "-c", "echo second"))

	log, err := os.ReadFile(r.LogPath)
	require.NoError(t, err)
	require.Contains(t, string(log), "==== greet: /bin/sh")
	require.Contains(t, string(log), "hello\nto-stderr\n")
	require.Contains(t, string(log), "second")
	require.Regexp(t, `==== greet took [0-9.]+s`, string(log))
}

func TestOutputReturnsStandardOutputAndLogsBothStreams(t *testing.T) {
	dir := t.TempDir()
	r := &Runner{LogPath: filepath.Join(dir, "build.log")}

	out, err := r.Output("ask", dir, "/bin/sh", "-c", "echo answer; echo noise >&2")
	require.NoError(t, err)
	require.Equal(t, "answer\n", out)

	log, _ := os.ReadFile(r.LogPath)
	require.Contains(t, string(log), "answer\n")
	require.Contains(t, string(log), "noise\n")

	_, err = r.Output("fail", dir, "/bin/sh", "-c", "exit 3")
	var stepErr *StepError
	require.ErrorAs(t, err, &stepErr)
	require.Equal(t, "fail", stepErr.Step)
}

func TestRunDoesNotInheritTheEnvironment(t *testing.T) {
	t.Setenv("LEAKED_FROM_HOST", "yes")
	dir := t.TempDir()
	r := &Runner{LogPath: filepath.Join(dir, "build.log")}

	require.NoError(t, r.Run("env", dir, "/bin/sh", "-c", "echo leaked=${LEAKED_FROM_HOST:-no}"))

	log, _ := os.ReadFile(r.LogPath)
	require.Contains(t, string(log), "leaked=no")
}

func TestFailingStepShowsTailAndLogPath(t *testing.T) {
	dir := t.TempDir()
	r := &Runner{LogPath: filepath.Join(dir, "build.log")}
	script := "i=0; while [ $i -lt 100 ]; do echo line$i; i=$((i+1)); done; exit 3"

	err := r.Run("configure", dir, "/bin/sh", "-c", script)

	var stepErr *StepError
	require.True(t, errors.As(err, &stepErr))
	require.Equal(t, "configure", stepErr.Step)
	require.Contains(t, err.Error(), `step "configure" failed: exit status 3`)
	require.Contains(t, err.Error(), "line99")
	require.NotContains(t, err.Error(), "line59\n")
	require.Contains(t, err.Error(), "full log: "+r.LogPath)
	require.Len(t, strings.Split(stepErr.Tail, "\n"), TailLines)
}

func TestTimeLogsTheDurationOfABuilderStepAndPassesItsError(t *testing.T) {
	dir := t.TempDir()
	r := &Runner{LogPath: filepath.Join(dir, "build.log")}
	failure := errors.New("copy failed")

	require.NoError(t, r.Time("copy inputs", func() error { return nil }))
	require.ErrorIs(t, r.Time("check", func() error { return failure }), failure)

	log, err := os.ReadFile(r.LogPath)
	require.NoError(t, err)
	require.Regexp(t, `(?m)^==== copy inputs took [0-9]+\.[0-9]s\n==== check took [0-9]+\.[0-9]s$`, string(log))
}

func TestAppendAddsAFileAndIgnoresAMissingOne(t *testing.T) {
	dir := t.TempDir()
	r := &Runner{LogPath: filepath.Join(dir, "build.log")}
	extra := filepath.Join(dir, "config.log")
	require.NoError(t, os.WriteFile(extra, []byte("checking for gcc... no\n"), 0o644))

	require.NoError(t, r.Append("config.log", extra))
	require.NoError(t, r.Append("absent", filepath.Join(dir, "nope")))

	log, _ := os.ReadFile(r.LogPath)
	require.Contains(t, string(log), "checking for gcc... no")
}

func TestProgramsAreFoundInTheBuildsPathOnly(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	require.NoError(t, os.MkdirAll(bin, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(bin, "greet"), []byte("#!/bin/sh\necho from-build-path\n"), 0o755))
	r := &Runner{LogPath: filepath.Join(dir, "build.log"), Env: []string{"PATH=" + bin}}

	require.NoError(t, r.Run("greet", dir, "greet"))
	err := r.Run("ls", dir, "ls")

	log, _ := os.ReadFile(r.LogPath)
	require.Contains(t, string(log), "from-build-path")
	require.ErrorContains(t, err, "ls: not found in the build's PATH")
}

func TestFailureSurfacesErrorLinesAndCutsLongLines(t *testing.T) {
	dir := t.TempDir()
	r := &Runner{LogPath: filepath.Join(dir, "build.log")}
	script := `printf 'gcc %0500d\n' 0; echo "tclZipfs.c:80:10: fatal error: crypt.h: No such file or directory"; ` +
		`i=0; while [ $i -lt 60 ]; do echo compiling$i; i=$((i+1)); done; echo "make: *** [Makefile:1581: tclZipfs.o] Error 1"; exit 2`

	err := r.Run("make", dir, "/bin/sh", "-c", script)

	var stepErr *StepError
	require.ErrorAs(t, err, &stepErr)
	require.Equal(t, "tclZipfs.c:80:10: fatal error: crypt.h: No such file or directory\nmake: *** [Makefile:1581: tclZipfs.o] Error 1", stepErr.Errors)
	require.Contains(t, err.Error(), "--- errors in the log ---")
	for _, line := range strings.Split(Tail(r.LogPath, 1000), "\n") {
		require.LessOrEqual(t, len(line), MaxLineLength+len(" [...]"))
	}
}

func TestShellQuoteKeepsPlainWordsAndQuotesTheRest(t *testing.T) {
	require.Equal(t, `./configure --prefix=/install 'LIBS=-lgdbm_compat -lgdbm' '' 'it'\''s'`,
		ShellQuote([]string{"./configure", "--prefix=/install", "LIBS=-lgdbm_compat -lgdbm", "", "it's"}))
}
