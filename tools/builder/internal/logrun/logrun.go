// Package logrun runs the steps of a build with their output sent to one log file, and
// turns a failing step into an error that shows the end of the log and where it is.
package logrun

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// TailLines is how much of the log a failure shows; lines are cut at MaxLineLength
// (compiler command lines run to kilobytes and would hide the message).
const (
	TailLines     = 40
	MaxLineLength = 300
	MaxErrorLines = 10
)

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
	// Errors are the log's lines that report an error (compiler, make, configure).
	Errors string
	Tail   string
	Err    error
}

func (e *StepError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "step %q failed: %v\n", e.Step, e.Err)
	if e.Errors != "" {
		fmt.Fprintf(&b, "--- errors in the log ---\n%s\n", e.Errors)
	}
	fmt.Fprintf(&b, "--- last lines of the log ---\n%s\n--- full log: %s", e.Tail, e.LogPath)
	return b.String()
}

func (r *Runner) stepError(step string, err error) *StepError {
	return &StepError{Step: step, LogPath: r.LogPath, Errors: ErrorLines(r.LogPath, MaxErrorLines), Tail: Tail(r.LogPath, TailLines), Err: err}
}

func (e *StepError) Unwrap() error { return e.Err }

// ShellQuote joins words so that sh reads them back as they are: the log's command
// lines can be pasted into a shell.
func ShellQuote(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		if w != "" && strings.IndexFunc(w, func(r rune) bool {
			return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '=' || r == ',' || r == ':' || r == '+' || r == '@' ||
				(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'))
		}) < 0 {
			quoted[i] = w
			continue
		}
		quoted[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	return strings.Join(quoted, " ")
}

// Run runs one named step in dir. Its output goes to the log only.
func (r *Runner) Run(step, dir, program string, args ...string) error {
	return r.run(step, dir, nil, program, args)
}

// Output runs one named step in dir and returns what it wrote to its standard output,
// which the log gets too; its standard error goes to the log only.
func (r *Runner) Output(step, dir, program string, args ...string) (string, error) {
	var out bytes.Buffer
	err := r.run(step, dir, &out, program, args)
	return out.String(), err
}

// run also copies the program's standard output to stdout, when stdout is set.
func (r *Runner) run(step, dir string, stdout io.Writer, program string, args []string) error {
	log, err := os.OpenFile(r.LogPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("opening log for step %q: %w", step, err)
	}
	fmt.Fprintf(log, "\n==== %s: %s\n", step, ShellQuote(append([]string{program}, args...)))
	resolved, err := r.lookPath(program)
	if err != nil {
		fmt.Fprintf(log, "%v\n", err)
		log.Close()
		return r.stepError(step, err)
	}
	cmd := exec.Command(resolved, args...)
	cmd.Dir = dir
	// A nil Env would make exec inherit the builder's environment.
	cmd.Env = append([]string{}, r.Env...)
	cmd.Stdout = log
	if stdout != nil {
		cmd.Stdout = io.MultiWriter(stdout, log)
	}
	cmd.Stderr = log
	cmd.Stdin = nil
	start := time.Now()
	runErr := cmd.Run()
	fmt.Fprintf(log, "==== %s took %.1fs\n", step, time.Since(start).Seconds())
	if closeErr := log.Close(); closeErr != nil && runErr == nil {
		runErr = closeErr
	}
	if runErr == nil {
		return nil
	}
	return r.stepError(step, runErr)
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

// Time runs one of the builder's own steps and logs how long it took, as Run does for a
// command, so that the log accounts for the whole of an action's time.
func (r *Runner) Time(step string, fn func() error) error {
	start := time.Now()
	err := fn()
	_ = r.Note("%s took %.1fs", step, time.Since(start).Seconds())
	return err
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

// Tail returns the last n lines of a file, each cut at MaxLineLength, or a note saying
// why it could not be read.
func Tail(path string, n int) string {
	lines, err := readLines(path)
	if err != nil {
		return fmt.Sprintf("(log unreadable: %v)", err)
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// errorPattern matches how compilers, make and configure scripts report errors.
var errorPattern = regexp.MustCompile(`(?i)(\berror:|\*\*\* .*error|^configure: error|undefined reference|cannot find -l)`)

// ErrorLines returns the first n lines of the log that report an error.
func ErrorLines(path string, n int) string {
	lines, err := readLines(path)
	if err != nil {
		return ""
	}
	var found []string
	for _, line := range lines {
		// The builder's own headers echo command lines, not their results.
		if !strings.HasPrefix(line, "==== ") && errorPattern.MatchString(line) {
			found = append(found, line)
			if len(found) == n {
				break
			}
		}
	}
	return strings.Join(found, "\n")
}

func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimRight(data, "\n")
	var lines []string
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(line) > MaxLineLength {
			line = append(line[:MaxLineLength:MaxLineLength], []byte(" [...]")...)
		}
		lines = append(lines, string(line))
	}
	return lines, nil
}
