"""The install tree runs, and builds extensions, from wherever it is copied.

The test runs on the interpreter under test, from its runfiles, where the whole install
tree is (through the interpreter's python_install output group). The test copies
the tree to a folder whose path has spaces and checks what a user who copies it meets:
its prefix, sysconfig, python3-config, pkg-config, an extension module compiled with
those flags, venvs (from the copy, and from a link to it in another folder, which is how
`bazel run //:python -- -m venv` starts it), and an argv[0] that does not lead to it.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
import unittest

# Fixed by the build: the tree's layout below its prefix.
MINOR = "%d.%d" % sys.version_info[:2]


def copy_tree(src, dest):
    """Copies a runfiles tree: links into the execroot (absolute) are followed, the
    tree's own links (relative) are kept as links."""
    os.makedirs(dest, exist_ok=True)
    for name in sorted(os.listdir(src)):
        s, d = os.path.join(src, name), os.path.join(dest, name)
        if os.path.islink(s) and not os.path.isabs(os.readlink(s)):
            os.symlink(os.readlink(s), d)
        elif os.path.isdir(s):
            copy_tree(s, d)
        else:
            shutil.copy2(s, d, follow_symlinks=True)
            os.chmod(d, os.stat(d).st_mode | 0o200)


def flags(output):
    """Splits a config tool's output into flags: each starts with '-' after a space, so
    that a path with spaces stays one flag (no shell quoting is involved)."""
    out = []
    for word in output.strip().split(" "):
        if word.startswith("-") or not out:
            out.append(word)
        else:
            out[-1] += " " + word
    return out


class Relocated(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        original = os.path.dirname(os.path.dirname(os.path.abspath(sys.executable)))
        cls.work = tempfile.mkdtemp(prefix="relocation ", dir=os.environ.get("TEST_TMPDIR"))
        cls.prefix = os.path.join(cls.work, "copied tree", "python")
        copy_tree(original, cls.prefix)
        cls.python = os.path.join(cls.prefix, "bin", "python3")
        cls.env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        cls.env["PYTHONDONTWRITEBYTECODE"] = "1"

    def run_python(self, *args, python=None, **kwargs):
        result = subprocess.run(
            [python or self.python, *args], env=self.env, capture_output=True, text=True, **kwargs
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def assertInCopy(self, path, what):
        self.assertTrue(
            os.path.realpath(path).startswith(os.path.realpath(self.prefix) + os.sep) or
            os.path.realpath(path) == os.path.realpath(self.prefix),
            "%s is %r, not inside the copy %r" % (what, path, self.prefix))

    def test_the_tree_is_complete_as_make_install_makes_it(self):
        for name in ["python", "python3", "python" + MINOR, "python%s-config" % MINOR,
                     "python3-config", "pydoc3", "idle3"]:
            self.assertTrue(os.path.exists(os.path.join(self.prefix, "bin", name)), name)
        pc = os.listdir(os.path.join(self.prefix, "lib", "pkgconfig"))
        self.assertIn("python3-embed.pc", pc)
        leftovers = [n for n in os.listdir(os.path.join(self.prefix, "bin")) if n.endswith(".params")]
        self.assertEqual(leftovers, [], "the action's params file is not part of the tree")

    def test_libpython_is_linked_as_the_build_says(self):
        """With a shared libpython (EXPECT_SHARED_LIBPYTHON=1), the copy's binary loads the
        copy's own lib/libpython3.X.so (through its $ORIGIN run path, not the original
        tree's nor an environment variable); otherwise no libpython is loaded at all."""
        shared = os.environ["EXPECT_SHARED_LIBPYTHON"] == "1"
        env = {k: v for k, v in self.env.items() if k != "LD_LIBRARY_PATH"}
        result = subprocess.run(
            [self.python, "-c", "import sysconfig; print(sysconfig.get_config_var('Py_ENABLE_SHARED')); "
             "print(open('/proc/self/maps').read())"],
            env=env, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        enabled, maps = result.stdout.split("\n", 1)
        self.assertEqual(enabled, "1" if shared else "0", "sysconfig's Py_ENABLE_SHARED")
        loaded = sorted({line.split(None, 5)[-1] for line in maps.splitlines()
                         if len(line.split(None, 5)) == 6 and "/libpython" in line})
        if not shared:
            self.assertEqual(loaded, [], "a static build loads no libpython")
            return
        self.assertEqual(len(loaded), 1, loaded)
        self.assertInCopy(loaded[0], "the loaded libpython")
        self.assertEqual(os.path.basename(loaded[0]), "libpython%s%s.so.1.0" % (MINOR, sys.abiflags))

    def test_prefix_and_sysconfig_follow_the_copy(self):
        code = textwrap.dedent("""
            import json, sys, sysconfig
            print(json.dumps({
                "prefix": sys.prefix, "exec_prefix": sys.exec_prefix,
                "paths": sysconfig.get_paths(),
                "vars": {k: sysconfig.get_config_var(k) for k in
                         ["prefix", "LIBDIR", "INCLUDEPY", "LIBPL", "BINDIR", "LIBDEST"]},
            }))
        """)
        import json
        got = json.loads(self.run_python("-c", code))
        self.assertInCopy(got["prefix"], "sys.prefix")
        self.assertInCopy(got["exec_prefix"], "sys.exec_prefix")
        for key, path in got["paths"].items():
            self.assertInCopy(path, "sysconfig.get_paths()[%r]" % key)
        for key, path in got["vars"].items():
            self.assertInCopy(path, "sysconfig.get_config_var(%r)" % key)

    def test_python3_config_and_pkg_config_name_the_copy(self):
        config = os.path.join(self.prefix, "bin", "python3-config")
        for option in ["--prefix", "--includes", "--ldflags --embed", "--configdir"]:
            out = subprocess.run(["/bin/sh", config, *option.split()], env=self.env,
                                 capture_output=True, text=True, check=True).stdout
            paths = [f[2:] if f[:2] in ("-I", "-L") else f for f in flags(out) if "/" in f]
            self.assertTrue(paths, "python3-config %s printed no path: %r" % (option, out))
            for path in paths:
                self.assertInCopy(path, "python3-config %s" % option)
        env = dict(self.env, PKG_CONFIG_PATH=os.path.join(self.prefix, "lib", "pkgconfig"), PKG_CONFIG_LIBDIR="")
        out = subprocess.run(["pkg-config", "--cflags", "--libs", "python3-embed"], env=env,
                             capture_output=True, text=True, check=True).stdout
        include = [f[2:] for f in flags(out.replace("\\ ", " ")) if f.startswith("-I")]
        self.assertTrue(include, out)
        for path in include:
            self.assertInCopy(path, "pkg-config --cflags python3-embed")

    def test_an_extension_built_with_the_copys_flags_imports(self):
        build = os.path.join(self.work, "extension build")
        os.makedirs(build)
        with open(os.path.join(build, "spam.c"), "w") as f:
            f.write(textwrap.dedent("""
                #define PY_SSIZE_T_CLEAN
                #include <Python.h>
                static PyObject *twice(PyObject *self, PyObject *arg) {
                    long n = PyLong_AsLong(arg);
                    return PyErr_Occurred() ? NULL : PyLong_FromLong(2 * n);
                }
                static PyMethodDef methods[] = {{"twice", twice, METH_O, NULL}, {NULL}};
                static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "spam", NULL, -1, methods};
                PyMODINIT_FUNC PyInit_spam(void) { return PyModule_Create(&module); }
            """))
        config = os.path.join(self.prefix, "bin", "python3-config")
        includes = subprocess.run(["/bin/sh", config, "--includes"], capture_output=True, text=True, check=True).stdout
        suffix = subprocess.run(["/bin/sh", config, "--extension-suffix"], capture_output=True, text=True, check=True).stdout.strip()
        cc = shlex.split(sysconfig.get_config_var("CC") or "cc")[0]
        if not shutil.which(cc, path=self.env.get("PATH")):
            cc = "cc"
        subprocess.run([cc, "-shared", "-fPIC", *flags(includes), "spam.c", "-o", "spam" + suffix],
                       cwd=build, env=self.env, check=True)
        self.assertEqual(self.run_python("-c", "import spam; print(spam.twice(21))", cwd=build), "42")

    def test_venvs_from_the_copy_and_from_a_link_elsewhere_run_pip(self):
        elsewhere = os.path.join(self.work, "bazel-bin like")
        os.makedirs(elsewhere)
        link = os.path.join(elsewhere, "python")
        os.symlink(os.path.join(self.prefix, "bin", "python" + MINOR), link)
        for name, python in [("from the copy", self.python), ("from a link", link)]:
            with self.subTest(name):
                venv = os.path.join(self.work, "venv " + name)
                self.run_python("-m", "venv", venv, python=python)
                venv_python = os.path.join(venv, "bin", "python")
                self.assertIn("pip ", self.run_python("-m", "pip", "--version", python=venv_python))
                base = self.run_python("-c", "import sys; print(sys.base_prefix)", python=venv_python)
                self.assertInCopy(base, "the venv's sys.base_prefix")

    def test_pip_scripts_run_from_the_copy_and_through_a_link(self):
        """With ensurepip (EXPECT_PIP=1), bin/pip3 and bin/pip3.X run the copy's python
        and its pip, also through a link from another folder; without, there is none.
        Python scripts of bin/ name no absolute interpreter in their first line."""
        expected = os.environ["EXPECT_PIP"] == "1"
        bin_dir = os.path.join(self.prefix, "bin")
        scripts = ["pip3", "pip" + MINOR]
        self.assertEqual([os.path.exists(os.path.join(bin_dir, s)) for s in scripts], [expected] * 2, os.listdir(bin_dir))
        for name in os.listdir(bin_dir):
            path = os.path.join(bin_dir, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                first = f.readline()
            if first.startswith(b"#!"):
                self.assertNotIn(b"python", first, "bin/%s starts with %r" % (name, first))
        if not expected:
            return
        elsewhere = os.path.join(self.work, "on PATH")
        os.makedirs(elsewhere, exist_ok=True)
        os.symlink(os.path.join(bin_dir, "pip3"), os.path.join(elsewhere, "pip3"))
        for pip in [os.path.join(bin_dir, s) for s in scripts] + [os.path.join(elsewhere, "pip3")]:
            with self.subTest(pip=pip):
                out = self.run_python("--version", python=pip)
                self.assertRegex(out, r"^pip \S+ from .* \(python %s\)$" % re.escape(MINOR))
                self.assertInCopy(out.split(" from ", 1)[1].rsplit(" (python", 1)[0], "the pip that bin/pip3 runs")

    def test_cpythons_own_tests_pass_from_the_copy(self):
        """CPython's tests named in RUN_STDLIB_TESTS (of sys.executable, getpath,
        embedding, venv, sysconfig, ssl) pass when run by the copy."""
        tests = os.environ["RUN_STDLIB_TESTS"].split()
        if not tests:
            return
        result = subprocess.run(
            [self.python, "-m", "test", "--timeout=1200", "--rerun", *tests],
            env=self.env, capture_output=True, text=True, cwd=self.work)
        self.assertEqual(result.returncode, 0, result.stdout[-8000:] + result.stderr[-4000:])
        self.assertIn("Result: SUCCESS", result.stdout)

    def test_an_unrelated_argv0_still_finds_the_prefix(self):
        binary = os.path.join(self.prefix, "bin", "python" + MINOR)
        other = shutil.which("python3", path="/usr/bin:/bin") or "/usr/bin/python3"
        for argv0 in ["unrelated-name", other, "/nonexistent/python"]:
            with self.subTest(argv0=argv0):
                result = subprocess.run(
                    [argv0, "-c", "import sys, encodings; print(sys.prefix)"],
                    executable=binary, env=self.env, capture_output=True, text=True)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertInCopy(result.stdout.strip(), "sys.prefix with argv[0] %r" % argv0)


if __name__ == "__main__":
    unittest.main()
