"""cpython: an interpreter of a given version with every library behind its modules."""

load(":cpython_interpreter.bzl", "cpython_interpreter")
load(":libraries.bzl", "deps_for")
load(":releases.bzl", "release_map", "release_srcs", "resolve_version")

def _version_select(value_of):
    return select({
        Label("//config:version_" + minor.replace(".", "_")): value_of(full)
        for minor, full in release_map().items()
    })

def cpython(name, version = None, deps = None, **kwargs):
    """Declares a CPython interpreter built from its pinned source.

    Args:
      name: target name; `bazel run :name` starts the interpreter.
      version: a pinned full version or a major.minor (the release it is pinned to);
        None follows the //config:version setting (default 3.13).
      deps: libraries to build against; the default is every library behind the
        optional modules, readline's backend and mpdecimal as the //config settings say.
      **kwargs: passed to cpython_interpreter (configure_args, env, jobs, visibility...).
    """
    if version == None:
        full = ""
        per_version = _version_select
    else:
        full = resolve_version(version)
        per_version = lambda value_of: value_of(full)
    cpython_interpreter(
        name = name,
        srcs = per_version(release_srcs),
        version = full,
        deps = deps_for(per_version) if deps == None else deps,
        **kwargs
    )
