"""How rules call the Go builder: one action, arguments in a params file."""

load("@bazel_skylib//rules:common_settings.bzl", "BuildSettingInfo")
load(":build_tools.bzl", "BUILD_TOOLS")
load(":cc_env.bzl", "cc_build_environment", "cc_compiler")
load(":compilers.bzl", "COMPILERS")
load(":hardening.bzl", "HARDENING_LINK_FLAGS")
load(":providers.bzl", "BuildToolsInfo", "CpythonSysrootInfo", "SettingsFreeBinaryInfo")
load(":toolchains.bzl", "LINUX_X86_64")

# Bazel schedules an action by the cores and memory it declares. A build runs make -jN,
# but much of it runs one process at a time (configure, most of a library's build; make
# install; the module check): it declares half its jobs, at least one core, so that two
# builds overlap on 2 cores, one configuring while the other compiles (docs/tests.md,
# "How long CI takes").
def _cores_1(_os, _inputs):
    return {"cpu": 1, "memory": 512}

def _cores_2(_os, _inputs):
    return {"cpu": 2, "memory": 1024}

def _cores_4(_os, _inputs):
    return {"cpu": 4, "memory": 2048}

# make jobs -> what the action declares.
RESOURCE_SETS = {1: _cores_1, 2: _cores_1, 4: _cores_2, 8: _cores_4}

# Builds run what they build (configure's test programs, the interpreter that checks its
# modules and compiles the standard library): a remote worker must be the machine kind
# they build for.
BUILD_EXEC_CONSTRAINTS = [str(c) for c in LINUX_X86_64]

def builder_attr(cfg):
    """The attribute that gives a rule the builder.

    Args:
      cfg: "exec" for the rules whose actions run it, "target" for tests that run it.

    Returns:
      An attr.label: the builder as //rules/private:builder configures it (without the
      CPython settings, so every variant shares one); builder(ctx) runs it.
    """
    return attr.label(default = Label("//rules/private:builder"), providers = [SettingsFreeBinaryInfo], cfg = cfg)

def builder(ctx):
    """The builder, as ctx.actions.run's executable (its FilesToRunProvider).

    Args:
      ctx: the context of a rule with the builder_attr attribute `_builder`.

    Returns:
      The FilesToRunProvider.
    """
    return ctx.attr._builder[SettingsFreeBinaryInfo].files_to_run

# Attributes every build rule has.
BUILDER_ATTRS = {
    "jobs": attr.int(
        default = 2,
        values = sorted(RESOURCE_SETS.keys()),
        doc = "Parallel make jobs; the action reserves half as many cores (at least one).",
    ),
    "_builder": builder_attr("exec"),
    "_cc_toolchain": attr.label(default = "@bazel_tools//tools/cpp:current_cc_toolchain"),
    "_sysroot": attr.label(default = "//toolchains/sysroot", providers = [CpythonSysrootInfo]),
    "_build_tools": attr.label(default = "//rules/private:build_tools", providers = [BuildToolsInfo]),
    "_source_date_epoch": attr.label(default = "//config:source_date_epoch"),
}

def _dep_arg(dep):
    return "--dep=%s=%s" % (dep.name, dep.tree.path)

def _src_root(srcs_target):
    root = srcs_target.label.workspace_root
    return root if root else "."

def builder_args(ctx, subcommand, name, srcs_target, deps, log, extra_cflags = [], extra_ldflags = []):
    """The arguments every builder build takes.

    Args:
      ctx: the rule context (with BUILDER_ATTRS).
      subcommand: autotools or cpython.
      name: what is built, for messages.
      srcs_target: the target whose files are the sources.
      deps: depset of struct(name, tree, runtime_dirs).
      log: the log File to write.
      extra_cflags: C flags after the toolchain's.
      extra_ldflags: linker flags after the toolchain's.

    Returns:
      struct(args, inputs): an Args object and the depset of inputs.
    """
    cc = cc_build_environment(ctx)
    sysroot = ctx.attr._sysroot[CpythonSysrootInfo]
    args = ctx.actions.args()
    args.set_param_file_format("multiline")
    args.use_param_file("@%s", use_always = True)
    args.add(subcommand)
    args.add("--name=" + name)
    args.add("--src_root=" + _src_root(srcs_target))
    args.add_all(srcs_target.files, format_each = "--src=%s")
    args.add_all(deps, map_each = _dep_arg)
    args.add("--log=" + log.path)
    args.add("--cc=" + cc.cc)
    args.add("--ar=" + cc.ar)
    args.add_all(cc.cflags + sysroot.cflags + extra_cflags, format_each = "--cflag=%s")
    hardening = [f for f in HARDENING_LINK_FLAGS if f not in cc.ldflags]
    args.add_all(cc.ldflags + sysroot.ldflags + hardening + extra_ldflags, format_each = "--ldflag=%s")
    tools = ctx.attr._build_tools[BuildToolsInfo]
    args.add_all(["%s=%s" % kv for kv in tools.env_paths.items()], format_each = "--env_path=%s")
    args.add_all(tools.tool_path, format_each = "--tool_path=%s")
    compiler = COMPILERS.get(cc_compiler(ctx))
    args.add_all(BUILD_TOOLS + (compiler.programs if compiler else []), format_each = "--tool=%s")
    args.add("--source_date_epoch=%d" % ctx.attr._source_date_epoch[BuildSettingInfo].value)
    args.add("--jobs=%d" % ctx.attr.jobs)
    return struct(
        args = args,
        inputs = depset(
            [d.tree for d in deps.to_list()],
            transitive = [srcs_target.files, cc.files, sysroot.files, tools.files],
        ),
    )
