// Package scratch sets up the private folder a build runs in: a copy of the sources, a
// copy of each dependency's install tree, a bin/ folder holding only the tools a build
// may use, and an environment that owes nothing to the caller's.
package scratch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/install"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/logrun"
)

// Prefix is the --prefix every build is configured with. It is a fixed path, never the
// sandbox's, so that what a build bakes in (pkg-config files, compiled-in search paths,
// sysconfig) is the same on every machine; files are installed with DESTDIR.
const Prefix = "/install"

// BuildDirAlias replaces the scratch folder's real path in what a build records of it
// (debug info, __FILE__, Tcl's *Config.sh), so that outputs do not depend on the sandbox.
const BuildDirAlias = "/build"

// RequiredTools must be found, or nothing can be built.
var RequiredTools = []string{"sh", "make"}

// Toolchain is the C toolchain Bazel chose, as the rule passed it.
type Toolchain struct {
	CC      string
	AR      string
	CFlags  []string
	LDFlags []string
}

// EnvPath is a variable of the build environment whose value is a path.
type EnvPath struct{ Key, Path string }

// Dep is an installed dependency: its name and its install tree.
type Dep struct{ Name, Path string }

// Options describe one build's inputs.
type Options struct {
	Name           string
	SrcRoot        string
	Srcs           []string
	Deps           []Dep
	LogPath        string
	Toolchain      Toolchain
	ToolSearchPath []string
	// Tools are the programs linked into the build's bin/ (the rules' list, and a
	// library's own); those the search path lacks are left out.
	Tools []string
	// EnvPaths set variables of the build environment to paths: relative ones are
	// execroot paths, given as their place in the mirror (the build tool set, its shell).
	EnvPaths        []EnvPath
	SourceDateEpoch int64
	// Parent holds the scratch folder (and its lock); empty: FixedParent.
	Parent string
	// Execroot is the folder the action runs in, to which the toolchain's relative paths
	// (a hermetic compiler, a sysroot in external/) are relative.
	Execroot string
}

// Scratch is a prepared build folder.
type Scratch struct {
	Root string
	// Inputs is the mirror of the execroot's paths (InputsLink), or "" without an execroot.
	Inputs string
	// Execroot is Options.Execroot.
	Execroot string
	Src      string
	DestDir  string
	Bin      string
	// Tmp is the build's TMPDIR.
	Tmp string
	// DepDirs maps a dependency's name to its copy below Root.
	DepDirs map[string]string
	DepList []Dep
	Env     []string
	Runner  *logrun.Runner
	// CC is the C compiler's absolute path.
	CC      string
	CFlags  []string
	LDFlags []string
	// lock is held while the scratch folder exists: two builds of one name (in two
	// output bases, say) take turns.
	lock *os.File
}

// Prepare makes the scratch folder. The caller must call Remove when done.
func Prepare(o Options) (*Scratch, error) {
	parent := o.Parent
	if parent == "" {
		parent = FixedParent
	}
	root, lock, err := claim(parent, o.Name)
	if err != nil {
		return nil, err
	}
	s := &Scratch{
		Root:    root,
		Src:     filepath.Join(root, "src"),
		DestDir: filepath.Join(root, "destdir"),
		Bin:     filepath.Join(root, "bin"),
		Tmp:     filepath.Join(root, "tmp"),
		DepDirs: map[string]string{},
		lock:    lock,
	}
	if o.Execroot != "" {
		s.Inputs, s.Execroot = filepath.Join(root, InputsLink), o.Execroot
	}
	mtime := time.Unix(o.SourceDateEpoch, 0)
	if err := os.Remove(o.LogPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		return s, fmt.Errorf("removing stale log: %w", err)
	}
	s.Runner = &logrun.Runner{LogPath: o.LogPath}
	if err := s.Runner.Time("copy inputs", func() error { return s.copyInputs(o, mtime) }); err != nil {
		return s, err
	}
	for _, dir := range []string{s.DestDir, s.Bin, s.Tmp, filepath.Join(root, "home")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return s, fmt.Errorf("creating %s: %w", dir, err)
		}
	}
	var mirror *Mirror
	if s.Inputs != "" {
		mirror = &Mirror{Execroot: o.Execroot, Root: s.Inputs}
	}
	searchPath, err := inMirror(o.ToolSearchPath, mirror)
	if err != nil {
		return s, fmt.Errorf("tool path: %w", err)
	}
	envPaths := map[string]string{}
	for _, e := range o.EnvPaths {
		found, err := inMirror([]string{e.Path}, mirror)
		if err != nil {
			return s, fmt.Errorf("%s: %w", e.Key, err)
		}
		envPaths[e.Key] = found[0]
	}
	cc, err := absTool(o.Toolchain.CC, searchPath, mirror)
	if err != nil {
		return s, fmt.Errorf("C compiler: %w", err)
	}
	ar, err := absTool(o.Toolchain.AR, searchPath, mirror)
	if err != nil {
		return s, fmt.Errorf("archiver: %w", err)
	}
	if err := LinkTools(s.Bin, searchPath, o.Tools, map[string]string{"cc": cc, "gcc": cc}); err != nil {
		return s, err
	}
	if s.CFlags, err = AbsolutePaths(ToolchainFlags(o.Toolchain.CFlags), mirror); err != nil {
		return s, err
	}
	s.CFlags = append(s.CFlags, "-ffile-prefix-map="+root+"="+BuildDirAlias)
	if s.LDFlags, err = AbsolutePaths(ToolchainFlags(o.Toolchain.LDFlags), mirror); err != nil {
		return s, err
	}
	// Where the system headers and libraries are goes with the compiler, wherever it is
	// named: configure runs the preprocessor ($CC -E) without CFLAGS, some checks
	// compile and link with a bare $CC (libffi's), some scripts call plain cc (sqlite's
	// autosetup). Without it those would read the machine's /usr/include and libraries.
	placement := append(PreprocessorFlags(s.CFlags), LinkerSearchFlags(s.LDFlags)...)
	if err := writeCompilerCommands(s.Bin, cc, placement); err != nil {
		return s, err
	}
	s.CC = cc
	s.Env = s.environment(o, strings.Join(append([]string{cc}, placement...), " "), ar, envPaths)
	s.Runner.Env = s.Env
	return s, nil
}

// copyInputs copies the sources and each dependency's install tree into the scratch
// folder.
// Aliases are what an install tree says instead of the build's own folders.
func (s *Scratch) Aliases() []install.Replacement {
	return []install.Replacement{{Old: s.Root, New: BuildDirAlias}}
}

// Installed is the installed tree below DESTDIR.
func (s *Scratch) Installed() string { return filepath.Join(s.DestDir, Prefix) }
