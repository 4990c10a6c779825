// Package relocatable makes an installed CPython independent of the folder it is in:
// the interpreter finds its prefix from its own binary, and what it tells extension
// builds (sysconfig, python3-config, pkg-config) is resolved against where the tree is
// now rather than against the prefix it was configured with.
package relocatable

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srcpatch"
)

// getpathEdit is one insertion into Modules/getpath.py, after an anchor that every
// supported release has.
type getpathEdit struct {
	anchor, insert string
	before         bool
}

var getpathEdits = []getpathEdit{
	{
		// On Linux the kernel says which binary runs, whatever argv[0] says (exec -a,
		// subprocess's executable=, a bare name that PATH resolves to another python).
		// Without this, such an interpreter searches for its prefix from the current
		// folder and falls back to the compiled-in --prefix, where nothing is. What a
		// program configured (PyConfig.executable, PyConfig.program_name) is kept, as
		// upstream keeps it: an embedding program's /proc/self/exe is not python.
		anchor: "\nif ENV_PYTHONEXECUTABLE or ENV___PYVENV_LAUNCHER__:\n",
		before: true,
		insert: `
# rules_cpython: when nothing was configured and argv[0] does not lead to the running
# binary, the prefix is searched beside the running binary, never at the compiled-in one.
_rules_cpython_argv0 = (config.get('orig_argv') or [''])[0]
if (os_name == 'posix' and not py_setpath and not config.get('executable')
        and config.get('program_name') in (None, '', _rules_cpython_argv0)
        and isfile('/proc/self/exe')):
    try:
        _rules_cpython_binary = realpath('/proc/self/exe')
        if not executable:
            # argv[0] names no file: sys.executable stays empty, as upstream has it.
            real_executable = _rules_cpython_binary
            executable_dir = real_executable_dir = dirname(_rules_cpython_binary)
        elif realpath(executable) != _rules_cpython_binary:
            # argv[0] leads to another program: the running binary is the executable.
            executable = _rules_cpython_binary
            executable_dir = real_executable_dir = None
    except OSError:
        pass
`,
	},
	{
		// A venv made through a link from another folder (bazel-bin/python, a link on
		// PATH) has that folder as its home, where no standard library is: its prefix
		// is searched beside the binary the link leads to. sys._base_executable stays
		// what upstream makes it.
		anchor: "\nif not base_executable:\n    base_executable = executable or real_executable or ''\n",
		insert: `
# rules_cpython: a venv runs the standard library of the binary its base executable
# leads to, also when its home is another folder (one with no or another library).
if venv_prefix and base_executable and os_name == 'posix' and executable_dir:
    try:
        _rules_cpython_binary_dir = dirname(realpath(base_executable))
        _rules_cpython_prefix = search_up(_rules_cpython_binary_dir, *STDLIB_LANDMARKS)
        if _rules_cpython_prefix and search_up(executable_dir, *STDLIB_LANDMARKS) != _rules_cpython_prefix:
            executable_dir = real_executable_dir = _rules_cpython_binary_dir
    except OSError:
        pass
`,
	},
}

// PatchGetpath edits the sources' Modules/getpath.py (frozen into the interpreter when
// it is built), keeping its modification time, so that make sees the same timestamps
// in every build.
func PatchGetpath(src string) error {
	edits := make([]srcpatch.Edit, len(getpathEdits))
	for i, e := range getpathEdits {
		insert := strings.TrimPrefix(e.insert, "\n") + "\n"
		replacement := e.anchor + insert
		if e.before {
			// The anchor starts with a line break: the insertion goes after it.
			replacement = e.anchor[:1] + insert + e.anchor[1:]
		}
		edits[i] = srcpatch.Edit{File: "Modules/getpath.py", Old: e.anchor, New: replacement,
			Why: "the interpreter finds its prefix beside its own binary"}
	}
	return srcpatch.Apply(src, edits)
}

// PrefixToken stands for the install tree's folder in _sysconfigdata, replaced when
// sysconfig loads it.
const PrefixToken = "@RULES_CPYTHON_PREFIX@"

// sysconfigTail resolves PrefixToken in build_time_vars against the folder the file is
// in: lib/python3.X/_sysconfigdata_*.py, three levels below the prefix. CONFIG_ARGS stays
// the record of how configure ran (--prefix=/install).
func sysconfigTail(prefix string) string {
	return fmt.Sprintf(`

# rules_cpython: the install tree is relocatable; its paths are resolved against where
# this file is (lib/python3.X/ below the prefix), not against the configured --prefix.
# CONFIG_ARGS stays the record of how configure ran.
def _rules_cpython_relocate(variables):
    from os.path import abspath, dirname
    prefix = dirname(dirname(dirname(abspath(__file__))))
    for key, value in variables.items():
        if isinstance(value, str) and %[1]q in value:
            variables[key] = value.replace(%[1]q, %[2]q if key == 'CONFIG_ARGS' else prefix)


_rules_cpython_relocate(build_time_vars)
del _rules_cpython_relocate
`, PrefixToken, prefix)
}

// Tree rewrites the installed tree (configured with --prefix=prefix) so that what it says
// about its own folders follows it: _sysconfigdata (sysconfig.get_config_var), the
// pkg-config files, the python3.X-config script's handling of its own path, and the
// Python scripts of bin/ (pydoc3, idle3, pip3), which run binary beside them.
func Tree(installed, prefix, binary string) error {
	sysconfig, err := filepath.Glob(filepath.Join(installed, "lib", "python3*", "_sysconfigdata_*.py"))
	if err != nil {
		return err
	}
	if len(sysconfig) != 1 {
		return fmt.Errorf("want one lib/python3*/_sysconfigdata_*.py in the install, found %d: %v", len(sysconfig), sysconfig)
	}
	if err := rewrite(sysconfig[0], func(data []byte) ([]byte, error) {
		return append(ReplacePrefix(data, prefix, PrefixToken), sysconfigTail(prefix)...), nil
	}); err != nil {
		return err
	}
	pcs, err := filepath.Glob(filepath.Join(installed, "lib", "pkgconfig", "python*.pc"))
	if err != nil {
		return err
	}
	for _, pc := range pcs {
		if err := rewrite(pc, func(data []byte) ([]byte, error) { return relocatePkgConfig(data, prefix) }); err != nil {
			return err
		}
	}
	scripts, err := filepath.Glob(filepath.Join(installed, "bin", "python3*-config"))
	if err != nil {
		return err
	}
	for _, script := range scripts {
		if err := rewrite(script, quoteInstalledPrefix); err != nil {
			return err
		}
	}
	return relocateScripts(filepath.Join(installed, "bin"), binary)
}

// relocateScripts makes every Python script of bin/ run the interpreter beside it. make
// install writes the configured prefix into their #! line (pydoc3, idle3), and ensurepip
// the build folder's python (pip3): neither is there in a copy of the tree. A #! line
// cannot name a path relative to the script, so the script starts as a shell script that
// runs the interpreter beside its real path on itself; to Python the shell lines are a
// string.
func relocateScripts(bin, binary string) error {
	entries, err := os.ReadDir(bin)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // the build's check of bin/ names what is missing
	}
	if err != nil {
		return fmt.Errorf("reading bin/ of the install: %w", err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || e.Name() == binary {
			continue
		}
		path := filepath.Join(bin, e.Name())
		if err := rewrite(path, func(data []byte) ([]byte, error) { return relativeShebang(data, binary), nil }); err != nil {
			return err
		}
	}
	return nil
}

// relativeShebang replaces a #! line that names an absolute python with one that runs
// binary from the script's own folder; other files are returned as they are.
func relativeShebang(data []byte, binary string) []byte {
	line, rest, found := bytes.Cut(data, []byte("\n"))
	if !found || !bytes.HasPrefix(line, []byte("#!/")) {
		return data
	}
	interpreter := strings.Fields(string(line[2:]))
	if len(interpreter) == 0 || !strings.HasPrefix(filepath.Base(interpreter[0]), "python") {
		return data
	}
	stub := "#!/bin/sh\n'''exec' \"$(dirname -- \"$(realpath -- \"$0\")\")/" + binary + "\" \"$0\" \"$@\"\n' '''\n"
	return append([]byte(stub), rest...)
}

// ReplacePrefix replaces the prefix where it is a whole path or a path's start (/install,
// /install/lib, -I/install/include, --prefix=/install), not where it ends a longer path
// (/build/bin/install) or begins a longer name (/installer).
func ReplacePrefix(data []byte, prefix, with string) []byte {
	var out bytes.Buffer
	rest := data
	for {
		i := bytes.Index(rest, []byte(prefix))
		if i < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		end := i + len(prefix)
		whole := (end == len(rest) || !isNameByte(rest[end])) && !insidePath(rest[:i])
		out.Write(rest[:i])
		if whole {
			out.WriteString(with)
		} else {
			out.WriteString(prefix)
		}
		rest = rest[end:]
	}
}

func isNameByte(b byte) bool {
	return b == '_' || b == '.' || b == '-' || b == '+' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
}

// insidePath says whether what comes before a match ends in a path component, "/bin".
func insidePath(before []byte) bool {
	j := len(before)
	for j > 0 && isNameByte(before[j-1]) {
		j--
	}
	return j > 0 && before[j-1] == '/'
}

// relocatePkgConfig makes prefix= relative to the .pc file (pkg-config and pkgconf both
// define ${pcfiledir}); every other path of CPython's .pc files is below ${prefix}.
func relocatePkgConfig(data []byte, prefix string) ([]byte, error) {
	old := []byte("prefix=" + prefix + "\n")
	if !bytes.HasPrefix(data, old) && !bytes.Contains(data, append([]byte("\n"), old...)) {
		return nil, fmt.Errorf("no line %q", strings.TrimSpace(string(old)))
	}
	out := bytes.Replace(data, old, []byte("prefix=${pcfiledir}/../..\n"), 1)
	if left := ReplacePrefix(out, prefix, PrefixToken); !bytes.Equal(left, out) {
		return nil, fmt.Errorf("paths below %s outside prefix=", prefix)
	}
	return out, nil
}

// quoteInstalledPrefix fixes python-config.sh's installed_prefix(), which loses a path
// with spaces to word splitting.
func quoteInstalledPrefix(data []byte) ([]byte, error) {
	for _, fix := range []struct{ old, new string }{
		{`RESULT=$(dirname $(cd $(dirname "$1") && pwd -P))`, `RESULT=$(dirname "$(cd "$(dirname "$1")" && pwd -P)")`},
		{"\n    echo $RESULT\n", "\n    echo \"$RESULT\"\n"},
	} {
		if !bytes.Contains(data, []byte(fix.old)) {
			return nil, fmt.Errorf("installed_prefix() lacks %q", strings.TrimSpace(fix.old))
		}
		data = bytes.Replace(data, []byte(fix.old), []byte(fix.new), 1)
	}
	return data, nil
}

func rewrite(path string, edit func([]byte) ([]byte, error)) error {
	info, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return nil // a link to a file that is rewritten itself
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	updated, err := edit(data)
	if err != nil {
		return fmt.Errorf("making %s relocatable: %w", path, err)
	}
	if err := os.Chmod(path, info.Mode().Perm()|0o200); err != nil {
		return err
	}
	if err := os.WriteFile(path, updated, info.Mode().Perm()); err != nil {
		return fmt.Errorf("rewriting %s: %w", path, err)
	}
	return os.Chmod(path, info.Mode().Perm())
}
