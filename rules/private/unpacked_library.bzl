"""unpacked_library: a library that comes as files (a Debian data package), not as sources to build."""

load("@bazel_skylib//rules:common_settings.bzl", "BuildSettingInfo")
load(":builder_action.bzl", "builder", "builder_attr")
load(":providers.bzl", "InstallTreeInfo")

# Where a Debian package installs its files.
_PACKAGE_PREFIX = "/usr"

def _unpacked_library_impl(ctx):
    tree = ctx.actions.declare_directory(ctx.label.name)
    files = ctx.files.srcs
    if not files:
        fail("%s: the package %s has no files" % (ctx.label, ctx.attr.srcs.label))

    # A Debian package's files are below usr/, which its pkg-config files call prefix.
    root = "/".join([p for p in [ctx.attr.srcs.label.workspace_root, ctx.attr.srcs.label.package, "root" + _PACKAGE_PREFIX] if p])
    args = ctx.actions.args()
    args.set_param_file_format("multiline")
    args.use_param_file("@%s", use_always = True)
    args.add("unpacked")
    args.add("--out=" + tree.path)
    args.add("--src_root=" + root)
    args.add("--package_prefix=" + _PACKAGE_PREFIX)
    args.add_all(files, format_each = "--src=%s")
    args.add("--source_date_epoch=%d" % ctx.attr._source_date_epoch[BuildSettingInfo].value)
    ctx.actions.run(
        executable = builder(ctx),
        arguments = [args],
        inputs = files,
        outputs = [tree],
        mnemonic = "UnpackedLibrary",
        progress_message = "Laying out %{label}",
    )
    lib_name = ctx.attr.lib_name or ctx.label.name
    this = struct(name = lib_name, tree = tree, runtime_dirs = "", source = None, licenses = struct(files = depset(), missing = ()))
    return [
        DefaultInfo(files = depset([tree])),
        InstallTreeInfo(name = lib_name, tree = tree, deps = depset([this], order = "postorder")),
    ]

unpacked_library = rule(
    implementation = _unpacked_library_impl,
    doc = """An install tree made of a Debian package's files below usr/ (protocol headers,
descriptions, pkg-config files that then say prefix=/install), for libraries that build
against it like against any other (deps of autotools_library).""",
    attrs = {
        "srcs": attr.label(mandatory = True, doc = "The package's :files (a debian_data_package repository)."),
        "lib_name": attr.string(doc = "Name the library is known by (defaults to the target name)."),
        "_builder": builder_attr("exec"),
        "_source_date_epoch": attr.label(default = "//config:source_date_epoch"),
    },
)
