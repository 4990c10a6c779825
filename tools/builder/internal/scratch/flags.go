// The toolchain's flags as configure and make are given them.

package scratch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ToolchainFlags keeps the toolchain's flags that survive being passed through
// configure and make as one space-separated string. Bazel's determinism flags
// (-D__DATE__="redacted") lose their quotes on the way and break the build, and
// SOURCE_DATE_EPOCH gives the same determinism; libraries (-lstdc++) are for the
// build to choose.
func ToolchainFlags(flags []string) []string {
	var kept []string
	for _, f := range flags {
		if strings.ContainsAny(f, "\"'") || strings.HasPrefix(f, "-l") || f == "-Wno-builtin-macro-redefined" {
			continue
		}
		kept = append(kept, f)
	}
	return kept
}

// PreprocessorFlags are the C flags that say where the system headers are (--sysroot,
// -isysroot, -isystem, -nostdinc).
func PreprocessorFlags(cflags []string) []string {
	var out []string
	for i := 0; i < len(cflags); i++ {
		f := cflags[i]
		switch {
		case f == "-nostdinc", strings.HasPrefix(f, "--sysroot="):
			out = append(out, f)
		case (f == "--sysroot" || f == "-isysroot" || f == "-isystem") && i+1 < len(cflags):
			out = append(out, f, cflags[i+1])
			i++
		case strings.HasPrefix(f, "-isysroot"), strings.HasPrefix(f, "-isystem"):
			out = append(out, f)
		}
	}
	return out
}

// LinkerSearchFlags are the link flags that say where the C runtime and libraries are
// (--sysroot, -B, -L, and clang's --gcc-install-dir for gcc's start files and libgcc).
func LinkerSearchFlags(ldflags []string) []string {
	var out []string
	for i := 0; i < len(ldflags); i++ {
		f := ldflags[i]
		switch {
		case (f == "--sysroot" || f == "-B" || f == "-L") && i+1 < len(ldflags):
			out = append(out, f, ldflags[i+1])
			i++
		case strings.HasPrefix(f, "--sysroot="), strings.HasPrefix(f, "--gcc-install-dir="), strings.HasPrefix(f, "-B"), strings.HasPrefix(f, "-L"):
			out = append(out, f)
		}
	}
	return out
}

// writeCompilerCommands makes bin/cc and bin/gcc (the names scripts call when they
// compile a helper program for the build itself, as sqlite's autosetup does its jimsh0)
// run the compiler with the flags that place the system headers and libraries.
func writeCompilerCommands(bin, cc string, flags []string) error {
	if len(flags) == 0 {
		return nil
	}
	words := []string{shellQuote(cc)}
	for _, f := range flags {
		words = append(words, shellQuote(f))
	}
	script := "#!/bin/sh\nexec " + strings.Join(words, " ") + " \"$@\"\n"
	for _, name := range []string{"cc", "gcc"} {
		path := filepath.Join(bin, name)
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("replacing %s: %w", path, err)
		}
		if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
	}
	return nil
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
