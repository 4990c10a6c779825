"""No file of the install tree names the machine or the build that made it.

Every file is read as bytes (text, .pyc, ELF, archives): none may hold a path of Bazel's
output base, execroot or sandbox, of the builder's scratch folder, of the workspace, or
the machine's host name. The test runs on the interpreter under test, from its runfiles,
where the whole install tree is (its python_install output group); the output base and
the workspace are read off the runfiles links, the scratch folder from the builder that
runs the test (RULES_CPYTHON_SCRATCH_FOLDER, its one definition).
"""

import os
import socket
import sys
import tempfile
import unittest

# What Bazel calls its own folders.
BAZEL_MARKERS = [b"/execroot/", b"bazel-out/", b"/sandbox/", b"processwrapper-sandbox", b"linux-sandbox"]


def files_below(top):
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.isfile(path):
                yield path


def needles():
    found = {marker.decode(): marker for marker in BAZEL_MARKERS}
    found["the builder's scratch folder"] = os.environ["RULES_CPYTHON_SCRATCH_FOLDER"].encode()
    real = os.path.realpath(sys.executable)
    output_base = real.split("/execroot/")[0]
    found["the output base"] = output_base.encode()
    workspace = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    found["the workspace"] = (workspace + "/").encode()
    host = socket.gethostname()
    # A short host name ("vm") is a substring of too much to be told apart.
    if len(host) >= 6:
        found["the host name"] = host.encode()
    return found


def scan(tree, wanted):
    """Returns how many files below tree were read, and a line per needle found."""
    hits = []
    scanned = 0
    for path in files_below(tree):
        with open(path, "rb") as f:
            data = f.read()
        scanned += 1
        for what, needle in wanted.items():
            at = data.find(needle)
            if at >= 0:
                context = data[max(0, at - 40):at + len(needle) + 40]
                hits.append("%s: %s at byte %d: %r" % (os.path.relpath(path, tree), what, at, context))
    return scanned, hits


class NoBuildPaths(unittest.TestCase):
    def test_the_scan_finds_a_planted_scratch_path(self):
        with tempfile.TemporaryDirectory(dir=os.environ.get("TEST_TMPDIR")) as tree:
            os.makedirs(os.path.join(tree, "lib"))
            scratch = os.environ["RULES_CPYTHON_SCRATCH_FOLDER"]
            with open(os.path.join(tree, "lib", "_ssl.so"), "wb") as f:
                f.write(b"\x7fELF\0compiler: gcc --sysroot=" + scratch.encode() + b"/openssl/inputs/x\0")
            with open(os.path.join(tree, "lib", "clean.py"), "wb") as f:
                f.write(b"print('nothing of the build')\n")
            scanned, hits = scan(tree, needles())
        self.assertEqual(scanned, 2)
        self.assertEqual(len(hits), 1, hits)
        self.assertTrue(hits[0].startswith("lib/_ssl.so: the builder's scratch folder at byte"), hits)

    def test_no_installed_file_names_the_build(self):
        tree = os.path.dirname(os.path.dirname(os.path.abspath(sys.executable)))
        scanned, hits = scan(tree, needles())
        self.assertGreater(scanned, 1000, "the install tree is not in the runfiles")
        self.assertEqual(hits, [], "\n" + "\n".join(hits))


if __name__ == "__main__":
    unittest.main()
