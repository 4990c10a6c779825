"""The `cpython` module extension: the pinned sources, as a monorepo's tags adjust them."""

load(":build_tools.bzl", "build_tools")
load(":sources.bzl", "CPYTHON_LATEST", "CPYTHON_RELEASES", "DATA_PACKAGES", "LIBRARY_SOURCES", "NATIVE_C_SYSROOT", "SYSROOTS", "patch_strip", "releases_hub", "source_archive", "source_repo_name", "sysroot_repo_name")
load(":sysroot.bzl", "debian_data_package", "debian_sysroot")
load(":versions.bzl", "minor_version")

TABLE = "rules_cpython's table (rules/private/sources.bzl)"

_SOURCE_ATTRS = {
    "urls": attr.string_list(doc = "Where the archive is; with them, sha256 is required."),
    "sha256": attr.string(doc = "The archive's sha256."),
    "strip_prefix": attr.string(doc = "The archive's top folder, removed when it is extracted."),
    "patches": attr.label_list(allow_files = True, doc = "Patch files applied to the extracted sources, in order."),
    "patch_args": attr.string_list(default = ["-p0"], doc = "Arguments of the patches: only -pN (as http_archive's default, -p0)."),
}

_pin = tag_class(
    doc = "Chooses the release a major.minor version resolves to: `cpython.pin(version = \"3.11.2\")` makes 3.11 mean 3.11.2 (for //config:version, the variants and the toolchains).",
    attrs = {"version": attr.string(mandatory = True, doc = "A full release, in rules_cpython's table or added with cpython.release.")},
)

_release = tag_class(
    doc = "Adds a CPython release that rules_cpython's table lacks, or replaces or patches the archive of one it has.",
    attrs = dict(_SOURCE_ATTRS, version = attr.string(mandatory = True, doc = "The full release, e.g. 3.13.16.")),
)

_library = tag_class(
    doc = "Replaces or patches the source of a third_party library, e.g. a company's patched OpenSSL. Every interpreter and every C target of the monorepo then links that one.",
    attrs = dict(
        _SOURCE_ATTRS,
        name = attr.string(mandatory = True, doc = "The library: a key of rules_cpython's table (openssl, sqlite, zlib, ...)."),
        version = attr.string(doc = "Which pinned version the source replaces; needed only where several are pinned (readline, tcl, tk)."),
    ),
)

def _archive(urls, sha256, strip_prefix, patches, patch_args, origin, table_sha256 = ""):
    # table_sha256: the table's sha256 for an archive at the same URLs (for messages).
    return struct(urls = urls, sha256 = sha256, strip_prefix = strip_prefix, patches = patches, patch_args = patch_args, origin = origin, table_sha256 = table_sha256)

def _from_table(entry):
    return _archive([entry.url], entry.sha256, entry.strip_prefix, [], [], TABLE, entry.sha256)

def _origin(mod, tag_name):
    return "the cpython.%s tag of module %s" % (tag_name, mod.name or "(root)")

def _is_sha256(text):
    return len(text) == 64 and all([c in "0123456789abcdef" for c in text.elems()])

def _source_of(tag, base, what, origin):
    """The archive a tag asks for: its own, or the one it patches."""
    if tag.sha256 and not _is_sha256(tag.sha256):
        fail("rules_cpython: %s gives sha256 %r for %s: a sha256 is 64 lowercase hexadecimal digits" % (origin, tag.sha256, what))
    if tag.urls:
        if not tag.sha256:
            fail("rules_cpython: %s gives urls for %s but no sha256; add sha256 = \"...\" (sha256sum of the archive)" % (origin, what))
        same_archive = base != None and tag.urls == base.urls
        return _archive(tag.urls, tag.sha256, tag.strip_prefix, tag.patches, tag.patch_args, origin, base.table_sha256 if same_archive else "")
    if base == None:
        fail("rules_cpython: %s: %s is not in %s, so it needs urls and a sha256" % (origin, what, TABLE))
    if tag.sha256 and tag.sha256 != base.sha256:
        fail("rules_cpython: %s gives sha256 %s for %s, whose pinned archive has %s; give urls too to replace the archive" % (origin, tag.sha256, what, base.sha256))
    if not tag.patches:
        fail("rules_cpython: %s changes nothing of %s: give urls and sha256 to replace its archive, or patches to patch it" % (origin, what))
    return _archive(base.urls, base.sha256, base.strip_prefix, tag.patches, tag.patch_args, origin, base.table_sha256)

def _decide(decided, key, value, mod, origin):
    """Records a decision. The root module's wins; two other modules must agree."""
    if key not in decided:
        decided[key] = struct(value = value, root = mod.is_root, origin = origin)
        return True
    earlier = decided[key]
    if earlier.root or earlier.value == value:
        return False
    fail("rules_cpython: %s and %s disagree about %s; the root module decides with a tag of its own" % (earlier.origin, origin, key))

def resolve_sources(modules):
    """Applies the tags of the modules (root first) to rules_cpython's table.

    Args:
      modules: module_ctx.modules.

    Returns:
      struct(releases: dict version -> archive, latest: dict minor -> version,
      libraries: dict (name, version) -> archive).
    """
    releases = {v: _from_table(a) for v, a in CPYTHON_RELEASES.items()}
    libraries = {}
    for name, versions in LIBRARY_SOURCES.items():
        for version, entry in versions.items():
            libraries[(name, version)] = _from_table(entry)
    latest = dict(CPYTHON_LATEST)
    decided = {}

    for mod in modules:
        for tag in mod.tags.release:
            what = "CPython " + tag.version
            minor = minor_version(tag.version)
            if minor not in CPYTHON_LATEST:
                fail("rules_cpython: %s adds CPython %s, but the rules know CPython %s only (their build settings are per minor version)" % (_origin(mod, "release"), tag.version, ", ".join(sorted(CPYTHON_LATEST))))
            origin = _origin(mod, "release")
            if tag.version not in CPYTHON_RELEASES and not tag.sha256:
                fail("rules_cpython: %s: CPython %s is not in %s; give its urls and sha256" % (origin, tag.version, TABLE))
            source = _source_of(tag, releases.get(tag.version) if tag.version in CPYTHON_RELEASES else None, what, origin)
            if _decide(decided, what, source, mod, origin):
                releases[tag.version] = source

    for mod in modules:
        for tag in mod.tags.pin:
            origin = _origin(mod, "pin")
            if tag.version not in releases:
                fail("rules_cpython: %s: CPython %s is neither in %s nor added by a cpython.release tag (with urls and sha256). Pinned: %s" % (origin, tag.version, TABLE, ", ".join(sorted(releases))))
            minor = minor_version(tag.version)
            if _decide(decided, "the release of CPython " + minor, tag.version, mod, origin):
                latest[minor] = tag.version

    known = sorted(LIBRARY_SOURCES)
    for mod in modules:
        for tag in mod.tags.library:
            origin = _origin(mod, "library")
            if tag.name not in LIBRARY_SOURCES:
                fail("rules_cpython: %s names library %r, which rules_cpython does not build; known libraries: %s" % (origin, tag.name, ", ".join(known)))
            pinned = sorted(LIBRARY_SOURCES[tag.name])
            version = tag.version
            if not version:
                if len(pinned) > 1:
                    fail("rules_cpython: %s: %s is pinned at %s; say which with version = \"...\"" % (origin, tag.name, ", ".join(pinned)))
                version = pinned[0]
            if version not in pinned:
                fail("rules_cpython: %s: %s %s is not pinned; pinned: %s" % (origin, tag.name, version, ", ".join(pinned)))
            what = "%s %s" % (tag.name, version)
            source = _source_of(tag, libraries[(tag.name, version)], what, origin)
            patch_strip(source.patch_args, what)
            if _decide(decided, what, source, mod, origin):
                libraries[(tag.name, version)] = source

    return struct(releases = releases, latest = latest, libraries = libraries)

def declare_source_repos(resolved):
    """Declares the source repositories and the `cpython_releases` repository.

    Args:
      resolved: what resolve_sources returned.
    """
    replaced = {}
    archives = {}
    repos = [("cpython", v, a) for v, a in resolved.releases.items()]
    repos += [(name, version, a) for (name, version), a in resolved.libraries.items()]
    for name, version, archive in repos:
        repo = source_repo_name(name, version)
        if archive.origin != TABLE:
            replaced[repo] = archive.origin
        archives[repo] = {
            "name": name,
            "origin": archive.origin,
            "patches": [str(p) for p in archive.patches],
            "sha256": archive.sha256,
            "urls": archive.urls,
            "version": version,
        }
        source_archive(
            name = repo,
            urls = archive.urls,
            sha256 = archive.sha256,
            strip_prefix = archive.strip_prefix,
            patches = archive.patches,
            patch_args = archive.patch_args,
            what = "%s %s" % ("CPython" if name == "cpython" else name, version),
            origin = archive.origin,
            table_sha256 = archive.table_sha256,
        )
    for name, with_clang in [("rules_cpython_build_tools", False), ("rules_cpython_clang_tools", True)]:
        build_tools(
            name = name,
            with_clang = with_clang,
            sysroot_files = "@%s//:files" % sysroot_repo_name(NATIVE_C_SYSROOT),
        )
    for name, package in DATA_PACKAGES.items():
        debian_data_package(
            name = source_repo_name(name, package.version),
            pool = package.pool,
            sha256 = package.sha256,
            what = "%s %s (a Debian package)" % (name, package.version),
        )
    for name, sysroot in SYSROOTS.items():
        debian_sysroot(
            name = sysroot_repo_name(name),
            sysroot = name,
            packages = json.encode([{"pool": p.pool, "sha256": p.sha256} for p in sysroot.packages]),
            glibc_version = sysroot.glibc_version,
            multiarch = sysroot.multiarch,
        )
    releases_hub(
        name = "cpython_releases",
        releases = resolved.releases.keys(),
        library_repos = [source_repo_name(name, version) for name, version in resolved.libraries],
        data_repos = [source_repo_name(name, package.version) for name, package in DATA_PACKAGES.items()],
        latest = resolved.latest,
        replaced = replaced,
        archives = json.encode(archives),
    )

def _cpython_impl(module_ctx):
    declare_source_repos(resolve_sources(module_ctx.modules))
    return module_ctx.extension_metadata(reproducible = True)

cpython = module_extension(
    implementation = _cpython_impl,
    doc = """The CPython and library sources rules_cpython builds from.

One repository per source archive (each exposes only `:srcs`), one per sysroot
(`debian_bullseye_sysroot`), the pinned build tool sets with their C toolchains
(`rules_cpython_build_tools` with gcc, `rules_cpython_clang_tools` with clang too) and
`cpython_releases` (which release each minor version means). Tags adjust rules_cpython's table; the root
module's tags win. Where the root module is silent, the tags of other modules apply, and
two of them that disagree fail the build, naming both.
""",
    tag_classes = {"pin": _pin, "release": _release, "library": _library},
)
