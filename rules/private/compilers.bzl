"""The project's C compilers and their flags: one table, read by the pinned C toolchains.

Bazel's autoconfigured toolchain (@local_config_cc) decides its flags from what the
machine has on the day it is first fetched (it links with lld or gold when it finds one),
so two machines, or two output bases of one, built other bytes from the same sources.
Here every flag is written in COMPILERS below and the compilers themselves are the pinned
build tool set's (build_tools.bzl), which writes a cc_toolchain per compiler from this
table; toolchains/cc registers them, chosen by //config:compiler.
"""

load(":hardening.bzl", "HARDENING_COMPILE_FLAGS", "HARDENING_LINK_FLAGS")

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

_COMMON_LINK_FLAGS = ["-Wl,-no-as-needed"] + HARDENING_LINK_FLAGS

# The tool sets hold C compilers only: no libstdc++ to link.
_LINK_LIBS = [
    "-Wl,--push-state,-as-needed",
    "-lm",
    "-Wl,--pop-state",
]

# For each compiler: its flags, and the programs CPython's build runs beside it (found on
# the build tool set's tool path).
COMPILERS = {
    "gcc": struct(
        compile_flags = _COMMON_COMPILE_FLAGS + ["-Wunused-but-set-parameter", "-Wno-free-nonheap-object"],
        unfiltered_compile_flags = ["-fno-canonical-system-headers"] + _REDACTED_DATES,
        # GNU ld, named: gcc would take whichever linker -fuse-ld detection found.
        link_flags = ["-fuse-ld=bfd"] + _COMMON_LINK_FLAGS + ["-pass-exit-codes"],
        # What CPython's configure and make run beside the compiler (on the tool path).
        programs = [],
    ),
    "clang": struct(
        compile_flags = _COMMON_COMPILE_FLAGS + ["-Wthread-safety", "-Wself-assign"],
        unfiltered_compile_flags = ["-no-canonical-prefixes"] + _REDACTED_DATES,
        link_flags = ["-fuse-ld=lld"] + _COMMON_LINK_FLAGS,
        # PGO merges its profiles with llvm-profdata; --enable-bolt runs llvm-bolt and
        # merge-fdata; LTO archives need llvm-ar and llvm-ranlib.
        programs = ["llvm-ar", "llvm-ranlib", "llvm-nm", "llvm-profdata", "llvm-bolt", "merge-fdata"],
    ),
}

_OPT_COMPILE_FLAGS = ["-g0", "-O2", "-D_FORTIFY_SOURCE=1", "-DNDEBUG", "-ffunction-sections", "-fdata-sections"]

def toolchain_config_text(name, compiler, tool_paths, include_dirs, version, extra_flags = [], sysroot = "", extra_compile_flags = [], extra_link_flags = []):
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
        link_libs = json.encode(_LINK_LIBS),
        unfiltered = json.encode(compiler.unfiltered_compile_flags),
    )
