package relocatable

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/install"
)

// ForgetExecroot removes from the installed tree's text files (sysconfig, the Makefile of
// config-3.X, python3.X-config) what names the folder the build action ran in: flags of
// the toolchain that point there (a sysroot, a hermetic toolchain's -isystem folders)
// belong to that machine's build, and an extension built later from the tree would
// find nothing there. A compiler in that folder (a wrapper) is named by its file name,
// to be found on PATH. execroots are the folder as the build saw it (the builder's mirror of
// it in the scratch folder) and as it is; other mentions are left for the caller's aliases.
func ForgetExecroot(installed, cc string, execroots ...string) error {
	var quoted []string
	for _, e := range execroots {
		// A remote worker may run the action at the root of its sandbox (buildbox's
		// bubblewrap runner stages the input root as /): every path is below that one,
		// and the build reached its inputs through the mirror, which is forgotten.
		if e != "" && filepath.Clean(e) != "/" {
			quoted = append(quoted, regexp.QuoteMeta(e))
		}
	}
	if len(quoted) == 0 {
		return nil
	}
	// A path below the execroot, alone or as an option's value (--sysroot=path, -Bpath,
	// -isystem path, -ffile-prefix-map=path=alias), with the blanks before it.
	flag := regexp.MustCompile(`[ \t]*(?:(?:-isystem|-iquote|-idirafter|-isysroot|-I|-L|-B)[ \t]+)?(?:-[A-Za-z0-9_-]*=?)?(?:` +
		strings.Join(quoted, "|") + `)(?:[/=][^\s'"]*)?`)
	var compiler []byte
	for _, e := range execroots {
		if e != "" && strings.HasPrefix(cc, e+"/") {
			compiler = []byte(cc)
		}
	}
	return install.Rewrite(installed, install.NotCompiled, func(data []byte) []byte {
		if compiler != nil {
			data = bytes.ReplaceAll(data, compiler, []byte(filepath.Base(cc)))
		}
		return removeWholePaths(data, flag)
	})
}

// removeWholePaths removes each match that ends where its path does: not the start of a
// longer name (/execroot/_main of /execroot/_mainly).
func removeWholePaths(data []byte, flag *regexp.Regexp) []byte {
	var out []byte
	last := 0
	for _, m := range flag.FindAllIndex(data, -1) {
		if m[1] < len(data) && !bytes.ContainsAny(data[m[1]:m[1]+1], " \t\n'\"") {
			continue
		}
		out = append(out, data[last:m[0]]...)
		last = m[1]
	}
	return append(out, data[last:]...)
}
