// The scratch folder's life: claimed under a lock at a fixed path, removed after.

package scratch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// FixedParent holds every build's scratch folder, at a path that is the same in every
// sandbox, output base and checkout: what a build records of its own folder where no
// prefix map reaches (OpenSSL's compiler flags in libcrypto, a run path) is then the same
// bytes on every machine. It is short, too: a Unix socket's path is limited to 107 bytes,
// and multiprocessing makes its sockets in TMPDIR (make install's compileall -j0 does).
const FixedParent = "/tmp/rules_cpython"

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
