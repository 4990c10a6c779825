"""autotools_library: one library built with configure, make and make install."""

load("@rules_cc//cc/common:cc_common.bzl", "cc_common")
load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load(":builder_action.bzl", "BUILDER_ATTRS", "BUILD_EXEC_CONSTRAINTS", "RESOURCE_SETS", "builder", "builder_args")
load(":hardening.bzl", "FORTIFY_SOURCE")
load(":providers.bzl", "InstallTreeInfo")
load(":releases.bzl", "source_facts")
load(":sources.bzl", "license_files")

def _pairs(d):
    return ["%s=%s" % (k, v) for k, v in sorted(d.items())]

def _cc_info(ctx, tree):
    """The install tree as a C library: its headers, and its archives before its dependencies'."""
    compilation = cc_common.create_compilation_context(
        headers = depset([tree]),
        system_includes = depset([tree.path + "/include"]),
    )
    linker_input = cc_common.create_linker_input(
        owner = ctx.label,
        user_link_flags = ["%s/%s" % (tree.path, a) for a in ctx.attr.static_libraries] + ctx.attr.system_libraries,
        additional_inputs = depset([tree]),
    )
    own = CcInfo(
        compilation_context = compilation,
        linking_context = cc_common.create_linking_context(linker_inputs = depset([linker_input])),
    )
    return cc_common.merge_cc_infos(direct_cc_infos = [own], cc_infos = [d[CcInfo] for d in ctx.attr.deps if CcInfo in d])

def _autotools_library_impl(ctx):
    lib_name = ctx.attr.lib_name or ctx.label.name
    tree = ctx.actions.declare_directory(ctx.label.name)
    log = ctx.actions.declare_file(ctx.label.name + ".log")
    deps = depset(transitive = [d[InstallTreeInfo].deps for d in ctx.attr.deps], order = "postorder")
    common = builder_args(ctx, "autotools", lib_name, ctx.attr.srcs, deps, log, extra_cflags = [FORTIFY_SOURCE] + ctx.attr.copts, extra_ldflags = ctx.attr.linkopts)
    args = common.args
    args.add("--out=" + tree.path)
    args.add("--configure_script=" + ctx.attr.configure_script)
    args.add_all(ctx.attr.configure_args, format_each = "--configure_arg=%s")
    args.add_all(_pairs(ctx.attr.env), format_each = "--env=%s")
    args.add_all(ctx.attr.make_args, format_each = "--make_arg=%s")
    args.add_all(ctx.attr.make_before, format_each = "--make_before=%s")
    args.add_all(ctx.attr.build_targets, format_each = "--build_target=%s")
    args.add_all(ctx.attr.install_targets, format_each = "--install_target=%s")
    args.add_all(ctx.attr.tools, format_each = "--tool=%s")
    args.add_all(_pairs(ctx.attr.links), format_each = "--link=%s")
    args.add_all(_pairs(ctx.attr.append_lines), format_each = "--append=%s")
    args.add_all(ctx.attr.static_libraries, format_each = "--static_library=%s")
    if ctx.attr.subdir:
        args.add("--subdir=" + ctx.attr.subdir)
    ctx.actions.run(
        executable = builder(ctx),
        arguments = [args],
        inputs = common.inputs,
        outputs = [tree, log],
        mnemonic = "AutotoolsBuild",
        progress_message = "Building library %{label} (make -j" + str(ctx.attr.jobs) + ")",
        resource_set = RESOURCE_SETS[ctx.attr.jobs],
    )
    source = source_facts(ctx.attr.srcs)
    this = struct(
        name = lib_name,
        tree = tree,
        runtime_dirs = ",".join(ctx.attr.runtime_dirs),
        source = source,
        licenses = license_files(ctx.attr.srcs, source["name"]) if source else struct(files = depset(), missing = ()),
    )
    providers = [_cc_info(ctx, tree)] if ctx.attr.static_libraries else []
    return providers + [
        DefaultInfo(files = depset([tree])),
        OutputGroupInfo(log = depset([log])),
        InstallTreeInfo(
            name = lib_name,
            tree = tree,
            deps = depset([this], transitive = [deps], order = "postorder"),
        ),
    ]

autotools_library = rule(
    implementation = _autotools_library_impl,
    doc = """Builds a library from an autotools-style source tree into an install prefix.

The build runs in a private copy of the sources with a clean environment (compiler and
flags from Bazel's C toolchain, PATH limited to a folder of known tools, LC_ALL=C,
TZ=UTC, SOURCE_DATE_EPOCH). Configure gets `--prefix=/install`; the result is installed
with DESTDIR, shared objects and libtool archives are removed, and the tree (include/,
lib/, lib/pkgconfig/) is the target's output. The full log is the `log` output group,
kept also when the build fails.

With `static_libraries`, the target is also a C library (CcInfo) that cc_library,
cc_binary and cc_test can depend on: its include/ and those archives, so that a monorepo
links the same library as the interpreter.

Arguments may use placeholders: {PREFIX}, {DESTDIR}, {SRC}, {JOBS}, {CC}, {AR},
{CFLAGS}, {CPPFLAGS}, {LDFLAGS}, {CC_NAME}, {CFLAGS_WITHOUT_PATHS} and {DEP:<lib_name>}
for a dependency's tree.
""",
    attrs = dict(BUILDER_ATTRS, **{
        "srcs": attr.label(mandatory = True, doc = "The source tree (a source repository's :srcs)."),
        "deps": attr.label_list(providers = [InstallTreeInfo], doc = "Libraries this one links against."),
        "lib_name": attr.string(doc = "Name the library is known by (defaults to the target name)."),
        "configure_script": attr.string(default = "configure", doc = "Relative to the sources; empty when there is none."),
        "configure_args": attr.string_list(doc = "Arguments after --prefix."),
        "env": attr.string_dict(doc = "Variables set in (or replacing those of) the build environment."),
        "copts": attr.string_list(default = ["-O2", "-fPIC"], doc = "C flags added after the toolchain's and the fortified libc calls' (hardening.bzl), which need an optimization level here."),
        "linkopts": attr.string_list(doc = "Linker flags added after the toolchain's."),
        "make_args": attr.string_list(doc = "Arguments of every make call."),
        "make_before": attr.string_list(doc = "Arguments of a make call before the build: a generated file made with other variables than the build's, which the build then finds made."),
        "build_targets": attr.string_list(doc = "Targets of the build step (default: make's)."),
        "install_targets": attr.string_list(default = ["install"], doc = "Targets of the install step."),
        "subdir": attr.string(doc = "Folder to run make in, relative to the sources."),
        "runtime_dirs": attr.string_list(doc = "Folders of the install tree the interpreter needs at run time (copied into its lib/)."),
        "tools": attr.string_list(doc = "Extra programs to make available to the build."),
        "links": attr.string_dict(doc = "Aliases added to the install tree: path -> relative link target."),
        "append_lines": attr.string_dict(doc = "Lines added to installed text files: path -> line (what the library's own build cannot be told)."),
        "static_libraries": attr.string_list(doc = "Archives of the install tree (lib/libssl.a...), in link order, that C targets depending on this one link; the build fails when one is not installed."),
        "system_libraries": attr.string_list(doc = "Linker flags for the C library's own needs from libc (-ldl, -pthread), after its archives."),
    }),
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    exec_compatible_with = BUILD_EXEC_CONSTRAINTS,
    fragments = ["cpp"],
)
