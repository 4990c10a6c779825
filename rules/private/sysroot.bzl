"""Pinned Debian packages, unpacked: sysroots (the C library builds compile and link against) and data packages."""

load(":providers.bzl", "CpythonSysrootInfo")

def _relative(link_dir, target):
    """The relative path from folder link_dir to target, both absolute in the sysroot."""
    here = [p for p in link_dir.split("/") if p]
    there = [p for p in target.split("/") if p]
    common = 0
    for i in range(min(len(here), len(there))):
        if here[i] != there[i]:
            break
        common = i + 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."

_LD_SCRIPT = "/* GNU ld script"

def _sysroot_relative_script(rctx, path):
    """Prefixes the absolute library paths of a linker script with =, when it is one."""
    text = rctx.read(path)
    if not text.startswith(_LD_SCRIPT):
        return
    words = []
    for word in text.split(" "):
        if word.startswith("/lib/") or word.startswith("/lib64/") or word.startswith("/usr/lib/"):
            word = "=" + word
        words.append(word)
    rctx.file(path, " ".join(words), executable = False, legacy_utf8 = False)

MIRROR_ENV = "RULES_CPYTHON_DEBIAN_MIRROR"

_APT_SOURCES = ["/etc/apt/sources.list"]

def _debian_mirror(rctx):
    """The Debian mirror: RULES_CPYTHON_DEBIAN_MIRROR, or the first one apt is configured with."""
    mirror = rctx.getenv(MIRROR_ENV, "")
    if mirror:
        return mirror.rstrip("/")
    files = list(_APT_SOURCES)
    sources_d = rctx.path("/etc/apt/sources.list.d")
    if sources_d.exists:
        files += [str(e) for e in sources_d.readdir() if e.basename.endswith(".sources") or e.basename.endswith(".list")]
    for f in files:
        path = rctx.path(f)
        if not path.exists:
            continue
        rctx.watch(path)
        for line in rctx.read(path).splitlines():
            for word in line.split(" "):
                if (word.startswith("http://") or word.startswith("https://")) and word.rstrip("/").endswith("/debian"):
                    return word.rstrip("/")
    return ""

def _download(rctx, package, output, what):
    mirror = _debian_mirror(rctx)
    if not mirror:
        fail("rules_cpython: %s comes from a Debian mirror, and none is known: set --repo_env=%s=<the mirror's URL, ending in /debian>, or configure one for apt" % (what, MIRROR_ENV))
    url = mirror + "/" + package["pool"]
    fetched = rctx.download(url = [url], output = output, sha256 = package["sha256"], allow_fail = True)
    if not fetched.success:
        fail("rules_cpython: could not download %s of %s (sha256 %s). Without network access the file must be in --distdir or Bazel's repository cache." % (
            url,
            what,
            package["sha256"],
        ))

def unpack_debian_packages(rctx, packages, what):
    """Unpacks the data of Debian packages into root/, with relative links.

    Args:
      rctx: the repository context.
      packages: list of dicts with pool (the path below a Debian mirror) and sha256.
      what: what they make, for messages.
    """
    root = rctx.path("root")
    for package in packages:
        name = package["pool"].rsplit("/", 1)[-1]
        deb, unpacked = "debs/" + name, "debs/" + name.removesuffix(".deb")
        _download(rctx, package, deb, what)
        rctx.extract(deb, output = unpacked)
        data = [e for e in rctx.path(unpacked).readdir() if e.basename.startswith("data.tar")]
        if len(data) != 1:
            fail("rules_cpython: %s is not a Debian package with one data.tar.* (it has %s)" % (package["pool"], [e.basename for e in rctx.path(unpacked).readdir()]))
        rctx.extract(data[0], output = "root")
    rctx.delete("debs")

    # Debian's links are absolute (/lib/x86_64-linux-gnu/libm.so.6): followed as they
    # are, they would reach the build machine's files. Bazel's extraction may have
    # rebased them below root/; either way they become relative.
    found = rctx.execute(["find", "root", "-type", "l", "-lname", "/*", "-printf", "%p\t%l\n"])
    if found.return_code != 0:
        fail("rules_cpython: listing the links of %s: %s" % (what, found.stderr))
    for line in found.stdout.splitlines():
        link, target = line.split("\t")
        target = target.removeprefix(str(root))
        in_root = link.removeprefix("root")
        made = rctx.execute(["ln", "-sfn", _relative(in_root.rsplit("/", 1)[0], target), link])
        if made.return_code != 0:
            fail("rules_cpython: making %s a relative link: %s" % (link, made.stderr))

def _debian_sysroot_impl(rctx):
    what = "the %s sysroot" % rctx.attr.sysroot
    unpack_debian_packages(rctx, json.decode(rctx.attr.packages), what)

    # glibc's linker scripts (libc.so: GROUP ( /lib/x86_64-linux-gnu/libc.so.6 ... )) name
    # libraries by absolute path, which ld looks up in the sysroot only when it finds the
    # script itself there; in a sandbox, where the script is a link to this repository,
    # it would take the machine's libc. A leading = means "in the sysroot" to GNU ld and lld.
    for folder in ["root/usr/lib/" + rctx.attr.multiarch, "root/lib/" + rctx.attr.multiarch]:
        if rctx.path(folder).exists:
            for entry in rctx.path(folder).readdir():
                if entry.basename.endswith(".so") and not entry.is_dir:
                    _sysroot_relative_script(rctx, entry)

    # What a compiler never reads: documentation, locales, iconv modules.
    for unused in ["root/usr/share", "root/usr/lib/%s/gconv" % rctx.attr.multiarch, "root/etc"]:
        rctx.delete(unused)
    libc = "root/lib/%s/libc-%s.so" % (rctx.attr.multiarch, rctx.attr.glibc_version)
    if not rctx.path(libc).exists:
        fail("rules_cpython: the %s sysroot has no %s: its packages are not glibc %s, as rules_cpython's table says" % (rctx.attr.sysroot, libc, rctx.attr.glibc_version))
    rctx.file("BUILD.bazel", """\
load("{bzl}", "cpython_sysroot")

filegroup(
    name = "files",
    srcs = glob(["root/**"]),
    visibility = ["//visibility:public"],
)

cpython_sysroot(
    name = "sysroot",
    srcs = glob(["root/**"]),
    glibc_version = "{glibc}",
    multiarch = "{multiarch}",
    visibility = ["//visibility:public"],
)
""".format(bzl = str(Label("//rules/private:sysroot.bzl")), glibc = rctx.attr.glibc_version, multiarch = rctx.attr.multiarch))
    rctx.file("REPO.bazel", "")

debian_sysroot = repository_rule(
    implementation = _debian_sysroot_impl,
    doc = "A sysroot unpacked from pinned Debian packages (checked by sha256), exposed as :sysroot (cpython_sysroot).",
    attrs = {
        "sysroot": attr.string(doc = "Its name in rules_cpython's table, for messages."),
        "packages": attr.string(doc = "JSON list of {pool, sha256}: the .deb files (paths below a Debian mirror), unpacked in order."),
        "glibc_version": attr.string(mandatory = True),
        "multiarch": attr.string(mandatory = True, doc = "Debian's name of the architecture's library folders: x86_64-linux-gnu."),
    },
    environ = [MIRROR_ENV],
)

def _cpython_sysroot_impl(ctx):
    if not ctx.files.srcs:
        return [CpythonSysrootInfo(files = depset(), cflags = [], ldflags = [], glibc_version = "")]
    root = "/".join([p for p in [ctx.label.workspace_root, ctx.label.package, "root"] if p])
    libs = ["%s/usr/lib/%s" % (root, ctx.attr.multiarch), "%s/lib/%s" % (root, ctx.attr.multiarch)]
    return [CpythonSysrootInfo(
        files = depset(ctx.files.srcs),
        cflags = ["--sysroot=" + root],
        # The compiler searches its own folders first, and a Debian compiler's name the
        # machine's libraries (/usr/lib/gcc/x86_64-linux-gnu/16/../../../x86_64-linux-gnu):
        # -B and -L put the sysroot's C runtime (crt1.o) and libraries ahead of them.
        ldflags = ["--sysroot=" + root, "-B%s/" % libs[0]] + ["-L" + d for d in libs],
        glibc_version = ctx.attr.glibc_version,
    )]

cpython_sysroot = rule(
    implementation = _cpython_sysroot_impl,
    doc = "A sysroot, from the files below root/ of its package; without files, the machine's own C library.",
    attrs = {
        "srcs": attr.label_list(allow_files = True),
        "glibc_version": attr.string(),
        "multiarch": attr.string(),
    },
    provides = [CpythonSysrootInfo],
)

def _debian_data_package_impl(rctx):
    unpack_debian_packages(rctx, [{"pool": rctx.attr.pool, "sha256": rctx.attr.sha256}], rctx.attr.what)
    for unused in ["root/usr/share/doc", "root/usr/share/man"]:
        rctx.delete(unused)
    rctx.file("BUILD.bazel", """\
# The package's files below usr/, which its pkg-config files call prefix.
filegroup(
    name = "files",
    srcs = glob(["root/usr/**"]),
    visibility = ["//visibility:public"],
)
""")
    rctx.file("REPO.bazel", "")

debian_data_package = repository_rule(
    implementation = _debian_data_package_impl,
    doc = "The files of a pinned Debian package (checked by sha256) that holds data, not code: :files, below root/usr.",
    attrs = {
        "pool": attr.string(mandatory = True, doc = "Its path below a Debian mirror."),
        "sha256": attr.string(mandatory = True),
        "what": attr.string(doc = "What it is, for messages."),
    },
    environ = [MIRROR_ENV],
)
