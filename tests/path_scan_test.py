"""No file of the install tree names the machine or the build that made it.

Every file is read as bytes (text, .pyc, ELF, archives): none may hold a path of Bazel's
output base, execroot or sandbox, of the builder's scratch or temporary folders, of the
workspace, or the machine's host name. The test runs on the interpreter under test, from
its runfiles, where the whole install tree is (its python_install output group); the
output base and the workspace are read off the runfiles links.
"""

import os
import socket
import sys
import unittest

# What the builder's scratch and temporary folders are called (tools/builder/internal/scratch).
BUILD_MARKERS = [b".scratch-", b"/tmp/rules_cpython-", b"/execroot/", b"bazel-out/",
                 b"/sandbox/", b"processwrapper-sandbox", b"linux-sandbox"]


def files_below(top):
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.isfile(path):
                yield path


def needles():
    found = {marker.decode(): marker for marker in BUILD_MARKERS}
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


class NoBuildPaths(unittest.TestCase):
    def test_no_installed_file_names_the_build(self):
        tree = os.path.dirname(os.path.dirname(os.path.abspath(sys.executable)))
        wanted = needles()
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
        self.assertGreater(scanned, 1000, "the install tree is not in the runfiles")
        self.assertEqual(hits, [], "\n" + "\n".join(hits))


if __name__ == "__main__":
    unittest.main()
