"""The build tool set: every program a library or interpreter build runs, pinned.

The repository `rules_cpython_build_tools` unpacks the Debian packages of
build_tools_packages.bzl (gcc, binutils, make, perl, bash, coreutils...; URL and sha256
each) and makes them run from any folder on any Linux x86_64 kernel, whatever the
machine's own C library: each ELF program moves to elf/<its path>, and at its path a
`#!/bin/sh` wrapper starts it through the set's own dynamic loader and library path. So
an action that lists the set as inputs runs nothing of the machine but /bin/sh, which
every remote-execution image has, and its key names every byte of every tool.

A wrapper finds the set at RULES_CPYTHON_BUILD_TOOLS (the builder sets it; a wrapper
exports it for its children), else from its own path. Programs that look for their own
files from where their binary is (gcc, perl, python, file) are told where they are by the
variables of TOOL_ENV.
"""

load(":build_tools_packages.bzl", "PACKAGES", "SUITE")
load(":clang_tools_packages.bzl", CLANG_PACKAGES = "PACKAGES")
load(":compilers.bzl", "COMPILERS", "toolchain_config_text")
load(":providers.bzl", "BuildToolsInfo")
load(":sysroot.bzl", "MIRROR_ENV", "unpack_debian_packages")

MULTIARCH = "x86_64-linux-gnu"

# The set's dynamic loader and library folders, below root/.
LOADER = "usr/lib/%s/ld-linux-x86-64.so.2" % MULTIARCH
LIBRARY_PATH = ["usr/lib/%s" % MULTIARCH, "lib/%s" % MULTIARCH]

# Where the set's programs are, below root/: the builder's tool path.
TOOL_FOLDERS = ["usr/bin"]

# The programs configure scripts and makefiles of the libraries call, linked from the set
# into a build's bin/ (its PATH); those the tool path lacks are left out.
BUILD_TOOLS = [
    "[",
    "ar",
    "as",
    "awk",
    "basename",
    "bash",
    "cat",
    "chmod",
    "cmp",
    "comm",
    "cp",
    "cpp",
    "cut",
    "date",
    "diff",
    "dirname",
    "echo",
    "egrep",
    "env",
    "expr",
    "false",
    "fgrep",
    "file",
    "find",
    "gawk",
    "grep",
    "gzip",
    "head",
    "hostname",
    "id",
    "install",
    "ld",
    "ld.bfd",
    "ln",
    "ls",
    "m4",
    "make",
    "mawk",
    "mkdir",
    "mktemp",
    "mv",
    "nm",
    "objcopy",
    "objdump",
    "od",
    "paste",
    "patch",
    "perl",
    "pkg-config",
    "printf",
    "pwd",
    "ranlib",
    "readelf",
    "readlink",
    "realpath",
    "rm",
    "rmdir",
    "sed",
    "sh",
    "sleep",
    "sort",
    "strip",
    "tail",
    "tar",
    "tee",
    "test",
    "touch",
    "tr",
    "true",
    "tsort",
    "uname",
    "uniq",
    "wc",
    "which",
    "xargs",
    "xz",
]

# Programs single libraries ask for (autotools_library's tools): libxcb's build runs
# python3.
LIBRARY_TOOLS = ["python3"]

# Variables a program needs to find its own files, by its path below root/; {root} is the
# unpacked set. gcc would otherwise derive its folders from the real path of its binary
# (elf/...) and look for as and ld on PATH; perl's @INC and python's prefix are compiled
# in as /usr; libmagic reads /usr/lib/file/magic.mgc.
# perl's own path, $^X, is /proc/self/exe: the loader. Scripts start perl again by it
# (OpenSSL's perlasm pipes into "$^X" x86_64-xlate.pl), so this module, loaded by every
# perl of the set (PERL5OPT), sets it to the wrapper.
_PERL_EXE_MODULE = "rules_cpython_perl_exe"

_GCC_ENV = {"GCC_EXEC_PREFIX": "{root}/usr/lib/gcc/", "COMPILER_PATH": "{root}/usr/bin"}

TOOL_ENV = {
    "usr/bin/%s-gcc-14" % MULTIARCH: _GCC_ENV,
    "usr/bin/%s-cpp-14" % MULTIARCH: _GCC_ENV,
    "usr/bin/%s-gcov-14" % MULTIARCH: _GCC_ENV,
    "usr/bin/perl": {"PERL5OPT": "-M" + _PERL_EXE_MODULE, "RULES_CPYTHON_PERL": "{root}/usr/bin/perl", "PERL5LIB": ":".join([
        "{root}/etc/perl",
        "{root}/usr/lib/%s/perl5/5.40" % MULTIARCH,
        "{root}/usr/share/perl5",
        "{root}/usr/lib/%s/perl-base" % MULTIARCH,
        "{root}/usr/lib/%s/perl/5.40" % MULTIARCH,
        "{root}/usr/share/perl/5.40",
    ])},
    "usr/bin/python3.13": {"PYTHONHOME": "{root}/usr", "PYTHONNOUSERSITE": "1"},
    "usr/bin/file": {"MAGIC": "{root}/usr/lib/file/magic.mgc"},
}

# Links the set adds (link to program, below root/): Debian's /bin/sh is dash, which the
# set leaves out for bash; awk and which are Debian alternatives, which dpkg would make;
# cpp is Debian's cpp package (libX11's configure looks for a cpp of that name, in /lib
# and /usr/bin too when the build's PATH has none).
EXTRA_LINKS = {
    "usr/bin/sh": "usr/bin/bash",
    "usr/bin/awk": "usr/bin/gawk",
    "usr/bin/which": "usr/bin/which.debianutils",
    "usr/bin/cpp": "usr/bin/%s-cpp-14" % MULTIARCH,
}

# The variables the builder sets to paths of the set, below root/: configure scripts run
# CONFIG_SHELL (and write it into makefiles as SHELL), OpenSSL's Configure runs PERL (perl's
# own idea of its path, $^X, is the loader's).
ENV_PATHS = {"CONFIG_SHELL": "usr/bin/bash", "PERL": "usr/bin/perl"}

# The variable that says where the set is, for its wrappers.
ROOT_ENV = "RULES_CPYTHON_BUILD_TOOLS"

# The C compiler's programs, as rules_cc names them, below root/.
GCC_TOOLS = {
    "gcc": "usr/bin/%s-gcc-14" % MULTIARCH,
    "cpp": "usr/bin/%s-cpp-14" % MULTIARCH,
    "ar": "usr/bin/%s-ar" % MULTIARCH,
    "ld": "usr/bin/%s-ld.bfd" % MULTIARCH,
    "nm": "usr/bin/%s-nm" % MULTIARCH,
    "objcopy": "usr/bin/%s-objcopy" % MULTIARCH,
    "objdump": "usr/bin/%s-objdump" % MULTIARCH,
    "strip": "usr/bin/%s-strip" % MULTIARCH,
    "gcov": "usr/bin/%s-gcov-14" % MULTIARCH,
    "c++filt": "usr/bin/%s-c++filt" % MULTIARCH,
}

GCC_VERSION = "14"

# clang, lld and LLVM's programs (clang_tools_packages.bzl), below root/: the folder of
# their unversioned names, on the tool path of a set that has them.
LLVM_BIN = "usr/lib/llvm-19/bin"

CLANG_TOOLS = {
    "gcc": LLVM_BIN + "/clang",
    "cpp": LLVM_BIN + "/clang-cpp",
    "ar": LLVM_BIN + "/llvm-ar",
    "ld": LLVM_BIN + "/ld.lld",
    "nm": LLVM_BIN + "/llvm-nm",
    "objcopy": LLVM_BIN + "/llvm-objcopy",
    "objdump": LLVM_BIN + "/llvm-objdump",
    "strip": LLVM_BIN + "/llvm-strip",
    "gcov": LLVM_BIN + "/llvm-cov",
    "dwp": LLVM_BIN + "/llvm-dwp",
    "c++filt": LLVM_BIN + "/llvm-cxxfilt",
}

CLANG_VERSION = "19"

# clang's own headers (its resource folder's).
CLANG_INCLUDE_DIRS = ["usr/lib/llvm-19/lib/clang/19/include"]

# Arguments a wrapper passes before the caller's, by the program's path below root/.
# clang finds its resource folder and its linker from its own path, which it takes from
# /proc/self/exe (here the loader) unless told to take argv[0] (the wrapper); its -cc1
# modes take no driver flags.
TOOL_ARGS = {
    LLVM_BIN + "/clang": struct(args = ["-no-canonical-prefixes"], unless_first = "-cc1"),
}

# gcc's own headers, which Bazel's include check must know. (Debian's gcc has no
# include-fixed: a folder named here must exist, or the builder cannot map it into its
# scratch folder and the build records the workspace's repository name.)
GCC_INCLUDE_DIRS = ["usr/lib/gcc/%s/14/include" % MULTIARCH]

def _is_shared_library(path):
    name = path.rsplit("/", 1)[-1]
    return name.endswith(".so") or ".so." in name

def _wrapper(at, path, env, tool_args):
    """The script that stands at `at` (below root/) for the ELF program elf/<path>."""
    up = "/".join([".."] * (at.count("/") + 1))
    first = ""
    if tool_args:
        first = 'case ${{1:-}} in {unless}*) ;; *) set -- {args} "$@" ;; esac\n'.format(
            unless = tool_args.unless_first,
            args = " ".join(tool_args.args),
        )
    exports = "".join([
        '%s="%s"; export %s\n' % (k, v.replace("{root}", "$t/root"), k)
        for k, v in sorted(env.items())
    ])
    return """#!/bin/sh
# rules_cpython's build tool set: {path}, started through the set's own C library.
t=${{RULES_CPYTHON_BUILD_TOOLS:-}}
if [ -z "$t" ]; then
  case $0 in
  /*) t=${{0%/*}}/{up} ;;
  *) t=$PWD/${{0%/*}}/{up} ;;
  esac
  RULES_CPYTHON_BUILD_TOOLS=$t; export RULES_CPYTHON_BUILD_TOOLS
fi
{exports}{first}exec "$t/root/{loader}" --inhibit-cache --library-path "{library_path}" --argv0 "$0" "$t/elf/{path}" "$@"
""".format(
        path = path,
        up = up,
        exports = exports,
        first = first,
        loader = LOADER,
        library_path = ":".join(["$t/root/" + d for d in LIBRARY_PATH]),
    )

def _run_pinned(rctx, program, args, what):
    """Runs a program of the unpacked set (its path below root/) through the set's loader."""
    root = str(rctx.path("root"))
    result = rctx.execute(
        [root + "/" + LOADER, "--inhibit-cache", "--library-path", ":".join([root + "/" + d for d in LIBRARY_PATH]), root + "/" + program] + args,
        environment = {"LC_ALL": "C"},
    )
    if result.return_code != 0:
        fail("rules_cpython: %s (the build tool set's %s) failed: %s" % (what, program, result.stderr))
    return result.stdout

def _packages(with_clang):
    """The set's packages: build_tools_packages.bzl's, and clang_tools_packages.bzl's with clang.

    clang_tools_packages.bzl has build_tools_packages.bzl as its BASE: tools/debpin pins
    there only what clang needs beyond the base, in the base's suite.
    """
    if not with_clang:
        return PACKAGES
    pinned = {p.name: True for p in PACKAGES}
    for p in CLANG_PACKAGES:
        if p.name in pinned:
            fail("rules_cpython: %s is pinned in build_tools_packages.bzl and in clang_tools_packages.bzl, its base: run `go run ./tools/debpin -lock rules/private/clang_tools_packages.bzl` again" % p.name)
    return PACKAGES + CLANG_PACKAGES

def _placement(root, sysroot, multiarch, include_dirs):
    """Flags that place a compiler's headers and libraries: its own and the sysroot's.

    The include folders are named one by one, relative to the execroot: given only
    --sysroot, gcc names the sysroot's headers by absolute paths (in a sandbox, the
    sandbox's), which Bazel's include check refuses; named with -isystem, they stay as
    written.
    """
    dirs = [root + "/" + d for d in include_dirs] + [
        "%s/usr/include/%s" % (sysroot, multiarch),
        sysroot + "/usr/include",
    ]
    return struct(
        include_dirs = dirs,
        compile_flags = ["-nostdinc"] + ["-isystem" + d for d in dirs],
        link_flags = ["-B%s/usr/lib/%s/" % (sysroot, multiarch)] + ["-L%s/%s/%s" % (sysroot, d, multiarch) for d in ["usr/lib", "lib"]],
    )

# Each compiler of a set: its programs, its own headers and its version (below root/).
# Each compiler of the set: its programs, its header folders, its version, and flags
# for every compile and link (a pattern over the set's root and the multiarch triple).
# clang takes gcc's start files and libgcc from gcc's folder (the sysroot holds the C
# library only).
_SET_COMPILERS = {
    "gcc": struct(tools = GCC_TOOLS, include_dirs = GCC_INCLUDE_DIRS, version = GCC_VERSION, flags = []),
    "clang": struct(
        tools = CLANG_TOOLS,
        include_dirs = CLANG_INCLUDE_DIRS,
        version = CLANG_VERSION,
        flags = ["--gcc-install-dir={root}/usr/lib/gcc/{multiarch}/" + GCC_VERSION],
    ),
}

def _toolchain(name, root, sysroot, multiarch):
    """The cc_toolchain_config of the set's compiler `name`, as struct(name, config)."""
    compiler = _SET_COMPILERS[name]
    placement = _placement(root, sysroot, multiarch, compiler.include_dirs)
    return struct(name = name, config = toolchain_config_text(
        name = name,
        compiler = COMPILERS[name],
        tool_paths = {k: "root/" + v for k, v in compiler.tools.items()},
        include_dirs = placement.include_dirs,
        version = compiler.version,
        sysroot = sysroot,
        extra_flags = [f.format(root = root, multiarch = multiarch) for f in compiler.flags],
        extra_compile_flags = placement.compile_flags,
        extra_link_flags = placement.link_flags,
    ))

def _cc_toolchain_text(compiler):
    return compiler.config + """
cc_toolchain(
    name = "{name}",
    all_files = ":files_with_sysroot",
    ar_files = ":files",
    as_files = ":files",
    compiler_files = ":files_with_sysroot",
    dwp_files = ":files",
    linker_files = ":files_with_sysroot",
    objcopy_files = ":files",
    strip_files = ":files",
    supports_param_files = 1,
    toolchain_config = ":{name}_config",
    toolchain_identifier = "rules_cpython_{name}",
)
""".format(name = compiler.name)

def _build_tools_impl(rctx):
    what = "the build tool set (Debian %s%s)" % (SUITE, ", with clang" if rctx.attr.with_clang else "")
    unpack_debian_packages(rctx, [{"pool": p.pool, "sha256": p.sha256} for p in _packages(rctx.attr.with_clang)], what)
    if not rctx.path("root/" + LOADER).exists:
        fail("rules_cpython: the build tool set has no root/%s: its packages are not what build_tools.bzl expects" % LOADER)
    for link, target in EXTRA_LINKS.items():
        rctx.symlink(rctx.path("root/" + target), "root/" + link)

    # Links into what the set leaves out (Debian's alternatives, configuration) go: an
    # input must exist.
    for p in _run_pinned(rctx, "usr/bin/find", ["root", "-xtype", "l", "-printf", "%P\\n"], "listing broken links").splitlines():
        if p:
            rctx.delete("root/" + p)

    rctx.file("root/usr/share/perl5/%s.pm" % _PERL_EXE_MODULE, "package %s;\n$^X = $ENV{RULES_CPYTHON_PERL} if $ENV{RULES_CPYTHON_PERL};\n1;\n" % _PERL_EXE_MODULE, executable = False)

    # Never read: documentation, locales.
    for unused in ["root/usr/share/doc", "root/usr/share/man", "root/usr/share/info", "root/usr/share/locale"]:
        rctx.delete(unused)

    listed = _run_pinned(rctx, "usr/bin/find", ["root", "-type", "f", "-perm", "/111", "-printf", "%P\\n"], "listing the programs")
    elf = sorted([
        p
        for p in listed.splitlines()
        if p and p != LOADER and not _is_shared_library(p) and rctx.read("root/" + p)[:4] == "\177ELF"
    ])
    elf_set = {p: True for p in elf}

    # A link to a program becomes a wrapper of its own, so that a wrapper's own path says
    # where the set is (a link in another folder would not).
    root_real = str(rctx.path("root").realpath) + "/"
    links = {}
    for p in _run_pinned(rctx, "usr/bin/find", ["root", "-type", "l", "-printf", "%P\\n"], "listing the links").splitlines():
        real = str(rctx.path("root/" + p).realpath).removeprefix(root_real)
        if real in elf_set:
            links[p] = real

    by_folder = {}
    for p in elf:
        folder = p.rsplit("/", 1)[0] if "/" in p else "."
        by_folder.setdefault(folder, []).append("root/" + p)
    _run_pinned(rctx, "usr/bin/mkdir", ["-p"] + ["elf/" + f for f in sorted(by_folder)], "making elf/")

    # mv's own folder last: it moves itself there.
    for folder in sorted(by_folder, key = lambda f: f == "usr/bin"):
        _run_pinned(rctx, "usr/bin/mv", ["-t", "elf/" + folder] + by_folder[folder], "moving the programs of " + folder)
    for p in elf:
        rctx.file("root/" + p, _wrapper(p, p, TOOL_ENV.get(p, {}), TOOL_ARGS.get(p)), executable = True)
    for p, real in sorted(links.items()):
        rctx.delete("root/" + p)
        rctx.file("root/" + p, _wrapper(p, real, TOOL_ENV.get(real, {}), TOOL_ARGS.get(real)), executable = True)

    # rules_cc's configuration rule for Unix toolchains, as Bazel's own autoconfiguration
    # uses it (a copy beside the BUILD file that loads it).
    rctx.symlink(Label("@rules_cc//cc/private/toolchain:unix_cc_toolchain_config.bzl"), "cc_toolchain_config.bzl")

    # The sysroot's root/, as Bazel's actions see it (relative to the execroot).
    sysroot = "external/%s/root" % rctx.attr.sysroot_files.workspace_name
    root = "external/%s/root" % rctx.name
    compilers = [_toolchain(name, root, sysroot, rctx.attr.multiarch) for name in (["gcc", "clang"] if rctx.attr.with_clang else ["gcc"])]
    rctx.file("BUILD.bazel", """\
load("@rules_cc//cc:defs.bzl", "cc_toolchain")
load(":cc_toolchain_config.bzl", "cc_toolchain_config")
load("{bzl}", "build_tool_set")

package(default_visibility = ["//visibility:public"])

filegroup(
    name = "files",
    srcs = glob(["root/**", "elf/**"]),
)

build_tool_set(
    name = "build_tools",
    srcs = [":files"],
    root = "root",
    tool_folders = {tool_folders},
)

# Bazel's own C targets (an embedding program, a C extension) compile and link against
# the sysroot too: never the machine's /usr/include and C library.
filegroup(
    name = "files_with_sysroot",
    srcs = [":files", "{sysroot_files}"],
)
""".format(
        bzl = str(Label("//rules/private:build_tools.bzl")),
        sysroot_files = str(rctx.attr.sysroot_files),
        tool_folders = json.encode(TOOL_FOLDERS + ([LLVM_BIN] if rctx.attr.with_clang else [])),
    ) + "".join([_cc_toolchain_text(c) for c in compilers]))
    rctx.file("REPO.bazel", "")

def _build_tool_set_impl(ctx):
    repo = ctx.label.workspace_root
    root = repo + "/" + ctx.attr.root
    env_paths = {ROOT_ENV: repo}
    env_paths.update({k: root + "/" + v for k, v in ENV_PATHS.items()})
    return [BuildToolsInfo(
        files = depset(ctx.files.srcs),
        tool_path = [root + "/" + f for f in ctx.attr.tool_folders],
        env_paths = env_paths,
    )]

build_tool_set = rule(
    implementation = _build_tool_set_impl,
    doc = "The build tool set of a rules_cpython_build_tools repository, for the builder.",
    attrs = {
        "srcs": attr.label_list(allow_files = True),
        "root": attr.string(mandatory = True, doc = "The unpacked packages' folder, in the repository."),
        "tool_folders": attr.string_list(mandatory = True, doc = "Its folders of programs, below root, looked up in order."),
    },
    provides = [BuildToolsInfo],
)

build_tools = repository_rule(
    implementation = _build_tools_impl,
    doc = "The pinned build tool set (Debian packages, by sha256), runnable anywhere: :build_tools and the C toolchains :gcc and (with_clang) :clang.",
    attrs = {
        "with_clang": attr.bool(doc = "Whether the set has clang, lld and LLVM's programs too (clang_tools_packages.bzl)."),
        "sysroot_files": attr.label(doc = "The files of the sysroot the C toolchain compiles Bazel's own C targets against (its root/ folder)."),
        "multiarch": attr.string(default = MULTIARCH),
    },
    environ = [MIRROR_ENV],
)
