"""cpython: an interpreter of a given version with every library behind its modules."""

load(":cpython_interpreter.bzl", "cpython_interpreter")
load(":sources.bzl", "CPYTHON_LATEST", "CPYTHON_RELEASES", "source_repo_name")
load(":versions.bzl", "minor_version")

# Pythons before 3.12 cannot use Tcl/Tk 9.
_TK8_MINORS = ["3.10", "3.11"]

_COMMON_DEPS = [
    Label("//third_party/bzip2"),
    Label("//third_party/gdbm"),
    Label("//third_party/libffi"),
    Label("//third_party/ncurses"),
    Label("//third_party/openssl"),
    Label("//third_party/sqlite"),
    Label("//third_party/util_linux:libuuid"),
    Label("//third_party/xz"),
    Label("//third_party/zlib"),
]

def _tcl_tk(version):
    tk = "8" if minor_version(version) in _TK8_MINORS else "9"
    return [Label("//third_party/tcl:tcl" + tk), Label("//third_party/tk:tk" + tk)]

def default_deps(version):
    """The third_party libraries an interpreter of this version is built with by default.

    Args:
      version: full CPython version.

    Returns:
      list of Labels.
    """
    return _COMMON_DEPS + _tcl_tk(version) + [
        Label("//third_party/mpdecimal"),
        Label("//third_party/readline"),
    ]

# The libraries that follow //config settings: readline's backend, and mpdecimal
# unless the bundled copy is chosen.
_SETTING_DEPS = select({
    Label("//config:readline_readline"): [Label("//third_party/readline")],
    Label("//config:readline_editline"): [Label("//third_party/libedit")],
    "//conditions:default": [],
}) + select({
    Label("//config:system_libmpdec_on"): [Label("//third_party/mpdecimal")],
    "//conditions:default": [],
})

def _version_select(value_of):
    return select({
        Label("//config:version_" + minor.replace(".", "_")): value_of(full)
        for minor, full in CPYTHON_LATEST.items()
    })

def resolve_version(version):
    """A full version from a full or major.minor one.

    Args:
      version: "3.13" or "3.13.5".

    Returns:
      The full version, e.g. "3.13.15".
    """
    if version in CPYTHON_LATEST:
        return CPYTHON_LATEST[version]
    if version in CPYTHON_RELEASES:
        return version
    fail("CPython %s is not pinned; pinned: %s (or a major.minor: %s)" % (
        version,
        ", ".join(sorted(CPYTHON_RELEASES.keys())),
        ", ".join(sorted(CPYTHON_LATEST.keys())),
    ))

def _srcs(full):
    return Label("@%s//:srcs" % source_repo_name("cpython", full))

def cpython(name, version = None, deps = None, **kwargs):
    """Declares a CPython interpreter built from its pinned source.

    Args:
      name: target name; `bazel run :name` starts the interpreter.
      version: a pinned full version or a major.minor (its latest pinned release);
        None follows the //config:version setting (default 3.13).
      deps: libraries to build against; the default is every library behind the
        optional modules, readline's backend and mpdecimal as the //config settings say.
      **kwargs: passed to cpython_interpreter (configure_args, env, jobs, visibility...).
    """
    if version == None:
        full = ""
        srcs = _version_select(_srcs)
        tcl_tk = _version_select(_tcl_tk)
    else:
        full = resolve_version(version)
        srcs = _srcs(full)
        tcl_tk = _tcl_tk(full)
    cpython_interpreter(
        name = name,
        srcs = srcs,
        version = full,
        deps = _COMMON_DEPS + tcl_tk + _SETTING_DEPS if deps == None else deps,
        **kwargs
    )
