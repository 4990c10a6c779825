// Package cpython builds CPython against the install trees of its dependencies, and
// refuses to hand over an interpreter that lacks a module or needs a library from the
// machine.
package cpython

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/autotools"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/buildinfo"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/elfcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/install"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/modcheck"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/params"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/relocatable"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srcpatch"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srctree"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/truststore"
)

// Config is one interpreter build.
type Config struct {
	Scratch scratch.Options
	// Version is major.minor, e.g. "3.13".
	Version string
	// ConfigureArgs follow --prefix; placeholders as in autotools.Expand.
	ConfigureArgs []string
	// MakeArgs (VAR=VALUE) go to make and make install; placeholders expanded.
	MakeArgs []string
	// Objects are C files (NAME=SOURCE, relative to the execroot) compiled before
	// configure with the build's compiler and flags; arguments name them {OBJ:NAME}.
	Objects params.Pairs
	// MakePhases, when set, split the build into make calls, one per STEP=TARGET in
	// order (an empty TARGET is the default one), each logged and timed on its own:
	// a PGO build's instrumented build, training run and optimized build.
	MakePhases params.Pairs
	Env        params.Pairs
	Jobs       int
	// RuntimeDirs are folders of dependencies that the interpreter needs at run time,
	// as DEP=PATH (Tcl's and Tk's script libraries); they are copied into its lib/.
	RuntimeDirs params.Pairs
	// SetupLocal are the lines of Modules/Setup.local (modules built into the
	// interpreter, say).
	SetupLocal []string
	// SourceEdits are the release's anchored edits of its sources (the rules' table of
	// release quirks), made before configure runs.
	SourceEdits []srcpatch.Edit
	// Outputs: the interpreter binary, and the lib/ and include/ folders beside it.
	// OutBinary's file name is the one make install gives it (python3.13, python3.13t,
	// python3.13d plus --with-suffix): the rule names it, the builder does not again.
	OutBinary  string
	OutLib     string
	OutInclude string
	OutShare   string
	// BinFiles and BinLinks are the rest of bin/ as make install makes it (the rule
	// declares each): files, which go beside OutBinary, and links as NAME=TARGET, made
	// relative, which the rule places there itself (an output that is a link is what some
	// remote-execution services cannot return).
	BinFiles []string
	BinLinks params.Pairs
	// OutLibpython, when set, receives a copy of the static libpython3.X.a, for programs
	// that embed the interpreter (the install keeps its own, where python3-config says).
	OutLibpython string
	// SharedLibpython is the soname of the shared libpython in lib/ (--enable-shared),
	// which bin/ must need and find through its run path; empty for a static libpython.
	SharedLibpython string
	// MaxGlibc is the glibc of the sysroot the build links against: no binary may need a
	// newer symbol version. Empty when it links against the machine's C library.
	MaxGlibc string
	// OutBuildInfo, when set, receives the build info (package buildinfo) as JSON.
	OutBuildInfo string
	// Modules says which library backs which extension module, for the module check.
	Modules modcheck.Expectation
	// CABundles are the distributions' CA bundles that the ssl module tries, in order,
	// where OpenSSL's default paths hold none (package truststore).
	CABundles []string
}

// Build runs the build and its checks. The scratch folder is removed whatever happens.
func Build(c Config) (err error) {
	env := append(params.Pairs{
		// Dependencies' symbols stay private to the extension modules that link them.
		{Key: "LDFLAGS", Value: "{LDFLAGS} -Wl,--exclude-libs,ALL"},
		// The order of sets, and so the bytes marshal writes into .pyc files and what the
		// PGO training run does, follows the hash seed: one seed for every build.
		{Key: "PYTHONHASHSEED", Value: "0"},
	}, c.Env...)
	s, vars, err := autotools.Start(c.Scratch, env, c.Jobs)
	defer autotools.Cleanup(s, &err)
	if err != nil {
		return err
	}
	if err := relocatable.PatchGetpath(s.Src); err != nil {
		return err
	}
	if err := truststore.PatchSSL(s.Src, c.CABundles); err != nil {
		return err
	}
	if err := srcpatch.Apply(s.Src, c.SourceEdits); err != nil {
		return err
	}
	if len(c.SetupLocal) > 0 {
		setup := filepath.Join(s.Src, "Modules", "Setup.local")
		if err := os.WriteFile(setup, []byte(strings.Join(c.SetupLocal, "\n")+"\n"), 0o644); err != nil {
			return fmt.Errorf("writing Modules/Setup.local: %w", err)
		}
		for _, line := range c.SetupLocal {
			_ = s.Runner.Note("Modules/Setup.local: %s", line)
		}
	}
	if err := compileObjects(s, c.Objects, vars); err != nil {
		return err
	}
	if err := autotools.Configure(s, "configure", c.ConfigureArgs, vars); err != nil {
		return err
	}
	makeArgs := append([]string{"-j" + strconv.Itoa(max(c.Jobs, 1))}, autotools.ExpandAll(c.MakeArgs, vars)...)
	for _, phase := range makePhases(c.MakePhases) {
		args := makeArgs
		if phase.Value != "" {
			args = append(append([]string{}, makeArgs...), phase.Value)
		}
		if err := s.Runner.Run(phase.Key, s.Src, "make", args...); err != nil {
			return err
		}
	}
	query, err := s.Runner.Output("test suite", s.Src, "make", testSuiteQueryArgs()...)
	if err != nil {
		return err
	}
	suite, err := parseTestSuite(query)
	if err != nil {
		return err
	}
	installArgs := append(append([]string{}, makeArgs...), "DESTDIR="+s.DestDir)
	if len(suite.Dirs) > 0 {
		installArgs = append(installArgs, "TEST_MODULES=no")
	}
	if err := s.Runner.Run("install", s.Src, "make", append(installArgs, "install")...); err != nil {
		return err
	}
	if len(suite.Dirs) > 0 {
		err := s.Runner.Time("copy test suite", func() error { return suite.install(filepath.Join(s.Src, "Lib"), s.DestDir) })
		if err != nil {
			return err
		}
		_ = s.Runner.Note("test suite installed without .pyc files: %d folders of Lib/ into %s", len(suite.Dirs), suite.LibDest)
	}
	installed := s.Installed()
	if err := s.Runner.Time("relocate", func() error { return relocate(s, installed, c) }); err != nil {
		return err
	}
	if err := arrangeBin(installed, filepath.Base(c.OutBinary), c.BinFiles, c.BinLinks); err != nil {
		return err
	}
	binary, err := installedBinary(installed, filepath.Base(c.OutBinary))
	if err != nil {
		return err
	}
	if err := recompile(s, installed, binary); err != nil {
		return err
	}
	elf, err := findELFFiles(installed, binary, c)
	if err != nil {
		return err
	}
	var report *modcheck.Report
	if err := s.Runner.Time("check", func() (err error) { report, err = check(s, elf, c); return err }); err != nil {
		return err
	}
	if c.OutBuildInfo != "" {
		configureArgs := append([]string{"--prefix=" + scratch.Prefix}, autotools.ExpandAll(c.ConfigureArgs, vars)...)
		if err := writeBuildInfo(c.OutBuildInfo, s, installed, elf, configureArgs, report, c); err != nil {
			return err
		}
	}
	return placeOutputs(installed, binary, c)
}

func writeBuildInfo(out string, s *scratch.Scratch, installed string, elf elfFiles, configureArgs []string, report *modcheck.Report, c Config) error {
	glibc, file, err := elfcheck.HighestGlibc(elf.roots()...)
	if err != nil {
		return err
	}
	if file != "" {
		if file, err = filepath.Rel(installed, file); err != nil {
			return err
		}
	}
	info := buildinfo.BuildInfo{
		PythonVersion:    report.Version,
		TargetTriple:     report.Multiarch,
		GlibcVersion:     glibc,
		GlibcFile:        file,
		SysconfigPaths:   report.Paths,
		ExtensionModules: []buildinfo.Module{},
	}
	for _, a := range configureArgs {
		info.ConfigureArgs = append(info.ConfigureArgs, strings.ReplaceAll(a, s.Root, scratch.BuildDirAlias))
	}
	for _, m := range report.Modules {
		if m.Linkage == "" {
			continue // not built: configure planned it away (the check allowed that)
		}
		libs := []string{}
		if joined := c.Modules.Libraries[m.Name]; joined != "" {
			libs = strings.Split(joined, "+")
		}
		info.ExtensionModules = append(info.ExtensionModules, buildinfo.Module{Name: m.Name, Linkage: m.Linkage, Libraries: libs})
	}
	if info.Executables, info.Links, err = executablesAndLinks(installed); err != nil {
		return err
	}
	return buildinfo.Write(out, info)
}

// executablesAndLinks lists the regular files of the tree with an execute bit, and its links with
// their targets, relative to it.
func executablesAndLinks(tree string) ([]string, map[string]string, error) {
	executables, links := []string{}, map[string]string{}
	err := filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(tree, p)
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			links[filepath.ToSlash(rel)] = target
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			if info.Mode().Perm()&0o111 != 0 {
				executables = append(executables, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("listing the install tree's executables and links: %w", err)
	}
	sort.Strings(executables) // WalkDir's lexical order per folder is not the order of whole paths
	return executables, links, nil
}

// relocate adds the dependencies' run-time folders to the install tree, rewrites the
// scratch folder's path in its text files, and makes what it says about its own folders
// follow it.
func relocate(s *scratch.Scratch, installed string, c Config) error {
	mtime := time.Unix(c.Scratch.SourceDateEpoch, 0)
	for _, kv := range c.RuntimeDirs {
		dep, ok := s.DepDirs[kv.Key]
		if !ok {
			return fmt.Errorf("runtime folder %s: %s is not a dependency", kv.Value, kv.Key)
		}
		dest := filepath.Join(installed, "lib", filepath.Base(kv.Value))
		if err := srctree.CopyTree(filepath.Join(dep, kv.Value), dest, mtime); err != nil {
			return fmt.Errorf("copying run-time files of %s: %w", kv.Key, err)
		}
	}
	if err := relocatable.ForgetExecroot(installed, s.CC, s.Inputs, s.Execroot); err != nil {
		return err
	}
	if err := install.Replace(installed, install.NotCompiled, s.Aliases()...); err != nil {
		return err
	}
	return relocatable.Tree(installed, scratch.Prefix, filepath.Base(c.OutBinary))
}

// recompile compiles again, in one process and in a fixed order, every Python file that
// make install compiled (levels 0, 1 and 2, hash-based since SOURCE_DATE_EPOCH is set,
// named below the configured prefix). make install's compileall runs a worker per core,
// and marshal's output depends on what a worker compiled before (which objects it
// shares), so its .pyc files differ from one build to the next; and relocate changed
// some sources after they were compiled, whose stale .pyc files would be compiled again,
// in memory, at every start of a read-only tree.
func recompile(s *scratch.Scratch, installed, binary string) error {
	sources, err := compiledSources(installed)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return fmt.Errorf("make install compiled no Python file below %s: look for compileall in the log", installed)
	}
	list := filepath.Join(s.Tmp, "compile.list")
	if err := os.WriteFile(list, []byte(strings.Join(sources, "\n")+"\n"), 0o644); err != nil {
		return fmt.Errorf("writing the list of Python files to compile: %w", err)
	}
	// No -E: the build environment is the builder's own, and PYTHONHASHSEED must apply.
	args := []string{"-Wi", "-m", "compileall", "-q", "-f", "-o", "0", "-o", "1", "-o", "2", "-s", installed, "-p", scratch.Prefix, "-i", list}
	if err := s.Runner.Run("compile", installed, binary, args...); err != nil {
		return fmt.Errorf("compiling the %d Python files that make install compiled: %w", len(sources), err)
	}
	return nil
}

// compiledSources lists, sorted, the Python files below dir that have a .pyc file in
// their folder's __pycache__ (NAME.TAG[.opt-N].pyc is compiled from ../NAME.py).
func compiledSources(dir string) ([]string, error) {
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".pyc") || filepath.Base(filepath.Dir(path)) != "__pycache__" {
			return nil
		}
		name, _, _ := strings.Cut(d.Name(), ".")
		source := filepath.Join(filepath.Dir(filepath.Dir(path)), name+".py")
		if _, err := os.Stat(source); err != nil {
			return fmt.Errorf("%s has no source: %w", path, err)
		}
		seen[source] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the compiled Python files of %s: %w", dir, err)
	}
	sources := make([]string, 0, len(seen))
	for source := range seen {
		sources = append(sources, source)
	}
	sort.Strings(sources)
	return sources, nil
}

// arrangeBin turns bin/ into what the rule declared: the links (make install hard-links
// python3.13 to python3.13d; bin/python is ours) become relative symlinks, and any other
// difference between bin/ and the declaration fails, naming it.
func arrangeBin(installed, binary string, files []string, links params.Pairs) error {
	bin := filepath.Join(installed, "bin")
	for _, l := range links {
		if err := install.Link(installed, filepath.Join("bin", l.Key), l.Value); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(bin)
	if err != nil {
		return fmt.Errorf("the install has no bin/ folder: %w", err)
	}
	want := map[string]bool{binary: true}
	for _, f := range files {
		want[f] = true
	}
	for _, l := range links {
		want[l.Key] = true
	}
	var extra []string
	for _, e := range entries {
		if !want[e.Name()] {
			extra = append(extra, e.Name())
		}
		delete(want, e.Name())
	}
	if len(extra) > 0 || len(want) > 0 {
		var missing []string
		for name := range want {
			missing = append(missing, name)
		}
		sort.Strings(missing)
		return fmt.Errorf("make install put into bin/ what the rule does not declare (%s) or left out what it declares (%s): installed_bin() in rules/private/cpython_interpreter.bzl must follow this release's Makefile",
			strings.Join(extra, ", "), strings.Join(missing, ", "))
	}
	return nil
}

// check refuses an install whose standard library is not compiled, that lacks an
// extension module, or whose binaries need a library from the machine or do not find
// the shared libpython through their own run path.
func check(s *scratch.Scratch, elf elfFiles, c Config) (*modcheck.Report, error) {
	binary := elf.binary
	if err := checkCompiled(filepath.Dir(elf.dynload)); err != nil {
		return nil, err
	}
	if c.SharedLibpython != "" {
		needed, err := elfcheck.Needed(binary)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(needed, c.SharedLibpython) {
			return nil, fmt.Errorf("the rule expects %s to need the shared libpython %s (--enable-shared), but it needs %v: the soname in rules/private/cpython_interpreter.bzl must follow this release's Makefile (INSTSONAME)", binary, c.SharedLibpython, needed)
		}
	}
	report, err := modcheck.Check(binary, s.Env, depNames(s.DepList), c.Modules)
	if err != nil {
		return nil, fmt.Errorf("checking extension modules of the installed interpreter: %w", err)
	}
	_ = s.Runner.Note("%s", report.Summary())
	if _, err := elfcheck.CheckTree(elfcheck.Interpreter(c.SharedLibpython, c.MaxGlibc), elf.roots()...); err != nil {
		return report, err
	}
	// The compiler's hardening is reported here and required by cpython_elf_test: a
	// build whose settings turn it off on purpose (CFLAGS_NODIST=-fno-stack-protector,
	// bench/interp's measure of its cost) is still built.
	protections, err := elfcheck.Protections(elf.roots()...)
	if err != nil {
		return report, err
	}
	_ = s.Runner.Note("hardening of the ELF files:\n%s", elfcheck.Summary(protections, filepath.Dir(filepath.Dir(binary))))
	return report, nil
}

// elfFiles are the ELF files of the install that the checks read: the interpreter, the
// extension modules' folder and, when it is shared, libpython.
type elfFiles struct{ binary, dynload, libpython string }

func findELFFiles(installed, binary string, c Config) (elfFiles, error) {
	dynload, err := libDynload(installed, c.Version)
	if err != nil {
		return elfFiles{}, err
	}
	f := elfFiles{binary: binary, dynload: dynload}
	if c.SharedLibpython != "" {
		f.libpython = filepath.Join(installed, "lib", c.SharedLibpython)
		if _, err := os.Stat(f.libpython); err != nil {
			return elfFiles{}, fmt.Errorf("make install left no shared libpython %s in lib/ (--enable-shared): %w", c.SharedLibpython, err)
		}
	}
	return f, nil
}

func (f elfFiles) roots() []string {
	if f.libpython == "" {
		return []string{f.binary, f.dynload}
	}
	return []string{f.binary, f.dynload, f.libpython}
}

// installedBinary is bin/name of the install tree; when make install named it otherwise,
// the error lists what bin/ has.
func installedBinary(installed, name string) (string, error) {
	binary := filepath.Join(installed, "bin", name)
	if _, err := os.Stat(binary); err == nil {
		return binary, nil
	}
	entries, err := os.ReadDir(filepath.Join(installed, "bin"))
	if err != nil {
		return "", fmt.Errorf("the install has no bin/ folder: %w", err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return "", fmt.Errorf("the install has no bin/%s, which the rule declared (bin/ has: %s): its abiflags or suffix differ from what configure built",
		name, strings.Join(names, ", "))
}

// libDynload is the extension modules' folder, lib/python3.13/lib-dynload or, in a
// free-threaded build, lib/python3.13t/lib-dynload: read off the tree, so that the
// builder does not need the ABI flags to find it.
func libDynload(installed, version string) (string, error) {
	found, err := filepath.Glob(filepath.Join(installed, "lib", "python"+version+"*", "lib-dynload"))
	if err != nil {
		return "", err
	}
	if len(found) != 1 {
		return "", fmt.Errorf("want one lib/python%s*/lib-dynload in the install, found %d: %v", version, len(found), found)
	}
	return found[0], nil
}

// checkCompiled fails when make install compiled no .pyc files of the standard library
// at the three optimization levels: the Makefile ignores compileall's failure, and an
// install tree that Bazel makes read-only would compile the library again at every start.
func checkCompiled(stdlib string) error {
	found, err := filepath.Glob(filepath.Join(stdlib, "__pycache__", "os.*.pyc"))
	if err != nil {
		return err
	}
	if len(found) != 3 {
		return fmt.Errorf("make install compiled %d of the 3 .pyc files of %s/os.py (levels 0, 1 and 2): look for compileall in the log", len(found), stdlib)
	}
	return nil
}

// staticLibpython is the libpython3.X.a that make install put into the install's LIBPL
// (lib/python3.13/config-3.13-x86_64-linux-gnu/), read off the tree.
func staticLibpython(installed, version string) (string, error) {
	found, err := filepath.Glob(filepath.Join(installed, "lib", "python"+version+"*", "config-"+version+"*", "libpython"+version+"*.a"))
	if err != nil {
		return "", err
	}
	if len(found) != 1 {
		return "", fmt.Errorf("want one lib/python%s*/config-*/libpython%s*.a in the install, found %d: %v", version, version, len(found), found)
	}
	return found[0], nil
}

func placeOutputs(installed, binary string, c Config) error {
	if err := os.MkdirAll(filepath.Dir(c.OutBinary), 0o755); err != nil {
		return err
	}
	if c.OutLibpython != "" {
		archive, err := staticLibpython(installed, c.Version)
		if err != nil {
			return fmt.Errorf("the static libpython for embedding: %w", err)
		}
		if err := srctree.CopyFile(archive, c.OutLibpython, 0o644); err != nil {
			return fmt.Errorf("copying %s for embedding: %w", archive, err)
		}
	}
	if err := scratch.Move(binary, c.OutBinary); err != nil {
		return fmt.Errorf("moving the interpreter into place: %w", err)
	}
	outBin := filepath.Dir(c.OutBinary)
	for _, name := range c.BinFiles {
		if err := scratch.Move(filepath.Join(installed, "bin", name), filepath.Join(outBin, name)); err != nil {
			return fmt.Errorf("moving bin/%s into place: %w", name, err)
		}
	}
	for dir, out := range map[string]string{"lib": c.OutLib, "include": c.OutInclude, "share": c.OutShare} {
		if out == "" {
			continue
		}
		if err := scratch.MoveInstalled(filepath.Join(installed, dir), out); err != nil {
			return err
		}
	}
	return nil
}

func depNames(deps []scratch.Dep) []string {
	names := make([]string, len(deps))
	for i, d := range deps {
		names[i] = d.Name
	}
	return names
}

// makePhases are the make calls of the build: one "make" of the default target unless
// phases are given.
func makePhases(phases params.Pairs) params.Pairs {
	if len(phases) == 0 {
		return params.Pairs{{Key: "make", Value: ""}}
	}
	return phases
}
