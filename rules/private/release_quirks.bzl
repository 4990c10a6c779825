"""What differs from one CPython release to the next, in one table keyed by release range.

The rules read it for configure's arguments and environment, Modules/Setup.local, the
layout of bin/ and the Tcl/Tk series; the builder gets the source edits through its
params file (--source_edit) and applies them with its srcpatch package. A release that
needs something new gets a row here, not a condition in the code that uses it.
"""

load(":versions.bzl", "version_tuple")

def _row(since, until, why, needs = None, configure_args = [], env = {}, setup_local = [], source_edits = [], bin_scripts = [], tk_series = None):
    """One row of RELEASE_QUIRKS.

    Args:
      since: the first minor release it applies to ("3.10"), or None for every earlier one.
      until: the last minor release it applies to ("3.12"), or None for every later one.
      why: what in CPython or in the libraries makes it needed (for the reader and in the
        builder's error when a source edit no longer applies).
      needs: the library an interpreter must be built with for the row to apply, or None.
      configure_args: configure's arguments (cache variables among them).
      env: configure's environment; a variable's value comes before what the settings add.
      setup_local: lines of Modules/Setup.local.
      source_edits: (file below the sources, text found exactly once, its replacement).
      bin_scripts: scripts make install puts into bin/, "{minor}" standing for major.minor;
        each gets a link without the version ("2to3" -> "2to3-3.12").
      tk_series: the Tcl/Tk series _tkinter is built with ("8"), or None for the default.

    Returns:
      struct.
    """
    return struct(
        since = since,
        until = until,
        why = why,
        needs = needs,
        configure_args = configure_args,
        env = env,
        setup_local = setup_local,
        source_edits = [struct(file = f, old = old, new = new) for f, old, new in source_edits],
        bin_scripts = bin_scripts,
        tk_series = tk_series,
    )

# The Tcl/Tk series of every release no row gives another.
DEFAULT_TK_SERIES = "9"

# The setup.py of releases before 3.12 adds the machine's folders to every extension's
# compiler and linker: /usr/local, and Debian's multiarch folders (/usr/include/x86_64-linux-gnu).
# Built against a sysroot, they mix the machine's C library headers into the sysroot's.
_SETUP_PY_MACHINE_FOLDERS = [
    "            add_dir_to_list(self.compiler.library_dirs, '/usr/local/lib')\n",
    "            add_dir_to_list(self.compiler.include_dirs, '/usr/local/include')\n",
    "        self.add_multiarch_paths()\n",
]

def _not_the_machines(line):
    indent = line[:len(line) - len(line.lstrip(" "))]
    return (line, indent + "pass  # rules_cpython: not the machine's folders\n")

RELEASE_QUIRKS = [
    _row(
        "3.10",
        "3.11",
        "setup.py builds the extension modules and adds the machine's folders to their flags",
        source_edits = [("setup.py",) + _not_the_machines(line) for line in _SETUP_PY_MACHINE_FOLDERS],
    ),
    _row(
        "3.10",
        "3.11",
        "static libraries need libm after them; these configure scripts put a library's own " +
        "flags before the test program, where the compiler's --as-needed drops -lm (later " +
        "ones take each library's flags from pkg-config --static, libm included)",
        env = {"LIBS": "-lm"},
    ),
    _row(
        "3.10",
        "3.11",
        "_tkinter of these releases is built against Tcl/Tk 8",
        tk_series = "8",
    ),
    _row(
        "3.10",
        "3.11",
        "setup.py links _dbm against -lgdbm_compat alone, as configure's check does (see " +
        "the row of every release): setup.py gets -lgdbm and -lrt after it, and the check " +
        "its answer, HAVE_LIBGDBM_COMPAT, which setup.py reads",
        needs = "gdbm",
        configure_args = ["ac_cv_lib_gdbm_compat_dbm_open=yes"],
        source_edits = [
            ("setup.py", "ndbm_libs = ['gdbm_compat']", "ndbm_libs = ['gdbm_compat', 'gdbm', 'rt']"),
            ("setup.py", "libraries=['gdbm_compat']\n", "libraries=['gdbm_compat', 'gdbm', 'rt']\n"),
        ],
    ),
    _row(
        None,
        None,
        "configure links dbm_open against -lgdbm_compat alone (3.12 and later), which only " +
        "the shared gdbm satisfies: the static one needs -lgdbm after it, and gdbm's " +
        "locking needs librt before glibc 2.34 (the sysroot's 2.31), which configure does " +
        "not know, having no pkg-config file of gdbm to ask. 3.11's configure puts " +
        "GDBM_LIBS before the test program, where a linker that drops unneeded libraries " +
        "drops librt: its gdbm_open check is answered (the module check imports _gdbm).",
        needs = "gdbm",
        configure_args = ["ac_cv_search_dbm_open=-lgdbm_compat -lgdbm -lrt", "GDBM_LIBS=-lgdbm -lrt", "ac_cv_lib_gdbm_gdbm_open=yes"],
    ),
    _row(
        "3.10",
        "3.12",
        "crypt and nis need libcrypt and libnsl, which glibc no longer ships and which are " +
        "not pinned here; both modules are deprecated and gone in 3.13 (PEP 594)",
        configure_args = ["py_cv_module__crypt=n/a", "py_cv_module_nis=n/a"],
    ),
    _row(
        "3.10",
        "3.12",
        "lib2to3 and its script are gone in 3.13",
        bin_scripts = ["2to3-{minor}"],
    ),
    _row(
        "3.12",
        None,
        "_curses_panel works on the screen _curses set up: as two shared modules each " +
        "would carry its own copy of the static ncurses, and panels would see no screen; " +
        "built in, they share one (before 3.12 setup.py builds them)",
        needs = "ncurses",
        setup_local = ["*static*", "_curses _cursesmodule.c", "_curses_panel _curses_panel.c"],
    ),
]

def _applies(row, version, dep_names):
    release = version_tuple(version)
    if row.since != None and release < version_tuple(row.since):
        return False
    if row.until != None and release > version_tuple(row.until):
        return False
    return dep_names == None or row.needs == None or row.needs in dep_names

def release_quirks(version, dep_names = None, rows = RELEASE_QUIRKS):
    """What a release needs, gathered from the rows that apply to it.

    Args:
      version: a CPython version ("3.11.2" or "3.11").
      dep_names: the names of the libraries the interpreter is built with; None for what
        does not depend on them (the Tcl/Tk series, bin/).
      rows: the table (tests give their own).

    Returns:
      struct(configure_args, env, setup_local, source_edits, bin_scripts, tk_series),
      each source edit a struct(file, old, new, why).
    """
    out = struct(configure_args = [], env = {}, setup_local = [], source_edits = [], bin_scripts = [], tk_series = [])
    for row in rows:
        if not _applies(row, version, dep_names):
            continue
        out.configure_args.extend(row.configure_args)
        for name, value in row.env.items():
            if name in out.env:
                fail("two rows of RELEASE_QUIRKS set %s for CPython %s" % (name, version))
            out.env[name] = value
        out.setup_local.extend(row.setup_local)
        out.source_edits.extend([struct(file = e.file, old = e.old, new = e.new, why = row.why) for e in row.source_edits])
        out.bin_scripts.extend(row.bin_scripts)
        if row.tk_series != None:
            out.tk_series.append(row.tk_series)
    if len(out.tk_series) > 1:
        fail("several rows of RELEASE_QUIRKS give CPython %s a Tcl/Tk series: %s" % (version, out.tk_series))
    return struct(
        configure_args = out.configure_args,
        env = out.env,
        setup_local = out.setup_local,
        source_edits = out.source_edits,
        bin_scripts = out.bin_scripts,
        tk_series = out.tk_series[0] if out.tk_series else DEFAULT_TK_SERIES,
    )

def source_edit_arg(edit):
    """A source edit as the builder's --source_edit takes it: one line of JSON.

    Args:
      edit: a struct(file, old, new, why) of release_quirks().source_edits.

    Returns:
      string.
    """
    return json.encode({"file": edit.file, "new": edit.new, "old": edit.old, "why": edit.why})
