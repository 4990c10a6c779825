"""A C toolchain whose compiler is a relative path and whose flags name folders relative
to the execroot, as hermetic toolchains have them: the builder must keep them working in
its scratch folder and keep them out of the interpreter's sysconfig."""

load("@rules_cc//cc:cc_toolchain_config_lib.bzl", "feature", "flag_group", "flag_set", "tool_path")
load("@rules_cc//cc/common:cc_common.bzl", "cc_common")

# What a configuration sets in //config:CFLAGS to choose this toolchain (its
# target_settings): the interpreters given it are built with the wrapper, everything
# else keeps the project's toolchains.
WRAPPER_CFLAGS = "-DRULES_CPYTHON_TEST_WRAPPER_TOOLCHAIN"

_COMPILE = ["c-compile", "c++-compile", "assemble", "preprocess-assemble"]
_LINK = ["c++-link-executable", "c++-link-dynamic-library", "c++-link-nodeps-dynamic-library"]

def _impl(ctx):
    tools = {"gcc": "gcc", "cpp": "/usr/bin/cpp", "ld": "/usr/bin/ld", "ar": "/usr/bin/ar", "nm": "/usr/bin/nm", "objdump": "/usr/bin/objdump", "strip": "/usr/bin/strip", "gcov": "/usr/bin/gcov"}
    include = ctx.file.include_marker.dirname
    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        toolchain_identifier = "rules_cpython_test_wrapper",
        host_system_name = "x86_64-linux-gnu",
        target_system_name = "x86_64-linux-gnu",
        target_cpu = "k8",
        target_libc = "glibc",
        compiler = "gcc",
        abi_version = "gcc",
        abi_libc_version = "glibc",
        # Relative tool paths are relative to this package.
        tool_paths = [tool_path(name = name, path = path) for name, path in tools.items()],
        cxx_builtin_include_directories = ["/usr/lib/gcc", "/usr/include", "/usr/local/include"],
        features = [
            feature(name = "default_compile_flags", enabled = True, flag_sets = [
                flag_set(actions = _COMPILE, flag_groups = [flag_group(flags = ["-isystem", include])]),
            ]),
            feature(name = "default_link_flags", enabled = True, flag_sets = [
                flag_set(actions = _LINK, flag_groups = [flag_group(flags = ["-lm"])]),
            ]),
            feature(name = "supports_pic", enabled = True),
        ],
    )

wrapper_toolchain_config = rule(
    implementation = _impl,
    attrs = {"include_marker": attr.label(allow_single_file = True, mandatory = True)},
    provides = [CcToolchainConfigInfo],
)
