"""What the builder needs to know of Bazel's C toolchain."""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")
load("@rules_cc//cc/common:cc_common.bzl", "cc_common")

def cc_build_environment(ctx):
    """The compiler, archiver and flags of the C toolchain configured for this target.

    Args:
      ctx: a rule context whose rule uses the C++ toolchain and the cpp fragment.

    Returns:
      struct(cc, ar, cflags, ldflags, files).
    """
    cc_toolchain = find_cpp_toolchain(ctx)
    features = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    compile_variables = cc_common.create_compile_variables(
        feature_configuration = features,
        cc_toolchain = cc_toolchain,
        user_compile_flags = ctx.fragments.cpp.copts + ctx.fragments.cpp.conlyopts,
    )
    link_variables = cc_common.create_link_variables(
        feature_configuration = features,
        cc_toolchain = cc_toolchain,
        is_using_linker = True,
        is_linking_dynamic_library = False,
        user_link_flags = ctx.fragments.cpp.linkopts,
    )
    return struct(
        cc = cc_common.get_tool_for_action(feature_configuration = features, action_name = ACTION_NAMES.c_compile),
        ar = cc_common.get_tool_for_action(feature_configuration = features, action_name = ACTION_NAMES.cpp_link_static_library),
        cflags = cc_common.get_memory_inefficient_command_line(
            feature_configuration = features,
            action_name = ACTION_NAMES.c_compile,
            variables = compile_variables,
        ),
        ldflags = cc_common.get_memory_inefficient_command_line(
            feature_configuration = features,
            action_name = ACTION_NAMES.cpp_link_executable,
            variables = link_variables,
        ),
        files = cc_toolchain.all_files,
    )

def cc_compiler(ctx):
    """The C toolchain's compiler family ("gcc", "clang"...), for checks of options.

    Args:
      ctx: a rule context whose rule uses the C++ toolchain.

    Returns:
      string.
    """
    return find_cpp_toolchain(ctx).compiler
