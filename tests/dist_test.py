"""The distribution archive: deterministic, complete, with a manifest that tells the truth.

Run on the interpreter the archive was made from (DIST is the archive, SCHEMA
docs/dist-manifest.schema.json, EXPECT_MODULES the modules the rules' table says a library
backs). The manifest is checked against the schema, and against this interpreter: every
extension module it has, with the right linkage; its version and configure arguments.
The archive is unpacked and its interpreter started from there.
"""

import json
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import unittest


def validate(value, schema, root, where="$"):
    """The subset of JSON Schema the manifest's schema uses; returns the errors."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return validate(value, root["$defs"][name], root, where)
    errors = []
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "integer": int}
    if "type" in schema and not isinstance(value, types[schema["type"]]):
        return ["%s: %r is not of type %s" % (where, value, schema["type"])]
    if "enum" in schema and value not in schema["enum"]:
        errors.append("%s: %r is not one of %r" % (where, value, schema["enum"]))
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append("%s: %r does not match %s" % (where, value, schema["pattern"]))
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append("%s: %s is missing" % (where, key))
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                errors += validate(item, properties[key], root, "%s.%s" % (where, key))
            elif extra is False:
                errors.append("%s: %s is not allowed" % (where, key))
            elif isinstance(extra, dict):
                errors += validate(item, extra, root, "%s.%s" % (where, key))
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append("%s: fewer than %d items" % (where, schema["minItems"]))
        for i, item in enumerate(value):
            errors += validate(item, schema.get("items", {}), root, "%s[%d]" % (where, i))
    return errors


class Dist(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.archive = tarfile.open(os.environ["DIST"], "r:gz")
        cls.members = cls.archive.getmembers()
        cls.names = {m.name for m in cls.members}
        cls.manifest = json.load(cls.archive.extractfile("PYTHON.json"))
        with open(os.environ["SCHEMA"]) as f:
            cls.schema = json.load(f)

    def test_the_schema_catches_what_it_should(self):
        broken = dict(self.manifest, interpreter="/usr/bin/python3")
        del broken["libraries"]
        errors = validate(broken, self.schema, self.schema)
        self.assertTrue(any("libraries is missing" in e for e in errors), errors)
        self.assertTrue(any("interpreter" in e and "does not match" in e for e in errors), errors)

    def test_the_manifest_validates_against_the_schema(self):
        self.assertEqual(validate(self.manifest, self.schema, self.schema), [])

    def test_members_are_sorted_and_carry_no_owner_or_time_of_their_own(self):
        names = [m.name.rstrip("/") for m in self.members]
        self.assertEqual(names[0], "PYTHON.json")
        self.assertEqual(names[1:], sorted(names[1:]))
        self.assertEqual({m.mtime for m in self.members}.__len__(), 1, "one mtime for every member")
        self.assertEqual({(m.uid, m.gid, m.uname, m.gname) for m in self.members}, {(0, 0, "", "")})
        absolute = [m.name for m in self.members if m.issym() and m.linkname.startswith("/")]
        self.assertEqual(absolute, [])

    def test_programs_are_executable_and_modules_and_headers_are_not(self):
        # Bazel leaves the owner's execute bit on every file of a tree it took from a
        # cache: the modes here must be the build's, not what the tree on disk shows.
        modes = {m.name: m.mode for m in self.members if m.isfile()}
        stdlib = "python/" + os.path.relpath(sysconfig.get_path("stdlib"), sys.prefix)
        include = "python/" + os.path.relpath(sysconfig.get_path("include"), sys.prefix)
        self.assertEqual(modes[self.manifest["interpreter"]], 0o755)
        self.assertEqual(modes[stdlib + "/os.py"], 0o644)
        self.assertEqual(modes[include + "/Python.h"], 0o644)
        dynload = [n for n in modes if n.startswith(stdlib + "/lib-dynload/") and n.endswith(".so")]
        self.assertTrue(dynload)
        self.assertEqual({modes[n] for n in dynload}, {0o755})
        self.assertEqual(set(modes.values()), {0o644, 0o755})

    def test_every_extension_module_is_listed_with_its_linkage(self):
        listed = {m["name"]: m for m in self.manifest["extension_modules"]}
        dynload = "python/" + os.path.relpath(sysconfig.get_path("platstdlib"), sys.prefix) + "/lib-dynload/"
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        shared = {n[len(dynload):-len(suffix)] for n in self.names if n.startswith(dynload) and n.endswith(suffix)}
        self.assertTrue(shared)
        for name in shared:
            self.assertIn(name, listed, "lib-dynload has %s" % name)
            self.assertEqual(listed[name]["linkage"], "shared", name)
        for name in os.environ["EXPECT_MODULES"].split(","):
            self.assertIn(name, listed)
        for name, m in listed.items():
            if m["linkage"] == "builtin":
                self.assertIn(name, sys.builtin_module_names)
        self.assertEqual(listed["_ssl"]["libraries"], ["openssl"])

    def test_the_manifest_says_what_this_interpreter_is(self):
        m = self.manifest
        self.assertEqual(m["python_version"], "%d.%d.%d" % sys.version_info[:3])
        self.assertEqual(m["python_abiflags"], sys.abiflags)
        self.assertIn(m["interpreter"], self.names)
        config_args = sysconfig.get_config_var("CONFIG_ARGS")
        for arg in m["configure_args"]:
            if "/build" not in arg:
                self.assertIn(arg, config_args)
        self.assertEqual(m["target_triple"], sysconfig.get_config_var("MULTIARCH"))
        for key, path in m["sysconfig_paths"].items():
            self.assertTrue(path in self.names or path + "/" in self.names, "%s: %s is not in the archive" % (key, path))
        names = {s["name"] for s in m["libraries"]}
        self.assertIn("openssl", names)
        for source in [m["python_source"]] + m["libraries"]:
            for path in source["license_files"]:
                self.assertIn(path, self.names)
        self.assertEqual(m["build_settings"]["version"], "%d.%d" % sys.version_info[:2])

    def test_the_unpacked_archive_runs(self):
        dest = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))
        self.archive.extractall(dest, filter="tar")
        python = os.path.join(dest, "python", "bin", "python3")
        out = subprocess.run([python, "-c", "import ssl, sqlite3, sys; print(sys.prefix)"],
                             capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(os.path.realpath(out.stdout.strip()), os.path.realpath(os.path.join(dest, "python")))


if __name__ == "__main__":
    unittest.main()
