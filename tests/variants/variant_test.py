"""Checks that an interpreter was built the way its settings say.

Environment (all optional):
  EXPECT_CONFIG_ARGS   configure arguments CONFIG_ARGS must contain, separated by |
  REJECT_CONFIG_ARGS   configure arguments it must not contain, separated by |
  EXPECT_ABIFLAGS      sys.abiflags
  EXPECT_VERSION       the start of platform.python_version()
  EXPECT_PYTHON        Python expressions that must be true, separated by |
"""

import os
import shlex
import sys
import sysconfig
import unittest


def _list(name):
    value = os.environ.get(name, "")
    return [item for item in value.split("|") if item]


class BuiltAsConfigured(unittest.TestCase):
    def setUp(self):
        self.config_args = shlex.split(sysconfig.get_config_var("CONFIG_ARGS") or "")

    def test_config_args(self):
        for arg in _list("EXPECT_CONFIG_ARGS"):
            self.assertIn(arg, self.config_args)
        for arg in _list("REJECT_CONFIG_ARGS"):
            self.assertNotIn(arg, self.config_args)

    def test_abiflags(self):
        if "EXPECT_ABIFLAGS" in os.environ:
            self.assertEqual(os.environ["EXPECT_ABIFLAGS"], sys.abiflags)

    def test_version(self):
        import platform

        self.assertTrue(platform.python_version().startswith(os.environ.get("EXPECT_VERSION", "3.")))

    def test_expressions(self):
        for expression in _list("EXPECT_PYTHON"):
            with self.subTest(expression=expression):
                self.assertTrue(eval(expression), expression)


if __name__ == "__main__":
    unittest.main(verbosity=2)
