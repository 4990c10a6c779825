"""The CPython releases the rules build from: rules_cpython's table after the monorepo's tags."""

load("@cpython_releases//:releases.bzl", "CPYTHON_LATEST", "CPYTHON_RELEASES", "SOURCE_ARCHIVES")

def interpreter_release(version, version_setting):
    """The release an interpreter builds: its own version, or the one the setting's minor means.

    Args:
      version: the interpreter's version attribute (a full version, or empty).
      version_setting: the value of //config:version ("3.13").

    Returns:
      a full version, one of CPYTHON_RELEASES.
    """
    return version or CPYTHON_LATEST[version_setting]

def resolve_version(version):
    """A full version from a full or major.minor one.

    Args:
      version: "3.13" or "3.13.5".

    Returns:
      The full version, e.g. "3.12.4".
    """
    if version in CPYTHON_LATEST:
        return CPYTHON_LATEST[version]
    if version in CPYTHON_RELEASES:
        return version
    fail("CPython %s is not pinned; pinned: %s (or a major.minor: %s). A monorepo adds releases with the cpython.release tag." % (
        version,
        ", ".join(CPYTHON_RELEASES),
        ", ".join(sorted(CPYTHON_LATEST.keys())),
    ))

def release_srcs(version):
    """The sources of a release.

    Args:
      version: a full version, one of CPYTHON_RELEASES.

    Returns:
      A Label.
    """
    return Label("@cpython_releases//:" + version)

def release_map():
    """minor -> full version, as the monorepo pinned them.

    Returns:
      dict.
    """
    return dict(CPYTHON_LATEST)

def source_facts(srcs_target):
    """What the source archive behind a :srcs target is, as the module extension resolved it.

    Args:
      srcs_target: a source repository's :srcs (or a release's alias to it).

    Returns:
      dict(name, version, urls, sha256, origin, patches), or None for sources that are
      not one of the extension's archives.
    """
    return SOURCE_ARCHIVES.get(srcs_target.label)
