"""CPython version strings: "3.12.4", "3.15.0rc1", or a major.minor like "3.13"."""

def minor_version(version):
    """major.minor of a version ("3.12.4" -> "3.12", "3.15.0rc1" -> "3.15").

    Args:
      version: a CPython version.

    Returns:
      The major.minor string.
    """
    parts = version.split(".")
    if len(parts) < 2 or not parts[0].isdigit() or not parts[1].isdigit():
        fail("%r is not a CPython version (expected MAJOR.MINOR[.PATCH], e.g. 3.12.4)" % version)
    return parts[0] + "." + parts[1]

def version_tuple(version):
    """(major, minor) as ints, for comparisons.

    Args:
      version: a CPython version.

    Returns:
      tuple of two ints.
    """
    major, minor = minor_version(version).split(".")
    return (int(major), int(minor))

def release_key(version):
    """A full version's order among releases: 3.12.4 < 3.12.10, 3.15.0rc1 < 3.15.0.

    Args:
      version: a full CPython version ("3.12.4", "3.15.0rc1").

    Returns:
      A tuple to sort by.
    """
    major, minor = version_tuple(version)
    patch = version.split(".", 2)[2] if version.count(".") >= 2 else "0"
    digits = ""
    for c in patch.elems():
        if not c.isdigit():
            break
        digits += c
    stage = patch[len(digits):]
    if not digits:
        fail("%r is not a full CPython version (e.g. 3.12.4, 3.15.0rc1)" % version)

    # A final release comes after its pre-releases (a1 < b1 < rc1 < final).
    return (major, minor, int(digits), 0 if stage else 1, stage)

def latest_releases(releases):
    """The newest release of each minor version.

    Args:
      releases: full versions.

    Returns:
      dict: major.minor -> full version.
    """
    latest = {}
    for release in sorted(releases, key = release_key):
        latest[minor_version(release)] = release
    return latest
