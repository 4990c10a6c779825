import platform
import unittest

from ext import _sum


class ExtensionBuiltByBazel(unittest.TestCase):
    def test_it_is_called(self):
        self.assertEqual(_sum.add(40, 2), 42)

    def test_it_was_compiled_against_this_interpreters_headers(self):
        self.assertEqual(_sum.headers_version(), platform.python_version())


if __name__ == "__main__":
    unittest.main()
