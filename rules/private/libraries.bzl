"""Which library backs which extension module: the one table that the `cpython` macro's
dependencies, the builder's module check and the tests are derived from."""

load(":release_quirks.bzl", "release_quirks")

# The name each library is known by (its InstallTreeInfo.name) ->
#   target: its third_party target ({tk} is the Tcl/Tk series, 8 or 9, of the release);
#   modules: the extension modules that cannot be built without it;
#   optional: modules it backs that configure may leave out on its own (checked only where
#     configure plans them);
#   when: the //config condition under which an interpreter has it (default: always);
#   instead_of: the library it stands in for when an interpreter has it;
#   by_default: whether default_deps() has it (default: True).
LIBRARIES = {
    "bzip2": struct(target = "//third_party/bzip2", modules = ["_bz2"]),
    "gdbm": struct(target = "//third_party/gdbm", modules = ["_gdbm"], optional = ["_dbm"]),
    "libedit": struct(target = "//third_party/libedit", modules = ["readline"], when = "//config:readline_editline", instead_of = "readline", by_default = False),
    "libffi": struct(target = "//third_party/libffi", modules = ["_ctypes"], optional = ["_ctypes_test"]),
    "libuuid": struct(target = "//third_party/util_linux:libuuid", modules = ["_uuid"]),
    "mpdecimal": struct(target = "//third_party/mpdecimal", modules = ["_decimal"], when = "//config:system_libmpdec_on"),
    "ncurses": struct(target = "//third_party/ncurses", modules = ["_curses", "_curses_panel"]),
    "openssl": struct(target = "//third_party/openssl", modules = ["_ssl", "_hashlib"]),
    "readline": struct(target = "//third_party/readline", modules = ["readline"], when = "//config:readline_readline"),
    "sqlite": struct(target = "//third_party/sqlite", modules = ["_sqlite3"]),
    "tcl": struct(target = "//third_party/tcl:tcl{tk}", modules = ["_tkinter"]),
    "tk": struct(target = "//third_party/tk:tk{tk}", modules = ["_tkinter"]),
    "xz": struct(target = "//third_party/xz", modules = ["_lzma"]),
    "zlib": struct(target = "//third_party/zlib", modules = ["zlib"]),
}

def _get(lib, field, default):
    return getattr(LIBRARIES[lib], field, default)

def tk_series(version):
    """The Tcl/Tk series ("8" or "9") a CPython release builds _tkinter with.

    Args:
      version: a CPython version.

    Returns:
      "8" or "9".
    """
    return release_quirks(version).tk_series

def library_target(lib, version):
    """The third_party target of a library for a CPython release.

    Args:
      lib: a key of LIBRARIES.
      version: a full CPython version (only Tcl and Tk depend on it).

    Returns:
      A Label.
    """
    target = LIBRARIES[lib].target
    return Label(target.format(tk = tk_series(version)) if "{tk}" in target else target)

def default_deps(version):
    """The libraries an interpreter of this version is built with under the default settings.

    Args:
      version: full CPython version.

    Returns:
      list of Labels.
    """
    return [library_target(lib, version) for lib in sorted(LIBRARIES) if _get(lib, "by_default", True)]

def deps_for(per_version):
    """The dependencies of an interpreter: every library, the optional ones as //config says.

    Args:
      per_version: a function that takes a function of a full version and returns its
        value for the interpreter's release (a select() over //config:version when the
        release follows the setting).

    Returns:
      a list (with selects) of Labels.
    """
    always = [lib for lib in sorted(LIBRARIES) if _get(lib, "when", None) == None]
    deps = per_version(lambda version: [library_target(lib, version) for lib in always])
    for lib in sorted(LIBRARIES):
        when = _get(lib, "when", None)
        if when != None:
            deps += select({
                # Their targets do not depend on the release (no {tk}), and a select()
                # cannot hold another.
                Label(when): [library_target(lib, "")],
                "//conditions:default": [],
            })
    return deps

def expected_modules():
    """The extension modules that must be there whatever configure recorded.

    Returns:
      sorted list of module names.
    """
    return sorted({m: True for lib in LIBRARIES for m in LIBRARIES[lib].modules}.keys())

def optional_modules():
    """Modules backed by a library that configure may plan away on its own.

    Returns:
      sorted list of module names.
    """
    return sorted({m: True for lib in LIBRARIES for m in _get(lib, "optional", [])}.keys())

def module_libraries(dep_names):
    """For an interpreter built with these libraries: each module -> the libraries it needs ("tcl+tk").

    Args:
      dep_names: names of the interpreter's libraries.

    Returns:
      dict of module name -> library names joined with "+".
    """
    libs_of = {}
    for lib in sorted(LIBRARIES):
        stands_in = _get(lib, "instead_of", None)
        if stands_in != None and lib not in dep_names:
            continue
        for m in LIBRARIES[lib].modules + _get(lib, "optional", []):
            libs_of.setdefault(m, [])
            libs_of[m].append(lib)
    for lib in sorted(LIBRARIES):
        stands_in = _get(lib, "instead_of", None)
        if stands_in != None and lib in dep_names:
            for m in LIBRARIES[lib].modules:
                libs_of[m] = [x for x in libs_of[m] if x != stands_in]
    return {m: "+".join(libs) for m, libs in libs_of.items()}
