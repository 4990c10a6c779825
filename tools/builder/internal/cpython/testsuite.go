package cpython

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srctree"
)

// Compiling .pyc files at three optimization levels is most of `make install`, and three
// quarters of that is CPython's own test suite (Lib/test and the other TESTSUBDIRS),
// which only CPython's regression tests import. So the builder lets make install the
// standard library with its .pyc files, and installs the test suite itself, as the
// Makefile would but without .pyc files: Python compiles a test module when it imports
// it. rules_python's toolchains leave the test suite out of the runtime altogether.

// testSuite is where the Makefile installs the test suite: LibDest (the library folder
// below the prefix, /install/lib/python3.13) and Dirs, the folders below Lib/ that hold
// it. Dirs is empty when the build has no test modules (--disable-test-modules) or the
// Makefile does not set the test suite apart.
type testSuite struct {
	LibDest string
	Dirs    []string
}

// testSuiteQuery is a make target, added with --eval, that prints what the Makefile says
// of the test suite: the TEST_MODULES switch, LIBDEST, then TESTSUBDIRS, one per line.
const testSuiteQuery = "rules_cpython_test_suite: ; @echo '$(TEST_MODULES)'; echo '$(LIBDEST)'; echo $(TESTSUBDIRS)"

func testSuiteQueryArgs() []string {
	return []string{"-s", "--no-print-directory", "--eval=" + testSuiteQuery, "rules_cpython_test_suite"}
}

// parseTestSuite reads the output of testSuiteQuery.
func parseTestSuite(out string) (testSuite, error) {
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		return testSuite{}, fmt.Errorf("want 3 lines (TEST_MODULES, LIBDEST, TESTSUBDIRS) from the Makefile, got %q", out)
	}
	libDest := strings.TrimSpace(lines[1])
	if !filepath.IsAbs(libDest) {
		return testSuite{}, fmt.Errorf("the Makefile's LIBDEST %q is not an absolute path", libDest)
	}
	suite := testSuite{LibDest: libDest}
	if strings.TrimSpace(lines[0]) == "yes" {
		suite.Dirs = strings.Fields(lines[2])
	}
	return suite, nil
}

// install copies the test suite from srcLib (the source tree's Lib/) into the install
// below destDir, file by file as the Makefile's libinstall does: each folder on its own
// (its subfolders are listed apart), without compiled files or editor leftovers,
// executable files with mode 0755 and the others 0644.
func (t testSuite) install(srcLib, destDir string) error {
	for _, dir := range t.Dirs {
		from := filepath.Join(srcLib, dir)
		entries, err := os.ReadDir(from)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			return fmt.Errorf("installing the test suite: %w", err)
		}
		to := filepath.Join(destDir, t.LibDest, dir)
		if err := os.MkdirAll(to, 0o755); err != nil {
			return fmt.Errorf("installing the test suite: %w", err)
		}
		for _, e := range entries {
			if e.IsDir() || leftOutOfInstall(e.Name()) {
				continue
			}
			if err := installFile(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
				return fmt.Errorf("installing the test suite: %w", err)
			}
		}
	}
	return nil
}

// leftOutOfInstall mirrors what libinstall skips: hidden files (its shell glob `*` does
// not match them), *CVS, *.py[co], *.orig and *~.
func leftOutOfInstall(name string) bool {
	if strings.HasPrefix(name, ".") {
		return true
	}
	for _, suffix := range []string{"CVS", ".pyc", ".pyo", ".orig", "~"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// installFile copies as install -m 755 or -m 644 does, by the source's executable bit.
func installFile(from, to string) error {
	info, err := os.Stat(from)
	if err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if info.Mode().Perm()&0o111 != 0 {
		mode = 0o755
	}
	return srctree.CopyFile(from, to, mode)
}
