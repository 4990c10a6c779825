//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/remotecache"
	"github.com/rules-cpython/rules_cpython/tools/remoteexec"
)

// toolboxLaunch is the command prefix that runs a program of the offline toolbox.
func toolboxLaunch(t *testing.T, program string) []string {
	return remotecache.Launcher(workspace(t), program)
}

// startRemoteExecution runs buildbox-casd with the bubblewrap runner and the proxy that
// Bazel 7 needs, with its storage beside the workspace; the test stops it.
func startRemoteExecution(t *testing.T) *remoteexec.Service {
	t.Helper()
	dir := besideWorkspace(t, ".rules_cpython-e2e-remote-")
	base, err := remoteexec.FindBase(filepath.Join(workspace(t), "tools", "bazel"), workspace(t))
	require.NoError(t, err)
	service, err := remoteexec.Start(dir, remoteexec.BaseBinds(base), 2, toolboxLaunch(t, "buildbox-casd"), workspace(t))
	require.NoError(t, err)
	t.Cleanup(func() {
		service.Stop()
		if t.Failed() {
			log, _ := os.ReadFile(service.Log)
			t.Logf("buildbox-casd's log:\n%s", log)
		}
	})
	return service
}

// TestTheRunnersSandboxHoldsOnlyTheInputRootAndTheNamedBase sends one command through
// buildbox (with its own client, trexe) that lists the sandbox's folders with the
// shell's globbing alone: nothing of the workspace, the output base or the machine's
// /usr may be there, only what remoteexec.BaseBinds names and what bubblewrap provides.
func TestTheRunnersSandboxHoldsOnlyTheInputRootAndTheNamedBase(t *testing.T) {
	service := startRemoteExecution(t)
	args := append(toolboxLaunch(t, "trexe"), "trexe", "--remote=http://"+strings.TrimPrefix(service.Executor, "grpc://"), "--",
		"/bin/sh", "-c", `for p in /* /*/* /tmp/*; do [ -e "$p" ] && echo "$p"; done; echo marker > /tmp/written && echo tmp-writable`)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = workspace(t)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))

	var seen, devices []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		switch {
		case strings.HasPrefix(line, "/proc/"): // the action's own processes: a new /proc
		case strings.HasPrefix(line, "/dev/"):
			devices = append(devices, line)
		default:
			seen = append(seen, line)
		}
	}
	sort.Strings(seen)
	require.Equal(t, []string{
		"/bin", "/bin/sh", // the base's dash
		"/dev",
		"/lib", "/lib/x86_64-linux-gnu", // the base's C library
		"/lib64", "/lib64/ld-linux-x86-64.so.2", // the base's loader
		"/proc",
		"/tmp", // private and empty
		"tmp-writable",
	}, seen, "the sandbox of an action whose input root is empty")
	// bubblewrap's /dev: devices, not the machine's /dev (no disks, no /dev/fuse).
	require.Subset(t, devices, []string{"/dev/null", "/dev/urandom", "/dev/shm"})
	for _, d := range devices {
		require.NotRegexp(t, `^/dev/(fuse|vd|sd|nvme|loop)`, d)
	}
}
