package cpython

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// setupPyMachinePaths are what setup.py (CPython before 3.12) adds of the machine's
// folders to every extension's compiler and linker: /usr/local, and Debian's multiarch
// folders of the machine (/usr/include/x86_64-linux-gnu). Built against a sysroot, they
// mix the machine's C library headers into the sysroot's; otherwise they are the
// compiler's own defaults anyway.
var setupPyMachinePaths = []string{
	"            add_dir_to_list(self.compiler.library_dirs, '/usr/local/lib')\n",
	"            add_dir_to_list(self.compiler.include_dirs, '/usr/local/include')\n",
	"        self.add_multiarch_paths()\n",
}

// patchSetupPy takes the machine's folders out of setup.py, when the sources have one.
func patchSetupPy(src string) error {
	path := filepath.Join(src, "setup.py")
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // 3.12 and later build their modules with configure and make
	}
	if err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(data)
	for _, line := range setupPyMachinePaths {
		if !strings.Contains(text, line) {
			return fmt.Errorf("setup.py of these sources lacks %q, which rules_cpython takes out so that no extension sees the machine's folders: the release needs its own edit", strings.TrimSpace(line))
		}
		indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
		text = strings.Replace(text, line, indent+"pass  # rules_cpython: not the machine's folders\n", 1)
	}
	if err := os.WriteFile(path, []byte(text), info.Mode().Perm()); err != nil {
		return fmt.Errorf("writing setup.py: %w", err)
	}
	return os.Chtimes(path, info.ModTime(), info.ModTime())
}
