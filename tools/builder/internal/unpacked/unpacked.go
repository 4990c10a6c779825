// Package unpacked makes an install tree of files that come ready-made rather than as
// sources to build: the data files of a Debian package (X11's protocol headers, the XCB
// protocol descriptions), laid out as make install would have for the builds' prefix.
package unpacked

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/install"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/scratch"
	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srctree"
)

// Install copies files, all below root (a package's usr/ folder, which its pkg-config
// files call prefix), into out, and makes those pkg-config files name scratch.Prefix:
// a build that takes out as a dependency then finds them where it copied them.
func Install(files []string, root, packagePrefix, out string, mtime time.Time) error {
	if err := srctree.CopyFiles(files, root, out, mtime); err != nil {
		return fmt.Errorf("copying the unpacked files: %w", err)
	}
	pc := func(path string) bool { return strings.HasSuffix(path, ".pc") }
	from := []byte("prefix=" + packagePrefix + "\n")
	pcFiles, found := 0, 0
	err := install.Rewrite(out, pc, func(data []byte) []byte {
		pcFiles++
		if bytes.Contains(data, from) {
			found++
		}
		return bytes.ReplaceAll(data, from, []byte("prefix="+scratch.Prefix+"\n"))
	})
	if err != nil {
		return err
	}
	if found < pcFiles {
		return fmt.Errorf("%d of the %d pkg-config files below %s do not say prefix=%s: is %s the package's prefix?", pcFiles-found, pcFiles, out, packagePrefix, packagePrefix)
	}
	return nil
}
