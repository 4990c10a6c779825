//go:build e2e

package e2e

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rules-cpython/rules_cpython/tools/aquery"
)

// machinePath finds an absolute path into the machine's programs, headers or libraries
// (/usr/bin, /bin, /usr/local/sbin, /usr/libexec, /usr/include, /lib/x86_64-linux-gnu,
// /usr/lib/gcc) in a word of a command line or environment: at its start, after = or :
// (a flag's value, a search path), after a space (a variable's value of several words),
// or as a compiler flag's value (-L/usr/lib/x86_64-linux-gnu). Paths the built interpreter
// reads where it runs (the CA bundles of /etc/ssl, terminfo in /usr/share) are not tools.
var machinePath = regexp.MustCompile(`(?:^|[=:\s,]|(?:^|[=\s])-[A-Za-z])(/(?:(?:usr/)?(?:local/)?(?:bin|sbin|libexec|include)|(?:usr/)?lib(?:64|x32)?/(?:x86_64-linux-gnu|gcc))(?:/[^\s=:,]*)?)`)

// machinePaths lists "what: path" for every such path of the actions.
func machinePaths(actions []aquery.Action) []string {
	var found []string
	for _, a := range actions {
		for _, arg := range a.Arguments {
			for _, m := range machinePath.FindAllStringSubmatch(arg, -1) {
				found = append(found, fmt.Sprintf("%s %s: argument %q names %s", a.Mnemonic, strings.Join(a.Outputs, " "), arg, m[1]))
			}
		}
		for k, v := range a.Environment {
			for _, m := range machinePath.FindAllStringSubmatch(v, -1) {
				found = append(found, fmt.Sprintf("%s %s: %s=%q names %s", a.Mnemonic, strings.Join(a.Outputs, " "), k, v, m[1]))
			}
		}
	}
	sort.Strings(found)
	return found
}

func TestMachinePathFindsPathsOfTheMachineOnly(t *testing.T) {
	actions := []aquery.Action{{
		Mnemonic: "AutotoolsBuild",
		Arguments: []string{"--tool_path=/usr/bin", "--cc=gcc", "--ldflag=-L/lib/x86_64-linux-gnu",
			"--tool_path=external/rules_cpython_build_tools/root/usr/bin", "--cflag=-I/build/include", "/bin/sh",
			"--configure_arg=--with-terminfo-dirs=/etc/terminfo:/lib/terminfo:/usr/share/terminfo", "--ca_bundle=/etc/ssl/cert.pem"},
		Environment: map[string]string{"PATH": "bazel-out/bin:/sbin", "CC": "external/x/root/usr/bin/gcc"},
	}}
	require.Equal(t, []string{
		`AutotoolsBuild : PATH="bazel-out/bin:/sbin" names /sbin`,
		`AutotoolsBuild : argument "--ldflag=-L/lib/x86_64-linux-gnu" names /lib/x86_64-linux-gnu`,
		`AutotoolsBuild : argument "--tool_path=/usr/bin" names /usr/bin`,
		`AutotoolsBuild : argument "/bin/sh" names /bin/sh`,
	}, machinePaths(actions))
}

// Every library and interpreter action of //:python and of the clang variant with PGO,
// LTO and BOLT runs a pinned build tool set (rules/private/build_tools.bzl): nothing of
// its command line, params file or environment names the machine's programs (a tool path
// of /usr/bin, a compiler found there), so the action is the same on a machine of any
// distribution and on a remote worker that has none of them.
func TestNoLibraryOrInterpreterActionNamesTheMachinesTools(t *testing.T) {
	for _, target := range []string{"//:python", "//:python_3_13_clang_opt_bolt"} {
		t.Run(target, func(t *testing.T) { requireOnlyPinnedTools(t, target) })
	}
}

func requireOnlyPinnedTools(t *testing.T, target string) {
	out := bazelStdout(t, "aquery", "mnemonic('(AutotoolsBuild|CpythonBuild|UnpackedLibrary)', deps("+target+"))",
		"--include_param_files", "--output=jsonproto", "--ui_event_filters=-info,-progress")
	actions, err := aquery.Parse(out)
	require.NoError(t, err)
	mnemonics := map[string]int{}
	builds, toolPaths := 0, 0
	for _, a := range actions {
		mnemonics[a.Mnemonic]++
		if a.Mnemonic == "UnpackedLibrary" {
			continue // copies a library's files; runs no tool
		}
		builds++
		for _, arg := range a.Arguments {
			if strings.HasPrefix(arg, "--tool_path=") {
				toolPaths++
				break
			}
		}
	}
	require.Greater(t, mnemonics["AutotoolsBuild"], 10, "the libraries' actions: %v", mnemonics)
	require.Equal(t, 1, mnemonics["CpythonBuild"], "the interpreter's action: %v", mnemonics)
	require.Equal(t, builds, toolPaths, "every build names its tool path")
	require.Empty(t, machinePaths(actions))
}
