"""The pinned source archives: one table, read by the module extension and the rules.

The tables here are rules_cpython's defaults. The `cpython` module extension
(rules/extensions.bzl) starts from them and applies a monorepo's tags (another release
chosen for a minor version, releases added, library sources replaced or patched); what
the rules build from is the result, in the `cpython_releases` repository it writes.
"""

load(":versions.bzl", "latest_releases", "release_key")

def _debian(origin):
    """A byte-identical copy of an archive in a Debian source package.

    `<package>=<Debian version>:<file>`, with the row's placeholders ({version}, {series}):
    where tools/offline/provision finds the archive.
    """
    return struct(kind = "distdir", sha256 = None, origin = "debian:" + origin)

def _npm(origin):
    """A byte-identical copy in an npm package: `<package>@<version>:<path in it>`."""
    return struct(kind = "distdir", sha256 = None, origin = "npm:" + origin)

def _debian_repack(sha256, origin):
    """Debian's repack of the same upstream version, where no byte-identical copy is reachable.

    It has its own sha256; provision unpacks it and it replaces the repository.
    """
    return struct(kind = "tree", sha256 = sha256, origin = "debian:" + origin)

def _mirrored(mirror, fields):
    if mirror == None:
        return None
    return struct(kind = mirror.kind, sha256 = mirror.sha256, origin = mirror.origin.format(**fields))

def _python_org(version, sha256, extension = "tar.xz", mirror = None):
    """A release's archive on python.org, whose folder drops a pre-release's suffix."""
    major, minor, patch, _final, _stage = release_key(version)
    return struct(
        version = version,
        url = "https://www.python.org/ftp/python/%d.%d.%d/Python-%s.%s" % (major, minor, patch, version, extension),
        sha256 = sha256,
        strip_prefix = "Python-" + version,
        mirror = _mirrored(mirror, {"series": "%d.%d" % (major, minor), "version": version}),
    )

# CPython releases, by full version. The latest patch release of each minor version is
# what users get by default; older ones stay for tests and for users who pin them.
CPYTHON_RELEASES = {r.version: r for r in [
    _python_org("3.10.21", "a0da1e72132e950154eca0f6f47d5db828454700de20e5113667940d81e0db04"),
    _python_org("3.11.16", "91bcdebfdde239a003ae93738a7fce0f9230fee5c4bc2b86f6e6e8c6f98aabe8"),
    _python_org("3.11.2", "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849", "tgz", mirror = _debian("python{series}={version}-6+deb12u8:python{series}_{version}.orig.tar.gz")),
    _python_org("3.12.14", "5c8462af5790baf43a321a1559dbe0db06d1be4300fb85fb53c40060668e548a"),
    _python_org("3.13.15", "1e66a7945a48390ee4c2a4268a0e4185884059a13c4aab6d148aa208deea4a76", mirror = _debian("python{series}={version}-1:python{series}_{version}.orig.tar.xz")),
    _python_org("3.13.5", "93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640", mirror = _debian("python{series}={version}-2+deb13u5:python{series}_{version}.orig.tar.xz")),
    _python_org("3.14.7", "3b48dac8fb59f62eaa67ac83c1eb12bda1b7a08406dd286e252c11a66be27f81"),
    _python_org("3.15.0rc1", "f84dad680ab2147417d2739355c2678f0f9acffe4ae8ef77895de1454b384b07"),
]}

# The release each minor version resolves to, unless a monorepo pins another: the newest
# of the table's.
CPYTHON_LATEST = latest_releases(CPYTHON_RELEASES.keys())

def _archive(version, sha256, url, strip_prefix, mirror = None):
    """A library's source archive: url, strip_prefix and the mirror's origin are templates of the version."""
    parts = version.split(".")
    numbered = len(parts) == 3 and all([p.isdigit() for p in parts])
    fields = dict(
        version = version,
        series = ".".join(parts[:2]),
        sqlite_number = parts[0] + "".join([("0" + p)[-2:] for p in parts[1:]]) + "00" if numbered else "",
    )
    return struct(
        version = version,
        url = url.format(**fields),
        sha256 = sha256,
        strip_prefix = strip_prefix.format(**fields),
        mirror = _mirrored(mirror, fields),
    )

def _archives(*archives):
    return {a.version: a for a in archives}

# Libraries behind the optional modules, by name and version. In each row the version is
# written once: {version} in the URL and the folder is the row's version, {series} its
# major.minor, {sqlite_number} SQLite's way of writing it (3.52.0: 3520000).
LIBRARY_SOURCES = {
    "bzip2": _archives(
        _archive("1.0.8", "ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269", "https://sourceware.org/pub/bzip2/bzip2-{version}.tar.gz", "bzip2-{version}", mirror = _debian("bzip2={version}-6:bzip2_{version}.orig.tar.gz")),
    ),
    "gdbm": _archives(
        _archive("1.26", "6a24504a14de4a744103dcb936be976df6fbe88ccff26065e54c1c47946f4a5e", "https://ftp.gnu.org/gnu/gdbm/gdbm-{version}.tar.gz", "gdbm-{version}", mirror = _debian("gdbm={version}-1:gdbm_{version}.orig.tar.gz")),
    ),
    "libedit": _archives(
        _archive("20250104-3.1", "23792701694550a53720630cd1cd6167101b5773adddcb4104f7345b73a568ac", "https://www.thrysoee.dk/editline/libedit-{version}.tar.gz", "libedit-{version}", mirror = _debian("libedit=3.1-20250104-1:libedit_3.1-20250104.orig.tar.gz")),
    ),
    "libx11": _archives(
        _archive("1.8.12", "220fbcf54b6e4d8dc40076ff4ab87954358019982490b33c7802190b62d89ce1", "https://www.x.org/releases/individual/lib/libX11-{version}.tar.gz", "libX11-{version}", mirror = _debian("libx11=2:{version}-1:libx11_{version}.orig.tar.gz")),
    ),
    "libxau": _archives(
        _archive("1.0.11", "3a321aaceb803577a4776a5efe78836eb095a9e44bbc7a465d29463e1a14f189", "https://www.x.org/releases/individual/lib/libXau-{version}.tar.gz", "libXau-{version}", mirror = _debian("libxau=1:{version}-1:libxau_{version}.orig.tar.gz")),
    ),
    "libxcb": _archives(
        _archive("1.17.0", "2c69287424c9e2128cb47ffe92171e10417041ec2963bceafb65cb3fcf8f0b85", "https://xcb.freedesktop.org/dist/libxcb-{version}.tar.gz", "libxcb-{version}", mirror = _debian("libxcb={version}-2:libxcb_{version}.orig.tar.gz")),
    ),
    "libffi": _archives(
        _archive("3.4.4", "d66c56ad259a82cf2a9dfc408b32bf5da52371500b84745f7fb8b645712df676", "https://github.com/libffi/libffi/releases/download/v{version}/libffi-{version}.tar.gz", "libffi-{version}", mirror = _debian("libffi={version}-1:libffi_{version}.orig.tar.gz")),
    ),
    "mpdecimal": _archives(
        _archive("4.0.1", "96d33abb4bb0070c7be0fed4246cd38416188325f820468214471938545b1ac8", "https://www.bytereef.org/software/mpdecimal/releases/mpdecimal-{version}.tar.gz", "mpdecimal-{version}", mirror = _debian("mpdecimal={version}-6:mpdecimal_{version}.orig.tar.gz")),
    ),
    "ncurses": _archives(
        _archive("6.5", "136d91bc269a9a5785e5f9e980bc76ab57428f604ce3e5a5a90cebc767971cc6", "https://ftp.gnu.org/pub/gnu/ncurses/ncurses-{version}.tar.gz", "ncurses-{version}", mirror = _debian_repack("b37baafa436e7133bb12a185cb8f60e1599b1947e9f0181c76f3190acf28b6eb", "ncurses={version}+20250216-2:ncurses_{version}+20250216.orig.tar.gz")),
    ),
    "openssl": _archives(
        _archive("3.5.7", "a8c0d28a529ca480f9f36cf5792e2cd21984552a3c8e4aa11a24aa31aeac98e8", "https://github.com/openssl/openssl/releases/download/openssl-{version}/openssl-{version}.tar.gz", "openssl-{version}", mirror = _debian("openssl={version}-1~deb13u2:openssl_{version}.orig.tar.gz")),
    ),
    "readline": _archives(
        _archive("8.2", "3feb7171f16a84ee82ca18a36d7b9be109a52c04f492a053331d7d1095007c35", "https://ftp.gnu.org/gnu/readline/readline-{version}.tar.gz", "readline-{version}", mirror = _debian("readline={version}-6:readline_{version}.orig.tar.gz")),
        _archive("8.3", "fe5383204467828cd495ee8d1d3c037a7eba1389c22bc6a041f627976f9061cc", "https://ftp.gnu.org/gnu/readline/readline-{version}.tar.gz", "readline-{version}", mirror = _debian("readline={version}-4:readline_{version}.orig.tar.gz")),
    ),
    "sqlite": _archives(
        _archive("3.52.0", "f6b50b0c103392af32a8be15b2b9d25959de9a00a70c3979128aafeaa5338b3f", "https://www.sqlite.org/2026/sqlite-autoconf-{sqlite_number}.tar.gz", "sqlite-autoconf-{sqlite_number}", mirror = _npm("sqlite3@6.0.1:package/deps/sqlite-autoconf-{sqlite_number}.tar.gz")),
    ),
    "tcl": _archives(
        _archive("8.6.18", "14f9af32b1767ff718477a8f974ad03c34341097e6b43f4ce54644ee974e268e", "https://downloads.sourceforge.net/project/tcl/Tcl/{version}/tcl{version}-src.tar.gz", "tcl{version}", mirror = _debian_repack("615a2c2e06d2931b4ff2b035d40d6fc51ba5b81f41ff15943c67d98e01edb201", "tcl{series}={version}+dfsg-1:tcl{series}_{version}+dfsg.orig.tar.gz")),
        _archive("9.0.4", "d0aed49230bc02a65c1e0229e65f34590a4b037ec40d546f32573b467f7551ea", "https://downloads.sourceforge.net/project/tcl/Tcl/{version}/tcl{version}-src.tar.gz", "tcl{version}", mirror = _debian_repack("523956ef4bc830b09109a44143a546574c3b2d298ca7468ffaa2299818e0f073", "tcl{series}={version}+dfsg-2:tcl{series}_{version}+dfsg.orig.tar.gz")),
    ),
    "tk": _archives(
        _archive("8.6.18", "95cd528a80f5e4bdb557af9b14a7197d6860793a3894e25e7c9fad2ed05d4c3c", "https://downloads.sourceforge.net/project/tcl/Tcl/{version}/tk{version}-src.tar.gz", "tk{version}", mirror = _debian("tk{series}={version}-1:tk{series}_{version}.orig.tar.gz")),
        _archive("9.0.4", "d7a146d2917eb8b5cc95276dbf0e3d03c7464d2b19c1675357857c989301dbb4", "https://prdownloads.sourceforge.net/tcl/tk{version}-src.tar.gz", "tk{version}", mirror = _debian("tk{series}={version}-1:tk{series}_{version}.orig.tar.gz")),
    ),
    "util_linux": _archives(
        _archive("2.41.5", "f586e35d320ff537aab3ffeca37e9ecd482ccbe013590db4429a414d8aa6a728", "https://www.kernel.org/pub/linux/utils/util-linux/v{series}/util-linux-{version}.tar.xz", "util-linux-{version}", mirror = _debian("util-linux={version}-0+deb13u1:util-linux_{version}.orig.tar.xz")),
    ),
    "xz": _archives(
        _archive("5.8.1", "0b54f79df85912504de0b14aec7971e3f964491af1812d83447005807513cd9e", "https://github.com/tukaani-project/xz/releases/download/v{version}/xz-{version}.tar.xz", "xz-{version}", mirror = _debian("xz-utils={version}-1+deb13u1:xz-utils_{version}.orig.tar.xz")),
    ),
    "zlib": _archives(
        _archive("1.3.1", "9a93b2b7dfdac77ceba5a558a580e74667dd6fede4585b91eefb60f03b72df23", "https://github.com/madler/zlib/releases/download/v{version}/zlib-{version}.tar.gz", "zlib-{version}", mirror = _debian_repack("60dd315c07f616887caa029408308a018ace66e3d142726a97db164b3b8f69fb", "zlib=1:1.3.dfsg+really{version}-1:zlib_1.3.dfsg+really{version}.orig.tar.gz")),
    ),
}

# The C libraries the interpreter and every library are compiled and linked against, by
# name: unpacked Debian packages, so that what a build needs of glibc is the sysroot's
# (its glibc_version is then the oldest glibc the interpreter runs on), never the build
# machine's. Debian bullseye (glibc 2.31) covers Debian 11+, Ubuntu 20.04+ and RHEL 9+.
# Each is a path below a Debian mirror (the files are the same, same sha256, on every
# mirror): the repository rule takes the mirror from RULES_CPYTHON_DEBIAN_MIRROR or from
# the machine's apt configuration (rules/private/sysroot.bzl).
_BULLSEYE = "pool/main/"

# The sysroot that Bazel's own C targets compile and link against with the build tool
# set's gcc (an embedding program, a C extension): the one //config:sysroot defaults to.
NATIVE_C_SYSROOT = "debian_bullseye"

SYSROOTS = {
    "debian_bullseye": struct(
        glibc_version = "2.31",
        multiarch = "x86_64-linux-gnu",
        packages = [
            struct(
                pool = _BULLSEYE + "g/glibc/libc6_2.31-13+deb11u11_amd64.deb",
                sha256 = "05f7264da867b37f4c5ce49266b558ea1e81e05a9464f623152fca70f3550282",
            ),
            struct(
                pool = _BULLSEYE + "g/glibc/libc6-dev_2.31-13+deb11u11_amd64.deb",
                sha256 = "e7f7b45d9c5cfcf37609f0b6efd3c645272c812144703af89dfd32218fcb0fd3",
            ),
            struct(
                pool = _BULLSEYE + "l/linux/linux-libc-dev_5.10.223-1_amd64.deb",
                sha256 = "e3be603bd12377bb90fcfb0f2048ca3a81c886e49d6f09945b82159d1c54f7b2",
            ),
            # gcc links libgcc_s where unwinding needs it: the sysroot's, built for glibc 2.31.
            struct(
                pool = _BULLSEYE + "g/gcc-10/libgcc-s1_10.2.1-6_amd64.deb",
                sha256 = "e478f2709d8474165bb664de42e16950c391f30eaa55bc9b3573281d83a29daf",
            ),
        ],
    ),
}

# What libraries that come as data rather than as sources are made of: X11's protocol
# headers (xorgproto), the XCB protocol descriptions (xcb-proto) and their Python
# generator (xcbgen, packaged apart by Debian), X11's transport code that libX11 compiles in (xtrans). Their upstream
# archives are not reachable on rules_cpython's build machines; Debian's packages of them
# hold what their make install writes, and are the same on every architecture.
_TRIXIE = "pool/main/"

DATA_PACKAGES = {
    "x11proto": struct(
        version = "2024.1",
        pool = _TRIXIE + "x/xorgproto/x11proto-dev_2024.1-1_all.deb",
        sha256 = "6a6764500eb8171d3cd6d793c09902974f8ea87bd20c68d9eac5f1eeaf3fc407",
    ),
    "xcb_proto": struct(
        version = "1.17.0",
        pool = _TRIXIE + "x/xcb-proto/xcb-proto_1.17.0-1_all.deb",
        sha256 = "45d8455db9b689093f613eaa4937cf09cbf19a91ded5ffde072712ad815a71de",
    ),
    "xcbgen": struct(
        version = "1.17.0",
        pool = _TRIXIE + "x/xcb-proto/python3-xcbgen_1.17.0-1_all.deb",
        sha256 = "9cf9ae5a685ff7a344e91dbac5a88cfc4c64d98c7eb91604578d3e26884a74fb",
    ),
    "xtrans": struct(
        version = "1.4.0",
        pool = _TRIXIE + "x/xtrans/xtrans-dev_1.4.0-1_all.deb",
        sha256 = "9ce1af9464faee0c679348dd11cdf63934c12e734a64e0903692b0cb5af38e06",
    ),
}

def data_package_label(name):
    """The :files label of a data package (through the cpython extension's repository).

    Args:
      name: a key of DATA_PACKAGES.

    Returns:
      A Label.
    """
    return Label("@cpython_releases//:" + source_repo_name(name, DATA_PACKAGES[name].version))

def sysroot_repo_name(name):
    """The repository name of a sysroot: `<name>_sysroot`.

    Args:
      name: a key of SYSROOTS.

    Returns:
      The apparent repository name.
    """
    return name + "_sysroot"

# What each source is licensed under (an SPDX identifier) and the files of its archive
# that say so, relative to the archive's top folder: a distribution archive carries them.
LICENSES = {
    "bzip2": struct(spdx = "bzip2-1.0.6", files = ["LICENSE"]),
    "cpython": struct(spdx = "PSF-2.0", files = ["LICENSE"]),
    "gdbm": struct(spdx = "GPL-3.0-or-later", files = ["COPYING"]),
    "libedit": struct(spdx = "BSD-3-Clause", files = ["COPYING"]),
    "libffi": struct(spdx = "MIT", files = ["LICENSE"]),
    "libx11": struct(spdx = "X11", files = ["COPYING"]),
    "libxau": struct(spdx = "MIT-open-group", files = ["COPYING"]),
    "libxcb": struct(spdx = "X11", files = ["COPYING"]),
    "mpdecimal": struct(spdx = "BSD-2-Clause", files = ["COPYRIGHT.txt"]),
    "ncurses": struct(spdx = "X11-distribute-modifications-variant", files = ["COPYING"]),
    "openssl": struct(spdx = "Apache-2.0", files = ["LICENSE.txt"]),
    "readline": struct(spdx = "GPL-3.0-or-later", files = ["COPYING"]),
    # SQLite is in the public domain; its archive has no license file.
    "sqlite": struct(spdx = "blessing", files = []),
    "tcl": struct(spdx = "TCL", files = ["license.terms"]),
    "tk": struct(spdx = "TCL", files = ["license.terms"]),
    # Only libuuid is built from util-linux: its own licence, not the package's GPL.
    "util_linux": struct(spdx = "BSD-3-Clause", files = ["libuuid/COPYING"]),
    "xz": struct(spdx = "0BSD", files = ["COPYING", "COPYING.0BSD"]),
    "zlib": struct(spdx = "Zlib", files = ["LICENSE"]),
}

def license_files(srcs_target, name):
    """The license files of a source archive among its files.

    Args:
      srcs_target: the archive's :srcs target.
      name: its name in LICENSES.

    Returns:
      struct(files, missing): a depset of the Files found, and a tuple of the paths of
      LICENSES[name].files that the sources lack (a distribution archive fails on them; an
      interpreter does not). Both immutable: the struct travels in depsets.
    """
    by_path = {}
    for f in srcs_target.files.to_list():
        root = f.owner.workspace_root
        by_path[f.path[len(root) + 1:] if root else f.path] = f
    return struct(
        files = depset([by_path[path] for path in LICENSES[name].files if path in by_path]),
        missing = tuple([path for path in LICENSES[name].files if path not in by_path]),
    )

def source_repo_name(name, version):
    """The repository name of a pinned source: `<name>_<version with _ for . and ->`.

    Args:
      name: library name, or "cpython".
      version: its version.

    Returns:
      The apparent repository name.
    """
    return "%s_%s" % (name, version.replace(".", "_").replace("-", "_"))

def library_version(name, series = ""):
    """The pinned version of a library, or of one of its release series.

    Args:
      name: a key of LIBRARY_SOURCES.
      series: a version prefix ("8", "9.0") when several versions are pinned.

    Returns:
      The version string.
    """
    versions = [v for v in LIBRARY_SOURCES[name] if v == series or v.startswith(series + ".") or not series]
    if len(versions) != 1:
        fail("%s: %d pinned versions match %r: %s" % (name, len(versions), series, ", ".join(LIBRARY_SOURCES[name])))
    return versions[0]

def library_srcs(name, series = ""):
    """The :srcs label of a library's pinned source (through the cpython extension's repository).

    Args:
      name: a key of LIBRARY_SOURCES.
      series: as for library_version.

    Returns:
      A Label.
    """
    return Label("@cpython_releases//:" + source_repo_name(name, library_version(name, series)))

_SRCS_BUILD = """\
# Only the sources: how to build them lives in rules_cpython's third_party/.
filegroup(
    name = "srcs",
    srcs = glob(["**"]),
    visibility = ["//visibility:public"],
)
"""

# Files that would make a folder of the sources a package (or repository) of its own and
# take it out of :srcs. Tcl bundles zlib 1.3.1, which ships a BUILD.bazel.
_BAZEL_FILES = ["BUILD", "BUILD.bazel", "WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel", "REPO.bazel"]

def _remove_bazel_files(repository_ctx):
    folders = [repository_ctx.path(".")]

    # Starlark has no recursion or while: walk breadth-first with a bounded loop.
    for _ in range(1000000):
        if not folders:
            break
        folder = folders.pop()
        for entry in folder.readdir():
            if entry.is_dir:
                folders.append(entry)
            elif entry.basename in _BAZEL_FILES:
                repository_ctx.delete(entry)

def patch_strip(patch_args, what):
    """The -pN of patch arguments: the only patch argument the rules apply.

    Args:
      patch_args: list of strings, as http_archive's patch_args.
      what: what is patched, for the error message.

    Returns:
      int, the number of leading path components to strip.
    """
    strip = 0
    for arg in patch_args:
        if not (arg.startswith("-p") and arg[2:].isdigit()):
            fail("rules_cpython: patch_args of %s: %r is not supported; allowed: -pN (e.g. -p1), the number of leading path components to strip" % (what, arg))
        strip = int(arg[2:])
    return strip

_PROBE = "rules_cpython_checksum_probe"

def _source_archive_impl(repository_ctx):
    attr = repository_ctx.attr
    fetched = repository_ctx.download_and_extract(
        url = attr.urls,
        sha256 = attr.sha256,
        stripPrefix = attr.strip_prefix,
        allow_fail = True,
    )
    if not fetched.success:
        # Fetch it again without a checksum, only to tell a wrong checksum from a failed
        # download.
        probe = repository_ctx.download(url = attr.urls, output = _PROBE, allow_fail = True)
        if probe.success:
            repository_ctx.delete(_PROBE)
            fail("rules_cpython: the source archive of %s (%s) has sha256 %s, but %s expects %s. Check the archive, or give its sha256." % (
                attr.what,
                " ".join(attr.urls),
                probe.sha256,
                attr.origin,
                attr.sha256,
            ))
        pinned = ""
        if attr.table_sha256 and attr.table_sha256 != attr.sha256:
            # Offline, a wrong checksum looks like a failed download: --distdir serves files
            # by their checksum.
            pinned = " rules_cpython's table pins this archive with sha256 %s, not %s." % (attr.table_sha256, attr.sha256)
        fail("rules_cpython: could not download the source archive of %s from %s (sha256 %s, from %s).%s Without network access the file must be in --distdir or Bazel's repository cache." % (
            attr.what,
            " ".join(attr.urls),
            attr.sha256,
            attr.origin,
            pinned,
        ))
    strip = patch_strip(attr.patch_args, attr.what)
    for patch in attr.patches:
        repository_ctx.patch(patch, strip = strip)
    _remove_bazel_files(repository_ctx)
    _list_executables(repository_ctx, attr.what)
    repository_ctx.file("BUILD.bazel", _SRCS_BUILD)
    repository_ctx.file("REPO.bazel", "")

# The file that lists the archive's executable files (the builder's srctree package reads
# it): Bazel sends every input to a remote-execution service as executable, and a build
# looks at modes (CPython's make install copies an executable file of Lib/ as a script).
EXECUTABLES_MANIFEST = "rules_cpython_executables.txt"

def _list_executables(repository_ctx, what):
    found = repository_ctx.execute(["find", ".", "-type", "f", "-perm", "/111", "-printf", "%P\\n"])
    if found.return_code != 0:
        fail("rules_cpython: listing the executable files of %s: %s" % (what, found.stderr))
    names = sorted([n for n in found.stdout.splitlines() if n])
    repository_ctx.file(EXECUTABLES_MANIFEST, "".join([n + "\n" for n in names]), executable = False)

source_archive = repository_rule(
    implementation = _source_archive_impl,
    doc = "A pinned source archive, checked against its sha256 and patched, exposing every file as :srcs.",
    attrs = {
        "urls": attr.string_list(mandatory = True),
        "sha256": attr.string(mandatory = True),
        "strip_prefix": attr.string(),
        "patches": attr.label_list(allow_files = True),
        "patch_args": attr.string_list(),
        "what": attr.string(doc = "What the archive is, for messages: a name and its version."),
        "origin": attr.string(doc = "Who pinned it, for messages: rules_cpython's table or a module's tag."),
        "table_sha256": attr.string(doc = "The sha256 rules_cpython's table has for an archive at the same URLs, for messages."),
    },
)

_RELEASES_BZL = """\
# Written by rules_cpython's `cpython` module extension: the CPython releases the rules
# build from, after the tags of the modules that use the extension.
CPYTHON_RELEASES = {releases}

# The release each major.minor version resolves to.
CPYTHON_LATEST = {latest}

# Sources replaced or patched by a module's tag: repository name -> who did it.
REPLACED_SOURCES = {replaced}

# What each source archive is, by the label of its :srcs (and, for CPython, of its alias
# here): name, version, urls, sha256, who pinned it, patches.
SOURCE_ARCHIVES = {{
{archives}}}
"""

def _archive_entries(archives):
    entries = []
    for repo, facts in sorted(archives.items()):
        labels = ["@%s//:srcs" % repo]
        if facts["name"] == "cpython":
            labels.append("//:" + facts["version"])
        for label in labels:
            entries.append("    Label(%r): %r,\n" % (label, facts))
    return entries

def _releases_hub_impl(repository_ctx):
    attr = repository_ctx.attr
    repository_ctx.file("releases.bzl", _RELEASES_BZL.format(
        releases = repr(sorted(attr.releases)),
        latest = repr(dict(sorted(attr.latest.items()))),
        replaced = repr(dict(sorted(attr.replaced.items()))),
        archives = "".join(_archive_entries(json.decode(attr.archives))),
    ))
    targets = {v: "@%s//:srcs" % source_repo_name("cpython", v) for v in attr.releases}
    targets.update({repo: "@%s//:srcs" % repo for repo in attr.library_repos})
    targets.update({repo: "@%s//:files" % repo for repo in attr.data_repos})
    aliases = ["""alias(
    name = "{name}",
    actual = "{actual}",
    visibility = ["//visibility:public"],
)
""".format(name = name, actual = actual) for name, actual in sorted(targets.items())]
    repository_ctx.file("BUILD.bazel", "exports_files([\"releases.bzl\"])\n\n" + "\n".join(aliases))
    repository_ctx.file("REPO.bazel", "")

releases_hub = repository_rule(
    implementation = _releases_hub_impl,
    doc = """The `cpython_releases` repository: releases.bzl, and an alias to each source
repository of the extension (`:<version>` for a CPython release, `:<repository name>` for a
library's or a data package's), through which the rules reach them: rules_cpython's
MODULE.bazel then names no versioned repository.""",
    attrs = {
        "releases": attr.string_list(),
        "library_repos": attr.string_list(doc = "The libraries' source repositories (their :srcs)."),
        "data_repos": attr.string_list(doc = "The data packages' repositories (their :files)."),
        "latest": attr.string_dict(),
        "replaced": attr.string_dict(),
        "archives": attr.string(doc = "JSON: repository name -> its archive's facts (SOURCE_ARCHIVES)."),
    },
)
