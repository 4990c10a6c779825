// Package logrun runs the steps of a build with their output sent to one log file, and
// turns a failing step into an error that shows the end of the log and where it is.
package logrun

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// TailLines is how much of the log a failure shows.
const TailLines = 40

// Runner runs commands in a fixed environment and appends their output to a log.
type Runner struct {
	// LogPath is the log file; it is created if needed and only ever appended to.
	LogPath string
	// Env is the complete environment of every command: nothing is inherited.
	Env []string
}

// StepError is a failed step: which one, how it failed, and the log to read.
type StepError struct {
	Step    string
	LogPath string
	Tail    string
	Err     error
}

func (e *StepError) Error() string {
	return fmt.Sprintf("step %q failed: %v\n--- last lines of the log ---\n%s\n--- full log: %s", e.Step, e.Err, e.Tail, e.LogPath)
}

func (e *StepError) Unwrap() error { return e.Err }

// Run runs one named step in dir. Its output goes to the log only.
func (r *Runner) Run(step, dir, program string, args ...string) error {
	log, err := os.OpenFile(r.LogPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("opening log for step %q: %w", step, err)
	}
	fmt.Fprintf(log, "\n==== %s: %s %s\n", step, program, strings.Join(args, " "))
	resolved, err := r.lookPath(program)
	if err != nil {
		fmt.Fprintf(log, "%v\n", err)
		log.Close()
		return &StepError{Step: step, LogPath: r.LogPath, Tail: Tail(r.LogPath, TailLines), Err: err}
	}
	cmd := exec.Command(resolved, args...)
	cmd.Dir = dir
	// A nil Env would make exec inherit the builder's environment.
	cmd.Env = append([]string{}, r.Env...)
	cmd.Stdout = log
	cmd.Stderr = log
	cmd.Stdin = nil
	runErr := cmd.Run()
	if closeErr := log.Close(); closeErr != nil && runErr == nil {
		runErr = closeErr
	}
	if runErr == nil {
		return nil
	}
	return &StepError{Step: step, LogPath: r.LogPath, Tail: Tail(r.LogPath, TailLines), Err: runErr}
}

// lookPath finds a program in the PATH of the build's environment, not the builder's.
func (r *Runner) lookPath(program string) (string, error) {
	if strings.Contains(program, "/") {
		return program, nil
	}
	for _, kv := range r.Env {
		if path, ok := strings.CutPrefix(kv, "PATH="); ok {
			for _, dir := range filepath.SplitList(path) {
				candidate := filepath.Join(dir, program)
				if info, err := os.Stat(candidate); err == nil && !info.IsDir() && info.Mode().Perm()&0o111 != 0 {
					return candidate, nil
				}
			}
			return "", fmt.Errorf("%s: not found in the build's PATH (%s)", program, path)
		}
	}
	return "", fmt.Errorf("%s: the build environment has no PATH", program)
}

// Append copies a file (config.log, say) into the log under a heading, so that one
// log holds everything needed to understand a failure.
func (r *Runner) Append(title, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("reading %s for the log: %w", path, err)
	}
	log, err := os.OpenFile(r.LogPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("opening log: %w", err)
	}
	defer log.Close()
	_, err = fmt.Fprintf(log, "\n==== %s (%s)\n%s", title, path, data)
	return err
}

// Note writes one line of the builder's own into the log.
func (r *Runner) Note(format string, args ...any) error {
	log, err := os.OpenFile(r.LogPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("opening log: %w", err)
	}
	defer log.Close()
	_, err = fmt.Fprintf(log, "==== "+format+"\n", args...)
	return err
}

// Tail returns the last n lines of a file, or a note saying why it could not be read.
func Tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(log unreadable: %v)", err)
	}
	data = bytes.TrimRight(data, "\n")
	lines := bytes.Split(data, []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
