// Package remotecache measures how a build is shared through a real HTTP cache: it runs
// nginx with WebDAV PUT (as Bazel's remote-caching documentation describes) on
// 127.0.0.1, and reads what a build executed from Bazel's execution log and what it
// moved from nginx's access log.
package remotecache

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Server is a running nginx serving an empty cache.
type Server struct {
	URL string
	// AccessLog has one line per request: method, status, bytes sent, request length.
	AccessLog string
	cmd       *exec.Cmd
}

// nginxConfig is the whole configuration: one process, everything below dir, WebDAV PUT
// into dir/cache.
const nginxConfig = `daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events {}
http {
    log_format cache '$request_method $status $body_bytes_sent $request_length';
    access_log %[1]s/access.log cache;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    server {
        listen 127.0.0.1:%[2]d;
        root %[1]s/cache;
        client_max_body_size 0;
        location / {
            dav_methods PUT;
            create_full_put_path on;
            dav_access user:rw group:r all:r;
        }
    }
}
`

// Start runs nginx with its files in dir (which must exist, and be visible at the same
// path wherever launch runs it). launch is the command prefix that runs a program
// (empty: run nginx directly; the offline toolbox's tools/offline/run otherwise), and
// launchDir the folder it runs in.
func Start(dir string, launch []string, launchDir string) (*Server, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "cache"), 0o755); err != nil {
		return nil, err
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(nginxConfig, dir, port)), 0o644); err != nil {
		return nil, err
	}
	args := append(append([]string{}, launch...), "nginx", "-p", dir, "-e", filepath.Join(dir, "error.log"), "-c", conf)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = launchDir
	out, err := os.Create(filepath.Join(dir, "nginx.out"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting nginx (%s): %w", strings.Join(args, " "), err)
	}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), AccessLog: filepath.Join(dir, "access.log"), cmd: cmd}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(30 * time.Second); ; {
		if conn, err := net.Dial("tcp", addr); err == nil {
			conn.Close()
			return s, nil
		}
		if time.Now().After(deadline) {
			s.Stop()
			log, _ := os.ReadFile(filepath.Join(dir, "nginx.out"))
			errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			return nil, fmt.Errorf("nginx did not listen on %s within 30 s:\n%s%s", addr, log, errLog)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Stop ends nginx.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
	}
}

// Launcher is the command prefix that runs program: nothing when this machine has it,
// else the offline toolbox's tools/offline/run of workspace (Debian's nginx, buildbox).
func Launcher(workspace, program string) []string {
	if _, err := exec.LookPath(program); err == nil {
		return nil
	}
	return []string{filepath.Join(workspace, "tools", "offline", "run")}
}

// FreePort is a TCP port of 127.0.0.1 that nothing listens on.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Traffic is what the cache served or took in.
type Traffic struct {
	Gets, Puts, Misses       int
	BytesSent, BytesReceived int64
}

// ReadTraffic sums the access log from line skip on (the lines of earlier builds).
func ReadTraffic(path string, skip int) (Traffic, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return Traffic{}, 0, err
	}
	defer f.Close()
	var t Traffic
	lines := 0
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		lines++
		if lines <= skip {
			continue
		}
		fields := strings.Fields(scanner.Text())
		if len(fields) != 4 {
			return t, lines, fmt.Errorf("access log line %d: %q", lines, scanner.Text())
		}
		sent, _ := strconv.ParseInt(fields[2], 10, 64)
		received, _ := strconv.ParseInt(fields[3], 10, 64)
		switch {
		case fields[0] == "GET" && fields[1] == "200":
			t.Gets++
			t.BytesSent += sent
		case fields[0] == "GET":
			t.Misses++
		case fields[0] == "PUT":
			t.Puts++
			t.BytesReceived += received
		}
	}
	return t, lines, scanner.Err()
}

// BuildMnemonics are the mnemonics of the actions that build a library or an
// interpreter (rules/private/autotools_library.bzl, cpython_interpreter.bzl).
var BuildMnemonics = []string{"AutotoolsBuild", "CpythonBuild"}

// Builds sums the spawns of BuildMnemonics.
func (a Actions) Builds() Count {
	var t Count
	for _, m := range BuildMnemonics {
		if c := a[m]; c != nil {
			t.Executed += c.Executed
			t.Remote += c.Remote
			t.Hits += c.Hits
		}
	}
	return t
}

// Spawn is one entry of Bazel's JSON execution log (--execution_log_json_file).
type Spawn struct {
	Mnemonic    string `json:"mnemonic"`
	Runner      string `json:"runner"`
	CacheHit    bool   `json:"cacheHit"`
	TargetLabel string `json:"targetLabel"`
	// Walltime and Metrics.TotalTime are durations as the log writes them ("12.5s").
	Walltime string `json:"walltime"`
	Metrics  struct {
		TotalTime string `json:"totalTime"`
	} `json:"metrics"`
}

// Seconds is how long the spawn took: its total time, or its wall time when the log
// has no metrics.
func (s Spawn) Seconds() float64 {
	d := s.Metrics.TotalTime
	if d == "" {
		d = s.Walltime
	}
	seconds, _ := strconv.ParseFloat(strings.TrimSuffix(d, "s"), 64)
	return seconds
}

// ReadSpawns reads a JSON execution log: a sequence of SpawnExec objects.
func ReadSpawns(path string) ([]Spawn, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening execution log: %w", err)
	}
	defer f.Close()
	var spawns []Spawn
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var s Spawn
		if err := dec.Decode(&s); err != nil {
			if errors.Is(err, io.EOF) {
				return spawns, nil
			}
			return nil, fmt.Errorf("reading execution log %s: %w", path, err)
		}
		spawns = append(spawns, s)
	}
}

// Actions counts a build's spawns by mnemonic: how many ran and how many were cache hits.
type Actions map[string]*Count

// Count of one mnemonic's spawns: how many ran (Remote of them on a remote executor)
// and how many were cache hits.
type Count struct{ Executed, Remote, Hits int }

// ReadExecutionLog counts the spawns of a JSON execution log by mnemonic.
func ReadExecutionLog(path string) (Actions, error) {
	spawns, err := ReadSpawns(path)
	if err != nil {
		return nil, err
	}
	actions := Actions{}
	for _, s := range spawns {
		c := actions[s.Mnemonic]
		if c == nil {
			c = &Count{}
			actions[s.Mnemonic] = c
		}
		switch {
		case s.CacheHit:
			c.Hits++
		case s.Runner == "remote":
			c.Executed++
			c.Remote++
		default:
			c.Executed++
		}
	}
	return actions, nil
}

// Total sums every mnemonic.
func (a Actions) Total() Count {
	var t Count
	for _, c := range a {
		t.Executed += c.Executed
		t.Remote += c.Remote
		t.Hits += c.Hits
	}
	return t
}

// String lists the mnemonics in order, "CpythonBuild 0 run / 1 hit, ...", saying how many
// of those that ran ran remotely when any did.
func (a Actions) String() string {
	names := make([]string, 0, len(a))
	for name := range a {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		c := a[name]
		if c.Remote > 0 {
			parts[i] = fmt.Sprintf("%s %d run (%d remotely) / %d hit", name, c.Executed, c.Remote, c.Hits)
		} else {
			parts[i] = fmt.Sprintf("%s %d run / %d hit", name, c.Executed, c.Hits)
		}
	}
	return strings.Join(parts, ", ")
}

// CopyCheckout copies a workspace's files as git sees them (tracked, and new ones not
// ignored) into dest: another checkout of the same sources, at another path.
func CopyCheckout(workspace, dest string) error {
	out, err := exec.Command("git", "-C", workspace, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		return fmt.Errorf("listing the files of %s: %w", workspace, err)
	}
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(workspace, rel)
		info, err := os.Lstat(src)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the work tree
		}
		if err != nil {
			return err
		}
		target := filepath.Join(dest, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if info.Mode()&os.ModeSymlink != 0 {
			link, err := os.Readlink(src)
			if err != nil {
				return err
			}
			if err := os.Symlink(link, target); err != nil {
				return err
			}
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, info.Mode().Perm()); err != nil {
			return err
		}
	}
	return nil
}

// Build is one `bazel build` of targets in a checkout with its own output base, with
// an execution log.
type Build struct {
	Actions Actions
	Wall    time.Duration
	Output  string
}

// RunBuild runs bazel (a path, tools/bazel say) in checkout with output base outputBase.
func RunBuild(bazel, checkout, outputBase string, targets []string, flags ...string) (Build, error) {
	return RunBuildWith(nil, bazel, checkout, outputBase, targets, flags...)
}

// RunBuildWith is RunBuild with variables added to bazel's environment (another
// toolbox's CPYTHON_OFFLINE_ROOT, say).
func RunBuildWith(env []string, bazel, checkout, outputBase string, targets []string, flags ...string) (Build, error) {
	log := filepath.Join(outputBase, "execution.json")
	args := append([]string{"--output_base=" + outputBase, "build", "--execution_log_json_file=" + log}, flags...)
	cmd := exec.Command(bazel, append(args, targets...)...)
	cmd.Dir = checkout
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	b := Build{Wall: time.Since(start), Output: string(out)}
	if err != nil {
		return b, fmt.Errorf("bazel %s in %s: %w\n%s", strings.Join(args, " "), checkout, err, out)
	}
	b.Actions, err = ReadExecutionLog(log)
	return b, err
}

// Shutdown stops the Bazel server of an output base.
func Shutdown(bazel, checkout, outputBase string) {
	ShutdownWith(nil, bazel, checkout, outputBase)
}

// ShutdownWith is Shutdown with variables added to bazel's environment.
func ShutdownWith(env []string, bazel, checkout, outputBase string) {
	cmd := exec.Command(bazel, "--output_base="+outputBase, "shutdown")
	cmd.Dir = checkout
	cmd.Env = append(os.Environ(), env...)
	_ = cmd.Run()
}

// Bench is where a benchmark that builds in other checkouts starts: the workspace (the
// current folder), its tools/bazel, and a new folder for the checkouts beside the
// workspace (the toolbox sees the workspace's parent folder). Remove Checkouts when done.
type Bench struct{ Workspace, Bazel, Checkouts string }

// StartBench empties scratch (the output bases' folder) and makes the checkouts' folder.
func StartBench(scratch, pattern string) (Bench, error) {
	workspace, err := os.Getwd()
	if err != nil {
		return Bench{}, err
	}
	if err := os.RemoveAll(scratch); err != nil {
		return Bench{}, fmt.Errorf("emptying %s: %w", scratch, err)
	}
	checkouts, err := os.MkdirTemp(filepath.Dir(workspace), pattern)
	if err != nil {
		return Bench{}, err
	}
	return Bench{Workspace: workspace, Bazel: filepath.Join(workspace, "tools", "bazel"), Checkouts: checkouts}, nil
}
