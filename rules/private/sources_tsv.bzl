"""tools/offline/sources.tsv, the offline mirror's list, generated from the tables of
pinned sources: tools/offline/provision reads it before any Bazel exists."""

load("@bazel_skylib//rules:write_file.bzl", "write_file")
load(":sources.bzl", "CPYTHON_RELEASES", "DATA_PACKAGES", "LIBRARY_SOURCES", "SYSROOTS", "source_repo_name")

_HEADER = [
    "# Source archives of the offline mirror.",
    "# Generated from rules/private/sources.bzl (the rows' mirror fields, the sysroots and the data",
    "# packages) by //tools/offline:sources_tsv; run `tools/bazel run //tools/offline:update_sources`",
    "# after changing a table.",
    "# kind=distdir: the file is byte-identical to the upstream release (its sha256 is the upstream one);",
    "#   it is stored under the upstream file name, so `--distdir` serves it to http_archive.",
    "# kind=tree: no byte-identical copy is reachable; a repacked source of the SAME upstream version",
    "#   is unpacked (top folder stripped) into trees/<name>-<version>/ with a BUILD.bazel exposing :srcs,",
    "#   for use with --override_repository. sha256 is then the repack's own, not the upstream one.",
    "# origin: debian:<source package>=<debian version>:<file in the pool>  |  debian-pool:<path of a binary package below the mirror>",
    "#   |  npm:<package>@<version>:<path in its tarball>",
    "# repo: the repository of the cpython extension that a tree replaces (- for a package the rules fetch themselves)",
    "#name\tversion\tupstream_file\tsha256\tkind\torigin\trepo",
]

def _row(name, version, archive):
    m = archive.mirror
    return "\t".join([name, version, archive.url.split("/")[-1], m.sha256 or archive.sha256, m.kind, m.origin, source_repo_name(name, version)])

def _deb_row(name, version, pool, sha256):
    return "\t".join([name, version, pool.split("/")[-1], sha256, "distdir", "debian-pool:" + pool, "-"])

def sources_tsv():
    """The text of tools/offline/sources.tsv.

    Returns:
      string.
    """
    rows = [
        _row("cpython", version, archive)
        for version, archive in CPYTHON_RELEASES.items()
        if archive.mirror
    ]
    for name, archives in LIBRARY_SOURCES.items():
        rows += [_row(name, version, archive) for version, archive in archives.items() if archive.mirror]
    for sysroot in SYSROOTS.values():
        for package in sysroot.packages:
            # <package>_<version>_<architecture>.deb
            deb, version, _arch = package.pool.split("/")[-1].split("_")
            rows.append(_deb_row("sysroot-" + deb, version, package.pool, package.sha256))
    rows += [
        _deb_row(name, package.version, package.pool, package.sha256)
        for name, package in DATA_PACKAGES.items()
    ]
    return "\n".join(_HEADER + rows) + "\n"

def sources_tsv_file(name, **kwargs):
    """Writes the offline mirror's list of archives (<name>.tsv).

    Args:
      name: the target, and the file's name without .tsv.
      **kwargs: as for every rule (visibility...).
    """
    write_file(name = name, out = name + ".tsv", content = sources_tsv().split("\n"), newline = "unix", **kwargs)
