"""Checks that an interpreter was built the way its settings say.

Environment (all optional):
  EXPECT_CONFIG_ARGS   configure arguments CONFIG_ARGS must contain, separated by |
  REJECT_CONFIG_ARGS   configure arguments it must not contain, separated by |
  EXPECT_ABIFLAGS      sys.abiflags
  EXPECT_VERSION       the start of platform.python_version()
  EXPECT_PYTHON        Python expressions that must be true, separated by |
  EXPECT_SECTIONS      ELF sections the interpreter's binary must have, separated by |
  REJECT_SECTIONS      ELF sections it must not have, separated by |
"""

import os
import shlex
import struct
import sys
import sysconfig
import unittest


def _list(name):
    value = os.environ.get(name, "")
    return [item for item in value.split("|") if item]


def elf_sections(path):
    """The section names of a 64-bit little-endian ELF file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x7fELF\x02\x01":
        raise ValueError("%s is not a 64-bit little-endian ELF file" % path)
    (section_headers,) = struct.unpack_from("<Q", data, 0x28)
    entry_size, count, names_index = struct.unpack_from("<HHH", data, 0x3A)

    def name_and_offset(index):
        name, _type, _flags, _addr, offset = struct.unpack_from("<IIQQQ", data, section_headers + index * entry_size)
        return name, offset

    names_offset = name_and_offset(names_index)[1]
    names = []
    for index in range(count):
        start = names_offset + name_and_offset(index)[0]
        names.append(data[start : data.index(b"\0", start)].decode())
    return names


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

    def test_sections(self):
        sections = elf_sections(os.path.realpath(sys.executable))
        self.assertIn(".text", sections)
        for section in _list("EXPECT_SECTIONS"):
            self.assertIn(section, sections)
        for section in _list("REJECT_SECTIONS"):
            self.assertNotIn(section, sections)

    def test_expressions(self):
        for expression in _list("EXPECT_PYTHON"):
            with self.subTest(expression=expression):
                self.assertTrue(eval(expression), expression)


if __name__ == "__main__":
    unittest.main(verbosity=2)
