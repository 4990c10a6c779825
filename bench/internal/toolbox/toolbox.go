// Package toolbox runs programs inside the offline toolbox (a chroot), where the
// interpreters built here find the glibc they were linked against.
package toolbox

import "os/exec"

// PlainEnv is the environment of a build typed by hand in the toolbox.
func PlainEnv() []string { return []string{"PATH=/usr/bin:/bin", "HOME=/root", "LC_ALL=C"} }

// Command runs argv in the toolbox at root with env as its whole environment.
func Command(root string, env []string, argv ...string) *exec.Cmd {
	args := append(append([]string{root, "/usr/bin/env", "-i"}, env...), argv...)
	return exec.Command("chroot", args...)
}

// Shell runs a sh -ec script in the toolbox; args become $1, $2...
func Shell(root string, env []string, script string, args ...string) *exec.Cmd {
	return Command(root, env, append([]string{"/bin/sh", "-ec", script, "sh"}, args...)...)
}
