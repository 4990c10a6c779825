package truststore

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const sslPy = `import os
import _ssl
from _ssl import SSLError
from _ssl import _SSLContext

class SSLContext(_SSLContext):
    def load_default_certs(self, purpose=None):
        self.set_default_verify_paths()

    def other(self):
        pass
`

func writeSSL(t *testing.T) (string, string) {
	t.Helper()
	src := t.TempDir()
	path := filepath.Join(src, "Lib", "ssl.py")
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(sslPy), 0o644))
	return src, path
}

func TestPatchSSLCallsTheFallbackAfterTheDefaultPathsAndKeepsTheTimestamp(t *testing.T) {
	src, path := writeSSL(t)
	epoch := time.Unix(1704067200, 0)
	require.NoError(t, os.Chtimes(path, epoch, epoch))

	require.NoError(t, PatchSSL(src, []string{"/etc/a.pem", "/etc/b.crt"}))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	text := string(data)
	require.Contains(t, text, "        self.set_default_verify_paths()\n        _rules_cpython_load_distribution_bundle(self)\n\n    def other")
	require.Contains(t, text, "_RULES_CPYTHON_CA_BUNDLES = ('/etc/a.pem', '/etc/b.crt',)")
	require.Less(t, strings.Index(text, "def _rules_cpython_load_distribution_bundle"), strings.Index(text, "class SSLContext"))
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.True(t, info.ModTime().Equal(epoch), "make must see the sources' timestamp")
	if python, err := exec.LookPath("python3"); err == nil {
		out, err := exec.Command(python, "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", path).CombinedOutput()
		require.NoError(t, err, "the patched ssl.py does not parse: %s", out)
	}
}

func TestPatchSSLNamesAMissingAnchor(t *testing.T) {
	src, path := writeSSL(t)
	require.NoError(t, os.WriteFile(path, []byte(strings.ReplaceAll(sslPy, "self.set_default_verify_paths()", "pass")), 0o644))
	err := PatchSSL(src, []string{"/etc/a.pem"})
	require.ErrorContains(t, err, "load_default_certs")
}

func TestPatchSSLRefusesAPathThatIsNotAPlainAbsoluteOne(t *testing.T) {
	for _, bad := range []string{"etc/a.pem", "/etc/it's.pem", `/etc/a\b.pem`} {
		src, _ := writeSSL(t)
		require.ErrorContains(t, PatchSSL(src, []string{bad}), "absolute path", bad)
	}
}
