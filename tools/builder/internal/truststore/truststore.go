// Package truststore makes the ssl module of the sources find the CA certificates of
// whatever Linux distribution the interpreter runs on.
//
// The interpreter's OpenSSL is built with OPENSSLDIR=/etc/ssl, so its default paths are
// /etc/ssl/cert.pem and the hashed folder /etc/ssl/certs: Debian, Ubuntu, Alpine and
// openSUSE have one of them, Fedora 44 and RHEL have neither. When neither serves and the
// user set neither SSL_CERT_FILE nor SSL_CERT_DIR, SSLContext.load_default_certs (what
// ssl.create_default_context and urllib use) loads the first bundle of a list that the
// rules pass in.
package truststore

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rules-cpython/rules_cpython/tools/builder/internal/srcpatch"
)

// loadAnchor is the line of SSLContext.load_default_certs that loads OpenSSL's default
// paths, in every supported release.
const loadAnchor = "        self.set_default_verify_paths()\n"

const loadCall = "        _rules_cpython_load_distribution_bundle(self)\n"

// classAnchor starts the definition of SSLContext, before which the fallback goes.
const classAnchor = "\nclass SSLContext(_SSLContext):\n"

// fallback goes before SSLContext in Lib/ssl.py; %s is the tuple of bundles.
const fallback = `
# rules_cpython: the CA bundles of Linux distributions, tried in order when OpenSSL's
# default file does not exist, its default folder has no hashed names, and neither
# SSL_CERT_FILE nor SSL_CERT_DIR is set (a setting of the user wins, as in OpenSSL).
_RULES_CPYTHON_CA_BUNDLES = %s


def _rules_cpython_load_distribution_bundle(context):
    file_variable, default_file, folder_variable, default_folder = _ssl.get_default_verify_paths()
    if os.environ.get(file_variable) or os.environ.get(folder_variable):
        return
    if os.path.isfile(default_file):
        return
    try:
        if any(len(name) == 10 and name[8:] == ".0" for name in os.listdir(default_folder)):
            return
    except OSError:
        pass
    for bundle in _RULES_CPYTHON_CA_BUNDLES:
        if os.path.isfile(bundle):
            try:
                context.load_verify_locations(cafile=bundle)
            except (OSError, SSLError):
                continue
            return
`

// PatchSSL edits the sources' Lib/ssl.py so that load_default_certs falls back on the
// first of bundles that exists. The file keeps its modification time.
func PatchSSL(src string, bundles []string) error {
	if len(bundles) == 0 {
		return nil
	}
	literal, err := pythonTuple(bundles)
	if err != nil {
		return err
	}
	const why = "load_default_certs falls back on the distributions' CA bundles"
	return srcpatch.Apply(src, []srcpatch.Edit{
		{File: "Lib/ssl.py", Old: loadAnchor, New: loadAnchor + loadCall, Why: why + " (in SSLContext.load_default_certs)"},
		{File: "Lib/ssl.py", Old: classAnchor, New: fmt.Sprintf(fallback, literal) + "\n" + classAnchor, Why: why},
	})
}

// pythonTuple writes paths as a Python tuple of string literals; a path must be absolute
// and free of quotes and backslashes, which need no escaping then.
func pythonTuple(paths []string) (string, error) {
	quoted := make([]string, len(paths))
	for i, p := range paths {
		if !filepath.IsAbs(p) || strings.ContainsAny(p, "'\"\\\n") {
			return "", fmt.Errorf("CA bundle %q: want an absolute path without quotes or backslashes", p)
		}
		quoted[i] = "'" + p + "'"
	}
	return "(" + strings.Join(quoted, ", ") + ",)", nil
}
