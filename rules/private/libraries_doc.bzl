"""docs/libraries.md, generated from the tables of pinned sources and of libraries."""

load("@bazel_skylib//rules:write_file.bzl", "write_file")
load(":libraries.bzl", "LIBRARIES", "tk_series")
load(":sources.bzl", "CPYTHON_LATEST", "CPYTHON_RELEASES", "DATA_PACKAGES", "LIBRARY_SOURCES")
load(":versions.bzl", "release_key")

def _package(label):
    return label.split(":")[0]

def _backs(source):
    """The libraries of LIBRARIES built from this source, and the modules they back."""
    names = [
        name
        for name in sorted(LIBRARIES)
        if _package(LIBRARIES[name].target) == "//third_party/" + source
    ]
    modules = {}
    for name in names:
        for m in LIBRARIES[name].modules + getattr(LIBRARIES[name], "optional", []):
            modules[m] = True
    return names, sorted(modules)

def _tk_note(name, version):
    if name not in ("tcl", "tk"):
        return ""
    minors = sorted({
        ".".join(release.split(".")[:2]): True
        for release in CPYTHON_RELEASES
        if version.startswith(tk_series(release) + ".")
    })
    return " (CPython " + ", ".join(minors) + ")"

def libraries_markdown():
    """The Markdown of docs/libraries.md.

    Returns:
      string.
    """
    lines = [
        "# Pinned sources",
        "",
        "<!-- Generated from rules/private/sources.bzl and rules/private/libraries.bzl by",
        "     //docs:libraries_md; run `tools/bazel run //docs:update_libraries` after changing",
        "     a table. -->",
        "",
        "What rules_cpython builds from, by default: a monorepo can pin other releases and",
        "replace or patch a library with the `cpython` module extension (docs/monorepo.md).",
        "",
        "## Libraries",
        "",
        "Each optional module's library, built from its upstream archive by",
        "`//third_party/<library>`. A library that backs no module is a dependency of one that",
        "does (X11's for Tk).",
        "",
        "| library | version | modules | archive | sha256 |",
        "|---|---|---|---|---|",
    ]
    for source in sorted(LIBRARY_SOURCES):
        _names, modules = _backs(source)
        for version in sorted(LIBRARY_SOURCES[source]):
            archive = LIBRARY_SOURCES[source][version]
            lines.append("| %s | %s%s | %s | %s | `%s` |" % (
                source,
                version,
                _tk_note(source, version),
                ", ".join(["`%s`" % m for m in modules]) or "(through another library)",
                archive.url,
                archive.sha256,
            ))
    lines += [
        "",
        "## Data packages",
        "",
        "What X11's libraries are built against (protocol headers, XCB's protocol",
        "descriptions and their generator, xtrans): Debian's packages, unpacked.",
        "",
        "| name | version | Debian pool path | sha256 |",
        "|---|---|---|---|",
    ] + [
        "| %s | %s | %s | `%s` |" % (name, DATA_PACKAGES[name].version, DATA_PACKAGES[name].pool, DATA_PACKAGES[name].sha256)
        for name in sorted(DATA_PACKAGES)
    ]
    lines += [
        "",
        "## CPython releases",
        "",
        "The default release of each minor version is the newest one pinned.",
        "",
        "| release | default of its minor version | archive | sha256 |",
        "|---|---|---|---|",
    ]
    for version in sorted(CPYTHON_RELEASES, key = release_key):
        archive = CPYTHON_RELEASES[version]
        minor = ".".join(version.split(".")[:2])
        lines.append("| %s | %s | %s | `%s` |" % (
            version,
            "yes" if CPYTHON_LATEST.get(minor) == version else "",
            archive.url,
            archive.sha256,
        ))
    return "\n".join(lines) + "\n"

def libraries_doc(name, **kwargs):
    """Writes the tables of pinned sources as Markdown (<name>.md).

    Args:
      name: the target, and the file's name without .md.
      **kwargs: as for every rule (visibility...).
    """
    write_file(name = name, out = name + ".md", content = libraries_markdown().split("\n"), newline = "unix", **kwargs)
