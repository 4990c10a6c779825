"""What a user of the interpreter relies on: every optional module present and backed by
the pinned library, and each one doing real work.

Expected modules and library versions come from the environment (EXPECT_MODULES,
EXPECT_OPENSSL, EXPECT_SQLITE, EXPECT_TCL, EXPECT_NCURSES), set by the Bazel test from the rules'
table of libraries and the pinned sources.
"""

import importlib
import os
import sys
import threading
import unittest


class ModulesImport(unittest.TestCase):
    def test_every_optional_module_imports(self):
        # The modules the rules' table says a library backs (EXPECT_MODULES), then the
        # public modules a user imports.
        for name in os.environ["EXPECT_MODULES"].split(","):
            with self.subTest(module=name):
                importlib.import_module(name)
        import bz2, ctypes, curses, dbm.gnu, decimal, hashlib, lzma, readline  # noqa: F401
        import sqlite3, ssl, tkinter, uuid, zlib  # noqa: F401

    def test_dbm_ndbm_reads_what_it_wrote(self):
        # _dbm is optional to the module check (--//config:dbmliborder may leave it out);
        # with the default settings every release has it, through gdbm's compat library.
        import dbm.ndbm

        path = os.path.join(os.environ.get("TEST_TMPDIR", "/tmp"), "ndbm-smoke")
        with dbm.ndbm.open(path, "c") as db:
            db[b"k"] = b"v"
        with dbm.ndbm.open(path, "r") as db:
            self.assertEqual(db[b"k"], b"v")


class PinnedLibraries(unittest.TestCase):
    def test_openssl_version(self):
        import ssl

        self.assertIn("OpenSSL " + os.environ["EXPECT_OPENSSL"] + " ", ssl.OPENSSL_VERSION + " ")

    def test_sqlite_version(self):
        import sqlite3

        self.assertEqual(sqlite3.sqlite_version, os.environ["EXPECT_SQLITE"])

    def test_tcl_runs_headless(self):
        import tkinter

        tcl = tkinter.Tcl()
        self.assertEqual(tcl.eval("info patchlevel"), os.environ["EXPECT_TCL"])
        self.assertEqual(tcl.eval("expr {6 * 7}"), "42")
        # The script library was found: clock needs it and its time zone data.
        self.assertEqual(tcl.eval("clock format 0 -format %Y -timezone :UTC"), "1970")

    def test_decimal_is_the_c_implementation(self):
        import _decimal
        import decimal

        self.assertIs(decimal.Decimal, _decimal.Decimal)
        self.assertEqual(str(decimal.Decimal(1) / decimal.Decimal(8)), "0.125")

    def test_hashlib_uses_openssl(self):
        import hashlib

        self.assertEqual(hashlib.sha256.__name__, "openssl_sha256")
        self.assertEqual(
            hashlib.sha3_256(b"abc").hexdigest(),
            "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
        )

    def test_curses_is_wide_ncurses(self):
        import curses

        major, minor = os.environ["EXPECT_NCURSES"].split(".")[:2]
        self.assertEqual(curses.ncurses_version[:2], (int(major), int(minor)))
        self.assertTrue(hasattr(curses, "unget_wch"), "the wide-character API")

    def test_uuid_uses_libuuid(self):
        import _uuid
        import uuid

        self.assertEqual(uuid.uuid1().version, 1)
        self.assertTrue(callable(_uuid.generate_time_safe))

    def test_readline(self):
        import readline

        readline.add_history("first")
        self.assertEqual(readline.get_history_item(1), "first")


class RoundTrips(unittest.TestCase):
    DATA = b"rules_cpython " * 4096

    def test_zlib(self):
        import zlib

        self.assertEqual(zlib.decompress(zlib.compress(self.DATA, 9)), self.DATA)

    def test_bz2(self):
        import bz2

        self.assertEqual(bz2.decompress(bz2.compress(self.DATA)), self.DATA)

    def test_lzma(self):
        import lzma

        self.assertEqual(lzma.decompress(lzma.compress(self.DATA)), self.DATA)

    def test_sqlite_query(self):
        import sqlite3

        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
        con.execute("INSERT INTO t VALUES ('hermetic cpython')")
        self.assertEqual(con.execute("SELECT count(*) FROM t WHERE t MATCH 'cpython'").fetchone(), (1,))

    def test_ctypes_calls_libc(self):
        import ctypes

        libc = ctypes.CDLL(None)
        libc.strlen.restype = ctypes.c_size_t
        self.assertEqual(libc.strlen(b"hermetic"), 8)
        self.assertEqual(libc.abs(-7), 7)


class TLS(unittest.TestCase):
    def test_default_verify_paths_are_the_systems(self):
        import ssl

        paths = ssl.get_default_verify_paths()
        self.assertEqual(paths.openssl_capath, "/etc/ssl/certs")
        self.assertEqual(paths.openssl_cafile, "/etc/ssl/cert.pem")

    def test_handshake_with_a_local_server(self):
        import socket
        import ssl
        import test

        # CPython's own test certificates: a CA and a localhost certificate it signed.
        base = os.path.dirname(test.__file__)
        certdata = os.path.join(base, "certdata")
        if not os.path.isdir(certdata):
            certdata = base
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(os.path.join(certdata, "keycert3.pem"))
        client_ctx = ssl.create_default_context(cafile=os.path.join(certdata, "pycacert.pem"))

        listener = socket.create_server(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        received = []

        def serve():
            conn, _ = listener.accept()
            with server_ctx.wrap_socket(conn, server_side=True) as tls:
                received.append(tls.recv(64))
                tls.sendall(b"pong")

        thread = threading.Thread(target=serve)
        thread.start()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
                with client_ctx.wrap_socket(raw, server_hostname="localhost") as tls:
                    tls.sendall(b"ping")
                    self.assertEqual(tls.recv(64), b"pong")
                    self.assertIn(tls.version(), ("TLSv1.2", "TLSv1.3"))
        finally:
            thread.join(30)
            listener.close()
        self.assertEqual(received, [b"ping"])


class Relocatable(unittest.TestCase):
    def test_prefix_is_where_the_interpreter_is(self):
        exe_dir = os.path.dirname(os.path.realpath(sys.executable))
        self.assertEqual(os.path.realpath(sys.prefix), os.path.dirname(exe_dir))


class InstallTree(unittest.TestCase):
    """The install tree is read-only under Bazel: what is not compiled ahead is compiled
    again at every start."""

    def test_standard_library_is_compiled_at_every_optimization_level(self):
        import importlib.util
        import json

        for module in (os, json):
            for level in ("", 1, 2):
                cached = importlib.util.cache_from_source(module.__file__, optimization=level)
                self.assertTrue(os.path.isfile(cached), cached)

    def test_test_suite_is_installed_uncompiled(self):
        import test.support

        suite = os.path.dirname(os.path.dirname(test.support.__file__))
        self.assertTrue(os.path.isfile(os.path.join(suite, "test_ssl.py")))
        # make install would compile test_ssl at three optimization levels. Other tests
        # may leave .pyc files of what they import (test_embed starts `python -I`, which
        # ignores PYTHONDONTWRITEBYTECODE): only a module no test imports tells.
        for level in ("", 1, 2):
            source = os.path.join(suite, "test_ssl.py")
            cached = importlib.util.cache_from_source(source, optimization=level)
            self.assertFalse(os.path.exists(cached), cached)


if __name__ == "__main__":
    unittest.main(verbosity=2)
