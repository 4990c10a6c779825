"""The CPython releases the rules build from: rules_cpython's table after the monorepo's tags."""

load("@cpython_releases//:releases.bzl", "CPYTHON_LATEST", "CPYTHON_RELEASES")

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
      The full version, e.g. "3.13.15".
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
