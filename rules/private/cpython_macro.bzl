"""cpython: an interpreter of a given version with every library behind its modules."""

load(":cpython_interpreter.bzl", "cpython_interpreter", "minor_version")
load(":sources.bzl", "CPYTHON_LATEST", "CPYTHON_RELEASES", "DEFAULT_CPYTHON_VERSION", "source_repo_name")

# Pythons before 3.12 cannot use Tcl/Tk 9.
_TK8_MINORS = ["3.10", "3.11"]

def default_deps(version):
    """The third_party libraries an interpreter of this version is built with.

    Args:
      version: full CPython version.

    Returns:
      list of Labels.
    """
    tk = "8" if minor_version(version) in _TK8_MINORS else "9"
    return [
        Label("//third_party/bzip2"),
        Label("//third_party/gdbm"),
        Label("//third_party/libffi"),
        Label("//third_party/mpdecimal"),
        Label("//third_party/ncurses"),
        Label("//third_party/openssl"),
        Label("//third_party/readline"),
        Label("//third_party/sqlite"),
        Label("//third_party/tcl:tcl" + tk),
        Label("//third_party/tk:tk" + tk),
        Label("//third_party/util_linux:libuuid"),
        Label("//third_party/xz"),
        Label("//third_party/zlib"),
    ]

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

def cpython(name, version = DEFAULT_CPYTHON_VERSION, deps = None, **kwargs):
    """Declares a CPython interpreter built from its pinned source.

    Args:
      name: target name; `bazel run :name` starts the interpreter.
      version: a pinned full version or a major.minor (its latest pinned release).
      deps: libraries to build against; the default is every library behind the
        optional modules (default_deps).
      **kwargs: passed to cpython_interpreter (configure_args, env, jobs, visibility...).
    """
    full = resolve_version(version)
    cpython_interpreter(
        name = name,
        srcs = Label("@%s//:srcs" % source_repo_name("cpython", full)),
        version = full,
        deps = default_deps(full) if deps == None else deps,
        **kwargs
    )
