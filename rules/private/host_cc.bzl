"""The project's own C toolchains: the machine's gcc and clang with flags chosen here.

Bazel's autoconfigured toolchain (@local_config_cc) decides its flags from what the
machine has on the day it is first fetched: it links with lld or gold when it finds one
(-fuse-ld=lld), and it is not fetched again when one is installed later. Two output bases
of one machine then built other bytes from the same sources (CI met it: the linker of
every ELF file and the LDFLAGS in _sysconfigdata differed). Here the compiler is the
machine's, found on the tool path, and every flag is written in COMPILERS below: the
linker is named, never detected. The tools themselves are in the host tools' fingerprint.

The repository `rules_cpython_cc` holds one cc_toolchain per compiler; toolchains/cc
registers them, chosen by //config:compiler. A compiler the machine lacks becomes a
toolchain that fails at analysis, naming what to install.
"""

load("//config:host_tools.bzl", "DEFAULT_TOOL_PATH", "TOOL_PATH_ENV")
load(":hardening.bzl", "HARDENING_COMPILE_FLAGS")

# Bazel's own defaults for these flags, without what it detects (warnings, frame
# pointers, RELRO and BIND_NOW, redacted dates), with the distributions' hardening.
_COMMON_COMPILE_FLAGS = HARDENING_COMPILE_FLAGS + [
    "-Wall",
    "-fno-omit-frame-pointer",
]

_REDACTED_DATES = [
    "-Wno-builtin-macro-redefined",
    "-D__DATE__=\"redacted\"",
    "-D__TIMESTAMP__=\"redacted\"",
    "-D__TIME__=\"redacted\"",
]

_COMMON_LINK_FLAGS = [
    "-Wl,-no-as-needed",
    "-Wl,-z,relro,-z,now",
]

_LINK_LIBS = [
    "-Wl,--push-state,-as-needed",
    "-lstdc++",
    "-Wl,--pop-state",
    "-Wl,--push-state,-as-needed",
    "-lm",
    "-Wl,--pop-state",
]

# For each compiler: the programs of the toolchain (Bazel's tool names to the names
# looked up on the tool path, first found wins) and its flags.
COMPILERS = {
    "gcc": struct(
        package = "gcc",
        tools = {
            "gcc": ["gcc"],
            "cpp": ["cpp"],
            "ar": ["ar"],
            "ld": ["ld.bfd", "ld"],
            "nm": ["nm"],
            "objcopy": ["objcopy"],
            "objdump": ["objdump"],
            "strip": ["strip"],
            "gcov": ["gcov"],
            "dwp": ["dwp"],
            "c++filt": ["c++filt"],
        },
        compile_flags = _COMMON_COMPILE_FLAGS + ["-Wunused-but-set-parameter", "-Wno-free-nonheap-object"],
        unfiltered_compile_flags = ["-fno-canonical-system-headers"] + _REDACTED_DATES,
        # GNU ld, named: gcc would take whichever linker -fuse-ld detection found.
        link_flags = ["-fuse-ld=bfd"] + _COMMON_LINK_FLAGS + ["-pass-exit-codes"],
        needs_gcc_install_dir = False,
        # What CPython's configure and make run beside the compiler (on the tool path).
        programs = [],
    ),
    "clang": struct(
        package = "clang lld llvm",
        tools = {
            "gcc": ["clang"],
            "cpp": ["clang-cpp", "cpp"],
            "ar": ["llvm-ar"],
            "ld": ["ld.lld"],
            "nm": ["llvm-nm"],
            "objcopy": ["llvm-objcopy"],
            "objdump": ["llvm-objdump"],
            "strip": ["llvm-strip"],
            "gcov": ["llvm-cov"],
            "dwp": ["llvm-dwp"],
            "c++filt": ["llvm-cxxfilt"],
        },
        compile_flags = _COMMON_COMPILE_FLAGS + ["-Wthread-safety", "-Wself-assign"],
        unfiltered_compile_flags = ["-no-canonical-prefixes"] + _REDACTED_DATES,
        link_flags = ["-fuse-ld=lld"] + _COMMON_LINK_FLAGS,
        # With --sysroot, clang looks for gcc's runtime (crtbegin.o, libgcc) in the
        # sysroot, which holds only the C library: it is named outside it.
        needs_gcc_install_dir = True,
        # PGO merges its profiles with llvm-profdata; --enable-bolt runs llvm-bolt and
        # merge-fdata; LTO archives need llvm-ar and llvm-ranlib.
        programs = ["llvm-ar", "llvm-ranlib", "llvm-nm", "llvm-profdata", "llvm-bolt", "merge-fdata"],
    ),
}

_OPT_COMPILE_FLAGS = ["-g0", "-O2", "-D_FORTIFY_SOURCE=1", "-DNDEBUG", "-ffunction-sections", "-fdata-sections"]

def find_on_tool_path(rctx, folders, names):
    """The path of the first of names found in folders (names first), or None.

    Args:
      rctx: the repository context.
      folders: the tool path.
      names: program names, preferred first.

    Returns:
      a string, or None.
    """
    for name in names:
        for folder in folders:
            path = rctx.path(folder + "/" + name)
            if path.exists and not path.is_dir:
                return str(path)
    return None

def _include_dirs(rctx, cc, extra):
    """The compiler's own include folders, for Bazel's check of included headers."""
    dirs = []
    for lang in ["c", "c++"]:
        result = rctx.execute([cc] + extra + ["-E", "-x", lang, "-", "-v"], environment = {"LC_ALL": "C"})
        inside = False
        for line in result.stderr.splitlines():
            if line.startswith("#include <...> search starts here:"):
                inside = True
            elif line.startswith("End of search list."):
                inside = False
            elif inside:
                path = line.strip().removesuffix(" (framework directory)")
                for p in [path, str(rctx.path(path).realpath)]:
                    if p not in dirs:
                        dirs.append(p)
    return dirs

def _gcc_install_dir(rctx, folders):
    gcc = find_on_tool_path(rctx, folders, ["gcc"])
    if not gcc:
        return None
    result = rctx.execute([gcc, "-print-libgcc-file-name"])
    if result.return_code != 0:
        return None
    return str(rctx.path(result.stdout.strip()).dirname)

def _toolchain_build(rctx, name, compiler, folders):
    paths = {tool: find_on_tool_path(rctx, folders, names) for tool, names in compiler.tools.items()}
    missing = sorted([compiler.tools[t][0] for t, p in paths.items() if p == None and t in ["gcc", "ar", "ld"]])
    if missing:
        return """
missing_cc_toolchain_config(
    name = "{name}_config",
    message = "rules_cpython: --//config:compiler={name} needs {missing} in {folders} (the tool path): install Debian's {package} (tools/offline/provision does), or choose another compiler",
)
""".format(name = name, missing = ", ".join(missing), folders = ":".join(folders), package = compiler.package)
    extra = []
    if compiler.needs_gcc_install_dir:
        install_dir = _gcc_install_dir(rctx, folders)
        if install_dir:
            extra = ["--gcc-install-dir=" + install_dir]
    version = rctx.execute([paths["gcc"], "-dumpversion"]).stdout.strip()
    return toolchain_config_text(
        name = name,
        compiler = compiler,
        tool_paths = {t: p for t, p in paths.items() if p != None},
        include_dirs = _include_dirs(rctx, paths["gcc"], extra),
        version = version,
        extra_flags = extra,
    )

def toolchain_config_text(name, compiler, tool_paths, include_dirs, version, extra_flags = [], sysroot = "", extra_compile_flags = [], extra_link_flags = [], link_libs = _LINK_LIBS):
    """The BUILD text of the cc_toolchain_config `<name>_config` of a compiler of COMPILERS.

    Args:
      name: the compiler's name in COMPILERS.
      compiler: its entry.
      tool_paths: rules_cc's tool names to paths (relative: to the BUILD file's package).
      include_dirs: the compiler's own include folders.
      version: the compiler's version, for the ABI name.
      extra_flags: flags for compiling and linking both.
      sysroot: the builtin sysroot (a path relative to the execroot), or "".
      extra_compile_flags: flags for compiling only.
      extra_link_flags: flags for linking only.
      link_libs: the libraries every link takes.

    Returns:
      a string.
    """
    return """
cc_toolchain_config(
    name = "{name}_config",
    cpu = "k8",
    compiler = "{name}",
    toolchain_identifier = "rules_cpython_{name}",
    host_system_name = "local",
    target_system_name = "x86_64-linux-gnu",
    target_libc = "glibc",
    abi_version = "{name}-{version}",
    abi_libc_version = "glibc",
    cxx_builtin_include_directories = {includes},
    tool_paths = {tool_paths},
    compile_flags = {compile_flags},
    opt_compile_flags = {opt_compile_flags},
    dbg_compile_flags = ["-g"],
    cxx_flags = ["-std=c++17"],
    link_flags = {link_flags},
    link_libs = {link_libs},
    opt_link_flags = ["-Wl,--gc-sections"],
    unfiltered_compile_flags = {unfiltered},
    coverage_compile_flags = ["--coverage"],
    coverage_link_flags = ["--coverage"],
    supports_start_end_lib = False,
    builtin_sysroot = {sysroot},
)
""".format(
        sysroot = json.encode(sysroot or None),
        name = name,
        version = version,
        includes = json.encode(include_dirs),
        tool_paths = json.encode(tool_paths),
        compile_flags = json.encode(compiler.compile_flags + extra_flags + extra_compile_flags),
        opt_compile_flags = json.encode(_OPT_COMPILE_FLAGS),
        link_flags = json.encode(compiler.link_flags + extra_flags + extra_link_flags),
        link_libs = json.encode(link_libs),
        unfiltered = json.encode(compiler.unfiltered_compile_flags),
    )

def _missing_cc_toolchain_config_impl(ctx):
    fail(ctx.attr.message)

missing_cc_toolchain_config = rule(
    implementation = _missing_cc_toolchain_config_impl,
    doc = "Stands for a compiler the machine lacks: choosing it fails at analysis with `message`.",
    attrs = {"message": attr.string(mandatory = True)},
)

def _host_cc_impl(rctx):
    folders = rctx.getenv(TOOL_PATH_ENV, "")
    folders = folders.split(":") if folders else DEFAULT_TOOL_PATH
    for compiler in COMPILERS.values():
        for names in compiler.tools.values():
            for name in names:
                for folder in folders:
                    rctx.watch(folder + "/" + name)

    # rules_cc's configuration rule for Unix toolchains, as Bazel's own autoconfiguration
    # uses it (a copy beside the BUILD file that loads it).
    rctx.symlink(Label("@rules_cc//cc/private/toolchain:unix_cc_toolchain_config.bzl"), "cc_toolchain_config.bzl")
    build = [
        'load("@rules_cc//cc:defs.bzl", "cc_toolchain")',
        'load(":cc_toolchain_config.bzl", "cc_toolchain_config")',
        'load("{}", "missing_cc_toolchain_config")'.format(Label("//rules/private:host_cc.bzl")),
        "",
        'package(default_visibility = ["//visibility:public"])',
        "",
        'filegroup(name = "empty")',
    ]
    for name, compiler in COMPILERS.items():
        build.append(_toolchain_build(rctx, name, compiler, folders))
        build.append("""
cc_toolchain(
    name = "{name}",
    all_files = ":empty",
    ar_files = ":empty",
    as_files = ":empty",
    compiler_files = ":empty",
    dwp_files = ":empty",
    linker_files = ":empty",
    objcopy_files = ":empty",
    strip_files = ":empty",
    supports_param_files = 1,
    toolchain_config = ":{name}_config",
    toolchain_identifier = "rules_cpython_{name}",
)
""".format(name = name))
    rctx.file("BUILD.bazel", "\n".join(build))
    rctx.file("REPO.bazel", "")

host_cc = repository_rule(
    implementation = _host_cc_impl,
    doc = "The machine's gcc and clang as cc_toolchain targets :gcc and :clang, with rules_cpython's flags.",
    environ = [TOOL_PATH_ENV],
    local = True,
)
