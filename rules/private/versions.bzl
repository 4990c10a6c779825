"""CPython version strings: "3.13.15", "3.15.0rc1", or a major.minor like "3.13"."""

def minor_version(version):
    """major.minor of a version ("3.13.15" -> "3.13", "3.15.0rc1" -> "3.15").

    Args:
      version: a CPython version.

    Returns:
      The major.minor string.
    """
    parts = version.split(".")
    if len(parts) < 2 or not parts[0].isdigit() or not parts[1].isdigit():
        fail("%r is not a CPython version (expected MAJOR.MINOR[.PATCH], e.g. 3.13.15)" % version)
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
