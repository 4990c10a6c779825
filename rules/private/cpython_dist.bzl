"""cpython_dist: a deterministic distribution archive of an interpreter, with a manifest."""

load("@bazel_skylib//rules:common_settings.bzl", "BuildSettingInfo")
load(":builder_action.bzl", "builder", "builder_attr")
load(":providers.bzl", "CpythonInfo")
load(":sources.bzl", "LICENSES")

# The archive's layout: the install tree below python/, the manifest at the root.
_TREE = "python"

def _below(root, f):
    return f.path[len(root) + 1:]

def _license_path(name, f):
    root = f.owner.workspace_root
    return "%s/licenses/%s/%s" % (_TREE, name, f.path[len(root) + 1:] if root else f.path)

def _cpython_dist_impl(ctx):
    info = ctx.attr.interpreter[CpythonInfo]
    out = ctx.actions.declare_file(ctx.label.name + ".tar.gz")
    base = ctx.actions.declare_file(ctx.label.name + ".manifest_base.json")

    # The install tree's root: <name>_install/, two folders above bin/python3.X.
    root = info.interpreter.dirname.rsplit("/", 1)[0]
    licenses = {}
    for entry in info.source_licenses:
        if entry.licenses.missing:
            fail("rules_cpython: the sources of %s lack the license file(s) %s that rules_cpython's LICENSES table (rules/private/sources.bzl) names; a distribution archive must carry them" % (entry.name, ", ".join(entry.licenses.missing)))
        licenses[entry.name] = entry.licenses.files.to_list()
    sources = []
    for s in info.sources:
        sources.append(dict(
            s,
            license = LICENSES[s["name"]].spdx,
            license_files = [_license_path(s["name"], f) for f in licenses.get(s["name"], [])],
        ))
    ctx.actions.write(base, json.encode_indent({
        "format": "rules_cpython-dist/1",
        "python_version": info.version,
        "python_abiflags": info.abiflags,
        "python_source": sources[0],
        "libraries": sorted(sources[1:], key = lambda s: s["name"]),
        "build_settings": info.settings,
    }) + "\n")

    args = ctx.actions.args()
    args.set_param_file_format("multiline")
    args.use_param_file("@%s", use_always = True)
    args.add("dist")
    args.add("--out=" + out.path)
    args.add("--manifest_base=" + base.path)
    args.add("--build_info=" + info.build_info.path)
    args.add("--tree_root=" + _TREE)
    args.add("--interpreter=" + _below(root, info.interpreter))
    args.add("--source_date_epoch=%d" % ctx.attr._source_date_epoch[BuildSettingInfo].value)
    args.add_all(["%s/%s=%s" % (_TREE, _below(root, f), f.path) for f in info.install_tree], format_each = "--entry=%s")
    license_inputs = []
    for name, files in sorted(licenses.items()):
        license_inputs += files
        args.add_all(["%s=%s" % (_license_path(name, f), f.path) for f in files], format_each = "--entry=%s")
    ctx.actions.run(
        executable = builder(ctx),
        arguments = [args],
        inputs = info.install_tree + license_inputs + [base, info.build_info],
        outputs = [out],
        mnemonic = "CpythonDist",
        # Read from the execroot itself, where the tree's links are the tree's, not a
        # sandbox's links to each input (the builder follows those too, as it must on a
        # remote worker).
        execution_requirements = {"no-sandbox": "1"},
        progress_message = "Archiving CPython %s %%{label}" % info.version,
    )
    return [DefaultInfo(files = depset([out]))]

cpython_dist = rule(
    implementation = _cpython_dist_impl,
    doc = """A distribution archive (`<name>.tar.gz`) of an interpreter's install tree.

The archive holds the tree below `python/` (as `make install` makes it, links kept),
the license files of CPython and of every library below `python/licenses/<source>/`,
and `PYTHON.json` at its root: the CPython version and source (URLs, sha256, patches),
every build setting and the exact configure arguments, each library with its version,
source sha256 and license, every extension module with its linkage (built in or
shared) and libraries, the target triple, the highest glibc symbol version any binary
needs, and the sysconfig paths from the archive's root (schema:
docs/dist-manifest.schema.json). Its bytes depend only on its contents: sorted members,
every mtime SOURCE_DATE_EPOCH, owner 0 without names, fixed gzip settings.
""",
    attrs = {
        "interpreter": attr.label(mandatory = True, providers = [CpythonInfo], doc = "A cpython or cpython_variant target."),
        "_builder": builder_attr("exec"),
        "_source_date_epoch": attr.label(default = "//config:source_date_epoch"),
    },
)
