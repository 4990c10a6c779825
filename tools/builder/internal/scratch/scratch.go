// Package scratch sets up the private folder a build runs in: a copy of the sources, a
// copy of each dependency's install tree, a bin/ folder holding only the tools a build
// may use, and an environment that owes nothing to the caller's.
package scratch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/install"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/logrun"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srctree"
)

// Prefix is the --prefix every build is configured with. It is a fixed path, never the
// sandbox's, so that what a build bakes in (pkg-config files, compiled-in search paths,
// sysconfig) is the same on every machine; files are installed with DESTDIR.
const Prefix = "/install"

// BuildDirAlias replaces the scratch folder's real path in what a build records of it
// (debug info, __FILE__, Tcl's *Config.sh), so that outputs do not depend on the sandbox.
const BuildDirAlias = "/build"

// InputsLink is the scratch folder's mirror of what the toolchain's execroot-relative
// paths name (a sysroot in external/, a hermetic compiler): the build is given those
// paths below it, so that what it records of them (debug information, OpenSSL's
// compiled-in flags, a *Config.sh) is below the scratch folder, whose path is the same
// in every action, and not below a sandbox's, which is not. A folder is mirrored as real
// folders whose files link to the execroot's: gcc resolves a linked folder (the
// sysroot) when it names its headers in debug information.
const InputsLink = "inputs"

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

// inputsAlias is what an install tree says of InputsLink once the scratch folder's path
// is replaced by BuildDirAlias; a dependency's copy gets this build's link back.
var inputsAlias = BuildDirAlias + "/" + InputsLink

// FixedParent holds every build's scratch folder, at a path that is the same in every
// sandbox, output base and checkout: what a build records of its own folder where no
// prefix map reaches (OpenSSL's compiler flags in libcrypto, a run path) is then the same
// bytes on every machine. It is short, too: a Unix socket's path is limited to 107 bytes,
// and multiprocessing makes its sockets in TMPDIR (make install's compileall -j0 does).
const FixedParent = "/tmp/rules_cpython"

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
func (s *Scratch) copyInputs(o Options, mtime time.Time) error {
	if err := srctree.CopyFiles(o.Srcs, o.SrcRoot, s.Src, mtime); err != nil {
		return fmt.Errorf("copying sources of %s: %w", o.Name, err)
	}
	for _, dep := range o.Deps {
		dir := filepath.Join(s.Root, "deps", dep.Name)
		if err := srctree.CopyTree(dep.Path, dir, mtime); err != nil {
			return fmt.Errorf("copying dependency %s: %w", dep.Name, err)
		}
		// Dependencies were installed for Prefix, by a build with its own link to its
		// execroot; point their config files here.
		replacements := []install.Replacement{{Old: Prefix, New: dir}}
		if s.Inputs != "" {
			replacements = append(replacements, install.Replacement{Old: inputsAlias, New: s.Inputs})
		}
		if err := install.Replace(dir, install.IsConfigFile, replacements...); err != nil {
			return fmt.Errorf("relocating dependency %s: %w", dep.Name, err)
		}
		s.DepDirs[dep.Name] = dir
		s.DepList = append(s.DepList, Dep{Name: dep.Name, Path: dir})
	}
	return nil
}

// pathFlags are the options whose value is a path, written joined (-Ipath,
// --sysroot=path) or as the next argument (-isystem path).
var pathFlags = []string{"--sysroot=", "--gcc-toolchain=", "--gcc-install-dir=", "-resource-dir=", "-isysroot", "-isystem", "-iquote", "-idirafter", "-I", "-L", "-B"}

// AbsolutePaths makes the toolchain's paths relative to the execroot absolute, in the
// mirror (the scratch folder's InputsLink), for the build runs configure and make in its
// scratch folder: a relative compiler wrapper's flags (-isystem external/...), a sysroot
// in external/. A path counts when it exists in the execroot; other arguments are kept
// as they are. Without a mirror (no execroot), flags are kept.
func AbsolutePaths(flags []string, mirror *Mirror) ([]string, error) {
	if mirror == nil {
		return flags, nil
	}
	var failed error
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		mirrored, ok, err := mirror.Path(p)
		if err != nil && failed == nil {
			failed = err
		}
		if !ok {
			return p
		}
		return mirrored
	}
	out := make([]string, len(flags))
	valueNext := false
	for i, f := range flags {
		if valueNext {
			out[i], valueNext = abs(f), false
			continue
		}
		out[i] = f
		for _, prefix := range pathFlags {
			if f == strings.TrimSuffix(prefix, "=") {
				valueNext = true
				break
			}
			if rest, ok := strings.CutPrefix(f, prefix); ok {
				out[i] = prefix + abs(rest)
				break
			}
		}
	}
	return out, failed
}

// Mirror lays out paths of the execroot below Root: a file as a link to it, a folder as
// real folders whose files (and links) are links to the execroot's, or copies of its
// relative links.
type Mirror struct {
	Execroot, Root string
	// repos maps a repository's folder in the mirror to its canonical name.
	repos map[string]string
	// folders are the folders mirrored whole.
	folders map[string]bool
}

// Path mirrors rel (relative to the execroot) once and returns where it is; ok is false
// when the execroot has no such path.
func (m *Mirror) Path(rel string) (string, bool, error) {
	mirroredRel, err := m.repositoryNeutral(rel)
	if err != nil {
		return "", false, err
	}
	src, dst := filepath.Join(m.Execroot, rel), filepath.Join(m.Root, mirroredRel)
	info, err := os.Stat(src)
	if err != nil {
		return "", false, nil
	}
	if !info.IsDir() {
		if _, err := os.Lstat(dst); err == nil {
			return dst, true, nil
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", false, err
		}
		return dst, true, os.Symlink(src, dst)
	}
	if m.folders[dst] {
		return dst, true, nil
	}
	real, err := filepath.EvalSymlinks(src)
	if err != nil {
		return "", false, err
	}
	err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		sub, err := filepath.Rel(real, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, sub)
		if _, err := os.Lstat(to); err == nil && !d.IsDir() {
			return nil // mirrored on its own before
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if filepath.IsAbs(target) {
				target = p // an input as a sandbox stages it: the file it stands for
			}
			return os.Symlink(target, to)
		default:
			return os.Symlink(p, to)
		}
	})
	if err != nil {
		return "", false, fmt.Errorf("mirroring %s of the execroot into the scratch folder: %w", rel, err)
	}
	if m.folders == nil {
		m.folders = map[string]bool{}
	}
	m.folders[dst] = true
	return dst, true, nil
}

// repositoryNeutral names a path in an external repository (external/<canonical>/...)
// by the repository's own name, the canonical name's last part: a canonical name says
// which module asked for the repository (_main~cpython~sysroot in rules_cpython's own
// workspace, rules_cpython~~cpython~sysroot in a consumer's; + for ~ in Bazel 8), and
// what the build records of the path (debug information, a .pc file, a *Config.sh,
// OpenSSL's compiled-in flags) must be the same bytes in every workspace. Two
// repositories with one own name are an error, not a silent merge.
func (m *Mirror) repositoryNeutral(rel string) (string, error) {
	parts := strings.SplitN(filepath.ToSlash(filepath.Clean(rel)), "/", 3)
	if len(parts) < 2 || parts[0] != "external" {
		return rel, nil
	}
	canonical := parts[1]
	own := canonical[strings.LastIndexAny(canonical, "~+")+1:]
	if own == "" {
		return "", fmt.Errorf("repository %q of %s has no name after its last ~ or +", canonical, rel)
	}
	if m.repos == nil {
		m.repos = map[string]string{}
	}
	if seen, ok := m.repos[own]; ok && seen != canonical {
		return "", fmt.Errorf("repositories %s and %s would both be mirrored as external/%s; rename one", seen, canonical, own)
	}
	m.repos[own] = canonical
	parts[1] = own
	return filepath.FromSlash(strings.Join(parts, "/")), nil
}

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

func (s *Scratch) environment(o Options, cc, ar string, envPaths map[string]string) []string {
	var cppflags, ldflags, pkgconfig []string
	for _, dep := range s.DepList {
		cppflags = append(cppflags, "-I"+filepath.Join(dep.Path, "include"))
		ldflags = append(ldflags, "-L"+filepath.Join(dep.Path, "lib"))
		for _, sub := range []string{"lib/pkgconfig", "share/pkgconfig"} {
			if dir := filepath.Join(dep.Path, sub); isDir(dir) {
				pkgconfig = append(pkgconfig, dir)
			}
		}
	}
	env := map[string]string{
		"PATH":              s.Bin,
		"HOME":              filepath.Join(s.Root, "home"),
		"TMPDIR":            s.Tmp,
		"LC_ALL":            "C",
		"LANG":              "C",
		"TZ":                "UTC",
		"SOURCE_DATE_EPOCH": strconv.FormatInt(o.SourceDateEpoch, 10),
		"CC":                cc,
		"AR":                ar,
		"CFLAGS":            strings.Join(s.CFlags, " "),
		"CPPFLAGS":          strings.Join(cppflags, " "),
		"LDFLAGS":           strings.Join(append(ldflags, s.LDFlags...), " "),
		// Only the dependencies' pkg-config files are visible, never the machine's.
		"PKG_CONFIG_LIBDIR": strings.Join(pkgconfig, ":"),
		"PKG_CONFIG_PATH":   "",
		// No site defaults from the machine (Debian's config.site picks lib64 and such).
		"CONFIG_SITE": "/dev/null",
	}
	for k, v := range envPaths {
		env[k] = v
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, k+"="+env[k])
	}
	return out
}

// Aliases are what an install tree says instead of the build's own folders.
func (s *Scratch) Aliases() []install.Replacement {
	return []install.Replacement{{Old: s.Root, New: BuildDirAlias}}
}

// SetEnv sets (or replaces) one variable of the build environment.
func (s *Scratch) SetEnv(key, value string) {
	for i, kv := range s.Env {
		if strings.HasPrefix(kv, key+"=") {
			s.Env[i] = key + "=" + value
			s.Runner.Env = s.Env
			return
		}
	}
	s.Env = append(s.Env, key+"="+value)
	s.Runner.Env = s.Env
}

// Getenv reads one variable of the build environment.
func (s *Scratch) Getenv(key string) string {
	for _, kv := range s.Env {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			return v
		}
	}
	return ""
}

// claim locks parent/NAME.lock and returns an empty parent/NAME, removing what a build
// that was killed left there.
func claim(parent, name string) (string, *os.File, error) {
	if err := os.MkdirAll(parent, 0o1777); err != nil {
		return "", nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	safe := strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, name)
	if safe == "" || strings.Trim(safe, ".") == "" {
		return "", nil, fmt.Errorf("no scratch folder name in %q", name)
	}
	lock, err := os.OpenFile(filepath.Join(parent, safe+".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", nil, fmt.Errorf("opening the scratch folder's lock: %w", err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		lock.Close()
		return "", nil, fmt.Errorf("locking %s: %w", lock.Name(), err)
	}
	root := filepath.Join(parent, safe)
	if err := removeTree(root); err != nil {
		lock.Close()
		return "", nil, fmt.Errorf("removing the scratch folder a killed build left: %w", err)
	}
	if err := os.Mkdir(root, 0o755); err != nil {
		lock.Close()
		return "", nil, fmt.Errorf("creating scratch folder: %w", err)
	}
	return root, lock, nil
}

// Remove deletes the scratch folder and lets the next build of the name have it.
func (s *Scratch) Remove() error {
	if s == nil || s.Root == "" {
		return nil
	}
	err := removeTree(s.Root)
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
	return err
}

// removeTree deletes dir. A build may leave read-only folders behind, whose entries only
// their owner's chmod lets go; the tree is walked to make its folders writable only when
// removing it failed, since that walk costs about as much as the removal itself.
func removeTree(dir string) error {
	if os.RemoveAll(dir) == nil {
		return nil
	}
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(path, 0o755)
		}
		return nil
	})
	return os.RemoveAll(dir)
}

// Installed is the installed tree below DESTDIR.
func (s *Scratch) Installed() string { return filepath.Join(s.DestDir, Prefix) }

// MoveInstalled puts the installed tree (or one folder of it) at out, replacing out.
func MoveInstalled(from, out string) error {
	if err := os.RemoveAll(out); err != nil {
		return fmt.Errorf("clearing %s: %w", out, err)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return Move(from, out)
}

// Move renames from to out, or copies it (keeping links and modes) and removes it when
// they are on different file systems (the scratch folder on a tmpfs, say).
func Move(from, out string) error {
	err := os.Rename(from, out)
	if err == nil || !errors.Is(err, syscall.EXDEV) {
		if err != nil {
			return fmt.Errorf("moving %s to %s: %w", from, out, err)
		}
		return nil
	}
	err = filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		target := filepath.Join(out, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.IsDir():
			return os.MkdirAll(target, info.Mode().Perm()|0o700)
		default:
			return srctree.CopyFile(path, target, info.Mode().Perm())
		}
	})
	if err != nil {
		return fmt.Errorf("copying %s to %s: %w", from, out, err)
	}
	return removeTree(from)
}

// LinkTools fills dir with symlinks to the named programs, looked up in searchPath (those
// it lacks are left out), plus the fixed links given. It fails when a required tool
// cannot be found.
func LinkTools(dir string, searchPath, names []string, fixed map[string]string) error {
	seen := map[string]bool{}
	for name, target := range fixed {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("linking tool %s: %w", name, err)
		}
		seen[name] = true
	}
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		path, err := lookPath(name, searchPath)
		if err != nil {
			continue
		}
		if err := os.Symlink(path, filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("linking tool %s: %w", name, err)
		}
	}
	for _, name := range RequiredTools {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("required tool %q not found in %s", name, strings.Join(searchPath, ":"))
		}
	}
	return nil
}

func lookPath(name string, searchPath []string) (string, error) {
	for _, dir := range searchPath {
		path := filepath.Join(dir, name)
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o111 != 0 {
			return path, nil
		}
	}
	return "", fmt.Errorf("%s: %w", name, exec.ErrNotFound)
}

// inMirror gives each path relative to the execroot as its place in the mirror (mirrored
// once); absolute paths stay. A relative path the execroot lacks is an error.
func inMirror(paths []string, mirror *Mirror) ([]string, error) {
	out := make([]string, len(paths))
	for i, p := range paths {
		if filepath.IsAbs(p) {
			out[i] = p
			continue
		}
		if mirror == nil {
			abs, err := filepath.Abs(p)
			if err != nil {
				return nil, err
			}
			out[i] = abs
			continue
		}
		found, ok, err := mirror.Path(p)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("%s is not in the execroot: is it an input of the action?", p)
		}
		out[i] = found
	}
	return out, nil
}

// absTool finds a tool of the toolchain: a path relative to the execroot in the mirror
// (or the working folder without one), a bare name in the search path.
func absTool(tool string, searchPath []string, mirror *Mirror) (string, error) {
	if tool == "" {
		return "", errors.New("not given")
	}
	if filepath.IsAbs(tool) {
		return tool, nil
	}
	if strings.Contains(tool, "/") {
		if mirror != nil {
			path, ok, err := mirror.Path(tool)
			if err != nil || ok {
				return path, err
			}
		}
		return filepath.Abs(tool)
	}
	return lookPath(tool, searchPath)
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
