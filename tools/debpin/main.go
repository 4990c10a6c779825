// Command debpin pins Debian packages (by default the build tool set's): it reads the
// suite, the root packages and the packages to leave out from a lock file (or its flags),
// resolves their dependencies in the Packages index of the Debian mirror this machine's
// apt uses, and writes the lock file again with each package's pool path and sha256.
//
//	go run ./tools/debpin [-lock rules/private/build_tools_packages.bzl] [-suite trixie]
//	    [-roots "gcc-14 make"] [-leave_out "debconf"] [-base other_lock.bzl]
//
// A lock with a base pins only what its roots need beyond the base's packages, in the
// base's suite, so that no package is pinned twice.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

const lockPath = "rules/private/build_tools_packages.bzl"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "debpin:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("debpin", flag.ContinueOnError)
	out := fs.String("lock", lockPath, "the lock file to read and write")
	suite := fs.String("suite", "", "the Debian suite (default: the lock file's)")
	roots := fs.String("roots", "", "space-separated root packages (default: the lock file's)")
	leaveOut := fs.String("leave_out", "", "space-separated packages to leave out (default: the lock file's)")
	base := fs.String("base", "", "a lock file whose packages this set is installed beside (default: the lock file's BASE)")
	mirror := fs.String("mirror", "", "the Debian mirror's URL (default: the one apt is configured with)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	old, err := os.ReadFile(*out)
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("reading %s: %w", *out, err)
	}
	previous := ReadLock(old)
	lock := Lock{Suite: *suite, Base: *base, Roots: strings.Fields(*roots), LeaveOut: strings.Fields(*leaveOut)}
	if lock.Base == "" {
		lock.Base = previous.Base
	}
	var baseLock Lock
	if lock.Base != "" {
		text, err := os.ReadFile(lock.Base)
		if err != nil {
			return fmt.Errorf("reading the base lock of %s: %w", *out, err)
		}
		baseLock = ReadLock(text)
		if lock.Suite != "" && lock.Suite != baseLock.Suite {
			return fmt.Errorf("-suite %s, but the base %s pins Debian %s: a set and its base come from one suite", lock.Suite, lock.Base, baseLock.Suite)
		}
		lock.Suite = baseLock.Suite
	}
	if lock.Suite == "" {
		lock.Suite = previous.Suite
	}
	if len(lock.Roots) == 0 {
		lock.Roots = previous.Roots
	}
	if *leaveOut == "" {
		lock.LeaveOut = previous.LeaveOut
	}
	if lock.Suite == "" || len(lock.Roots) == 0 {
		return fmt.Errorf("no suite or no roots: give -suite and -roots, or keep them in %s", *out)
	}
	if *mirror == "" {
		if *mirror, err = aptMirror(); err != nil {
			return err
		}
	}
	index, err := fetchIndex(strings.TrimRight(*mirror, "/"), lock.Suite)
	if err != nil {
		return err
	}
	if lock.Packages, err = Resolve(index, lock.Roots, lock.Excluded(baseLock)); err != nil {
		return err
	}
	return os.WriteFile(*out, []byte(lock.Starlark(*out)), 0o644)
}

// aptMirror is the first Debian mirror in this machine's apt sources (not a security one).
func aptMirror() (string, error) {
	files, _ := filepath.Glob("/etc/apt/sources.list.d/*")
	files = append([]string{"/etc/apt/sources.list"}, files...)
	url := regexp.MustCompile(`https?://\S+/debian/?(\s|$)`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, m := range url.FindAllString(string(data), -1) {
			return strings.TrimSpace(m), nil
		}
	}
	return "", fmt.Errorf("no Debian mirror in /etc/apt: give -mirror")
}

func fetchIndex(mirror, suite string) (map[string]*Package, error) {
	url := fmt.Sprintf("%s/dists/%s/main/binary-amd64/Packages.xz", mirror, suite)
	resp, err := http.Get(url)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetching %s: %s", url, resp.Status)
	}
	compressed, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", url, err)
	}
	// The standard library has no xz reader; this runs on a developer's machine.
	cmd := exec.Command("xz", "-dc")
	cmd.Stdin = bytes.NewReader(compressed)
	var plain bytes.Buffer
	cmd.Stdout, cmd.Stderr = &plain, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("decompressing %s with xz: %w", url, err)
	}
	return ParseIndex(&plain)
}
