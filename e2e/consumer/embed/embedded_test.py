import json
import os
import platform
import sqlite3
import ssl
import subprocess
import unittest


class EmbeddedInterpreter(unittest.TestCase):
    def test_it_runs_from_the_runfiles_with_the_same_libraries(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        out = subprocess.run([os.environ["EMBEDDED"]], env=env, check=True, capture_output=True, text=True).stdout
        print(out)
        found = json.loads(out)
        # The pinned OpenSSL (rules_cpython's table, through the BUILD file).
        self.assertTrue(found["openssl"].startswith("OpenSSL %s " % os.environ["EXPECT_OPENSSL"]), found)
        self.assertEqual(found["openssl"], ssl.OPENSSL_VERSION)
        self.assertEqual(found["sqlite"], sqlite3.sqlite_version)
        self.assertEqual(found["version"], platform.python_version())
        self.assertTrue(os.path.isfile(os.path.join(found["prefix"], "lib", "python%d.%d" % tuple(map(int, found["version"].split(".")[:2])), "os.py")))


if __name__ == "__main__":
    unittest.main()
