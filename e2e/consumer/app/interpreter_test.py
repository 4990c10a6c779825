"""py_test runs on rules_cpython's interpreter: the toolchain's, not the machine's python3."""

import os
import platform
import ssl
import sys
import unittest

from app.greeting import greeting


class RunsOnTheInterpreterBuiltFromSource(unittest.TestCase):
    def test_the_executable_is_in_the_install_tree(self):
        executable = os.path.realpath(sys.executable)
        minor = "%d.%d" % sys.version_info[:2]
        self.assertTrue(executable.endswith("/python_install/bin/python" + minor), executable)
        self.assertNotEqual(executable, os.path.realpath("/usr/bin/python3"))
        self.assertTrue(os.path.isfile(os.path.join(sys.prefix, "lib", "python" + minor, "os.py")), sys.prefix)

    def test_it_is_the_pinned_release(self):
        self.assertEqual(platform.python_version(), os.environ["EXPECT_PYTHON"])

    def test_the_optional_modules_import(self):
        import ctypes
        import decimal
        import sqlite3

        self.assertEqual(ctypes.c_int(7).value, 7)
        self.assertEqual(str(decimal.Decimal(1) / 4), "0.25")
        self.assertEqual(sqlite3.connect(":memory:").execute("select 6 * 7").fetchone(), (42,))

    def test_openssl_is_the_pinned_one(self):
        # Not the host's: the table's release (BUILD.bazel passes it), built from source.
        self.assertTrue(ssl.OPENSSL_VERSION.startswith("OpenSSL %s " % os.environ["EXPECT_OPENSSL"]), ssl.OPENSSL_VERSION)

    def test_a_py_library_dependency_imports(self):
        self.assertEqual(greeting("you"), "Hello, you, from Python " + platform.python_version())


if __name__ == "__main__":
    unittest.main()
