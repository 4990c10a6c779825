"""ssl.create_default_context() and urllib.request verify a server whose CA is installed
the way each Linux distribution installs CA certificates.

For each layout, a child process makes a private mount namespace, mounts a folder that
holds only that layout's files over /etc, and connects to a local TLS server signed by
CPython's own test CA (Lib/test/certdata/pycacert.pem). SSL_CERT_FILE and SSL_CERT_DIR are
removed from its environment, so a pass means the layout's own store was found. A layout
without the CA fails with the error a user would see, and a variable set by the user
wins over the distribution's bundle.

What each distribution's store looks like (after update-ca-certificates, update-ca-trust
or trust extract, with the CA added), written here from the distributions' own layouts
and independent of the list the rules search: OpenSSL's hashed names are left out (they
need OpenSSL's subject hash), so Debian's and openSUSE's stores are found through their
bundles.
"""

import ctypes
import http.server
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import unittest

import test

CERTDATA = os.path.join(os.path.dirname(test.__file__), "certdata")
CA = os.path.join(CERTDATA, "pycacert.pem")
SERVER_CERT_AND_KEY = os.path.join(CERTDATA, "keycert3.pem")  # CN=localhost, signed by CA
OTHER_CA = os.path.join(CERTDATA, "leaf-missing-aki.ca.pem")

# Every layout: what the resolver needs to find localhost.
BASE = {
    "hosts": ("file", "127.0.0.1 localhost\n"),
    "nsswitch.conf": ("file", "hosts: files\n"),
}

# Fedora 43 and earlier (update-ca-trust).
_FEDORA_43 = {
    "pki/ca-trust/source/anchors/python-test-ca.pem": ("ca", None),
    "pki/ca-trust/extracted/pem/tls-ca-bundle.pem": ("bundle", None),
    "pki/tls/certs/ca-bundle.crt": ("link", "../../ca-trust/extracted/pem/tls-ca-bundle.pem"),
    "pki/tls/cert.pem": ("link", "../ca-trust/extracted/pem/tls-ca-bundle.pem"),
    "ssl/certs": ("link", "../pki/tls/certs"),
    "ssl/cert.pem": ("link", "../pki/tls/cert.pem"),
}

# layout name: {path below /etc: ("bundle", None) | ("ca", None) | ("link", target) | ("dir", None)}
LAYOUTS = {
    "debian-ubuntu": {
        "ssl/certs/ca-certificates.crt": ("bundle", None),
        "ssl/certs/python-test-ca.pem": ("ca", None),
        "ca-certificates.conf": ("file", "python-test-ca.crt\n"),
    },
    "alpine": {
        "ssl/certs/ca-certificates.crt": ("bundle", None),
        "ssl/cert.pem": ("link", "certs/ca-certificates.crt"),
    },
    "fedora-43": _FEDORA_43,
    # Fedora 44 dropped cert.pem ("Dropping of cert.pem file").
    "fedora-44": {path: what for path, what in _FEDORA_43.items() if not path.endswith("cert.pem")},
    # RHEL, Alma and Rocky 8 to 10: no /etc/ssl/cert.pem.
    "rhel": {path: what for path, what in _FEDORA_43.items() if path != "ssl/cert.pem"},
    "opensuse": {
        "pki/trust/anchors/python-test-ca.pem": ("ca", None),
        "ssl/ca-bundle.pem": ("bundle", None),
        "ssl/certs": ("dir", None),
    },
    # A store without the test CA.
    "without-the-ca": {
        "ssl/certs": ("dir", None),
    },
}

# Runs in the child: a private mount namespace with the layout over /etc, then one TLS
# connection and one HTTPS request. Prints a JSON object: what each attempt raised, or "ok".
CLIENT = r"""
import ctypes, json, os, socket, ssl, sys, urllib.request
layout, port = sys.argv[1], int(sys.argv[2])
libc = ctypes.CDLL(None, use_errno=True)
os.unshare(os.CLONE_NEWNS)
MS_BIND = 4096
if libc.mount(layout.encode(), b"/etc", None, MS_BIND, None) != 0:
    sys.exit("mounting %s over /etc: errno %d" % (layout, ctypes.get_errno()))
results = {"etc": sorted(os.listdir("/etc"))}
try:
    context = ssl.create_default_context()
    with socket.create_connection(("127.0.0.1", port), timeout=20) as raw:
        with context.wrap_socket(raw, server_hostname="localhost"):
            pass
    results["ssl"] = "ok"
except Exception as e:
    results["ssl"] = "%s: %s" % (type(e).__name__, e)
try:
    with urllib.request.urlopen("https://localhost:%d/" % port, timeout=20) as response:
        results["urllib"] = "ok" if response.read() == b"hello" else "wrong body"
except Exception as e:
    results["urllib"] = "%s: %s" % (type(e).__name__, getattr(e, "reason", e))
print(json.dumps(results))
"""


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args):
        pass


def root_mount_is_private():
    """Whether a mount made in a new mount namespace stays there: the chroot's root mount
    (the parent of its top mounts, seen in init's mount table) must not be shared."""
    with open("/proc/self/mountinfo") as f:
        mine = [line.split() for line in f]
    ids = {fields[0] for fields in mine}
    parents = {fields[1] for fields in mine if fields[1] not in ids}
    with open("/proc/1/mountinfo") as f:
        for line in f:
            fields = line.split()
            if fields[0] in parents or (not parents and fields[4] == "/"):
                optional = fields[6:fields.index("-")]
                if any(o.startswith("shared:") for o in optional):
                    return False
    return True


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that refused the certificate hangs up mid-handshake: expected


class CABundles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not root_mount_is_private():
            raise AssertionError("the root mount is shared: a mount over /etc in the test's own namespace would reach the machine's")
        cls.work = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(SERVER_CERT_AND_KEY)
        cls.server = QuietServer(("127.0.0.1", 0), Hello)
        cls.server.socket = context.wrap_socket(cls.server.socket, server_side=True)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.env = {k: v for k, v in os.environ.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def make_layout(self, name):
        etc = os.path.join(self.work, name, "etc")
        with open(CA) as f:
            ca = f.read()
        with open(OTHER_CA) as f:
            other = f.read()
        for path, (kind, value) in dict(BASE, **LAYOUTS[name]).items():
            full = os.path.join(etc, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            if kind == "dir":
                os.makedirs(full, exist_ok=True)
            elif kind == "link":
                os.symlink(value, full)
            else:
                text = {"bundle": other + ca, "ca": ca, "file": value}[kind]
                with open(full, "w") as f:
                    f.write(text)
        return etc

    def connect(self, name, **env):
        etc = os.path.join(self.work, name, "etc")
        if not os.path.isdir(etc):
            self.make_layout(name)
        result = subprocess.run(
            [sys.executable, "-c", CLIENT, etc, str(self.server.server_address[1])],
            env=dict(self.env, **env), capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_each_distributions_store_verifies_the_server(self):
        for name in LAYOUTS:
            if name == "without-the-ca":
                continue
            with self.subTest(layout=name):
                got = self.connect(name)
                expected_etc = sorted({p.split("/")[0] for p in dict(BASE, **LAYOUTS[name])})
                self.assertEqual(got["etc"], expected_etc, "only the layout's files are under /etc")
                self.assertEqual(got["ssl"], "ok", "ssl.create_default_context() with %s's store" % name)
                self.assertEqual(got["urllib"], "ok", "urllib.request with %s's store" % name)

    def test_without_the_ca_the_user_sees_the_verification_error(self):
        got = self.connect("without-the-ca")
        for how in ["ssl", "urllib"]:
            self.assertIn("certificate verify failed: unable to get local issuer certificate", got[how], how)

    def test_ssl_cert_file_of_the_user_wins(self):
        got = self.connect("without-the-ca", SSL_CERT_FILE=CA)
        self.assertEqual((got["ssl"], got["urllib"]), ("ok", "ok"), "SSL_CERT_FILE naming the CA")
        got = self.connect("fedora-44", SSL_CERT_FILE=OTHER_CA)
        self.assertIn("certificate verify failed", got["ssl"],
                      "SSL_CERT_FILE naming another CA: the distribution's bundle must not be added")

    def test_ssl_cert_dir_of_the_user_wins(self):
        empty = os.path.join(self.work, "empty certs")
        os.makedirs(empty, exist_ok=True)
        got = self.connect("fedora-44", SSL_CERT_DIR=empty)
        self.assertIn("certificate verify failed", got["ssl"], "SSL_CERT_DIR set by the user")


if __name__ == "__main__":
    unittest.main()
