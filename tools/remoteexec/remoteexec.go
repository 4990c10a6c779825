// Package remoteexec runs a real Remote Execution API service for tests and benchmarks:
// Debian's buildbox-casd with its local execution service, whose runner,
// buildbox-run-bubblewrap, gives each action its input root as / and, bound read-only,
// only a minimal base, plus the proxy that lets Bazel 7 talk to it (reapiproxy).
package remoteexec

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/reapiproxy"
	"github.com/rules-cpython/rules_cpython/tools/remotecache"
)

// Runner is the program buildbox-casd runs each action with.
const Runner = "/usr/bin/buildbox-run-bubblewrap"

// Bind is a read-only bind of the runner's sandbox: Source on the worker, Target in the
// sandbox, and why an action needs it.
type Bind struct{ Source, Target, Why string }

// BaseBinds are the only paths an action sees beside its input root (which the runner
// stages as /) and what bubblewrap itself provides: /proc, a /dev of null, zero, full,
// random, urandom, tty, pts and shm, and a private /tmp. base is a Debian root holding
// dash and libc6, of another release than the client's and the build tool set's.
func BaseBinds(base string) []Bind {
	return []Bind{
		{filepath.Join(base, "bin/dash"), "/bin/sh",
			"the build tool set's programs are #!/bin/sh wrappers, and an interpreter line is the one path no input can replace"},
		{filepath.Join(base, "lib/x86_64-linux-gnu"), "/lib/x86_64-linux-gnu",
			"the C library /bin/sh loads; every other program loads the tool set's own"},
		{filepath.Join(base, "lib64"), "/lib64",
			"the dynamic loader that /bin/sh names, /lib64/ld-linux-x86-64.so.2"},
	}
}

// FindBase is the folder of @remote_execution_base (a Debian root with dash and libc6)
// that bazel (a path: tools/bazel, say) unpacks in workspace's output base.
func FindBase(bazel, workspace string, startup ...string) (string, error) {
	run := func(args ...string) (string, error) {
		cmd := exec.Command(bazel, append(append([]string{}, startup...), args...)...)
		cmd.Dir = workspace
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("remoteexec: bazel %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return strings.TrimSpace(string(out)), nil
	}
	sh, err := run("cquery", "--output=files", "@remote_execution_base//:sh")
	if err != nil {
		return "", err
	}
	outputBase, err := run("info", "output_base")
	if err != nil {
		return "", err
	}
	dash, err := filepath.EvalSymlinks(filepath.Join(outputBase, sh))
	if err != nil {
		return "", fmt.Errorf("remoteexec: the base's shell: %w", err)
	}
	return filepath.Dir(filepath.Dir(dash)), nil // root/bin/dash -> root
}

// Service is a running buildbox-casd and the proxy in front of it.
type Service struct {
	// Executor is the URL to give Bazel as --remote_executor (or --remote_cache).
	Executor string
	// Log is buildbox-casd's output.
	Log   string
	casd  *exec.Cmd
	proxy *reapiproxy.Proxy
}

// Start runs buildbox-casd with its storage in dir/cas (dir must exist and be visible at
// the same path where launch runs it), jobs actions at a time, each in the runner's
// sandbox with binds. launch is the command prefix that runs a program there (the
// offline toolbox's tools/offline/run, say; empty: this machine), launchDir the folder
// it runs in.
func Start(dir string, binds []Bind, jobs int, launch []string, launchDir string) (*Service, error) {
	port, err := remotecache.FreePort()
	if err != nil {
		return nil, err
	}
	args := append([]string{}, launch...)
	args = append(args, "buildbox-casd",
		fmt.Sprintf("--bind=127.0.0.1:%d", port),
		"--buildbox-run="+Runner,
		fmt.Sprintf("--jobs=%d", jobs),
		"--log-level=warning")
	for _, b := range binds {
		if _, err := os.Stat(b.Source); err != nil {
			return nil, fmt.Errorf("remoteexec: the sandbox's %s (%s): %w", b.Target, b.Why, err)
		}
		args = append(args, "--runner-arg=--ro-bind-mount="+b.Source+":"+b.Target)
	}
	args = append(args, filepath.Join(dir, "cas"))
	logPath := filepath.Join(dir, "casd.log")
	out, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = launchDir
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("remoteexec: starting %s: %w", strings.Join(args, " "), err)
	}
	s := &Service{Log: logPath, casd: cmd}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(60 * time.Second); ; {
		if conn, err := net.Dial("tcp", addr); err == nil {
			conn.Close()
			break
		}
		if time.Now().After(deadline) {
			s.Stop()
			log, _ := os.ReadFile(logPath)
			return nil, fmt.Errorf("remoteexec: buildbox-casd did not listen on %s within 60 s (%s):\n%s", addr, strings.Join(args, " "), log)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if s.proxy, err = reapiproxy.Start(addr); err != nil {
		s.Stop()
		return nil, err
	}
	s.Executor = "grpc://" + s.proxy.Addr
	return s, nil
}

// Stop ends the proxy and buildbox-casd with the actions it runs.
func (s *Service) Stop() {
	if s.proxy != nil {
		s.proxy.Stop()
	}
	if s.casd != nil && s.casd.Process != nil {
		_ = syscall.Kill(-s.casd.Process.Pid, syscall.SIGKILL)
		_ = s.casd.Wait()
	}
}
