"""Tests run against a built interpreter, driven by the builder (no shell involved)."""

load(":builder_action.bzl", "builder_attr")
load(":providers.bzl", "CpythonInfo", "SettingsFreeBinaryInfo")

def _test(ctx, lines, extra_runfiles):
    params = ctx.actions.declare_file(ctx.label.name + ".test.params")
    ctx.actions.write(params, "\n".join(lines) + "\n")
    executable = ctx.actions.declare_file(ctx.label.name)
    builder = ctx.attr._builder[SettingsFreeBinaryInfo]
    ctx.actions.symlink(output = executable, target_file = builder.files_to_run.executable, is_executable = True)
    runfiles = ctx.runfiles(files = [params] + extra_runfiles)
    runfiles = runfiles.merge(ctx.attr.interpreter[DefaultInfo].default_runfiles)
    runfiles = runfiles.merge(builder.runfiles)
    for d in getattr(ctx.attr, "data", []):
        runfiles = runfiles.merge(ctx.runfiles(transitive_files = d[DefaultInfo].files))
        runfiles = runfiles.merge(d[DefaultInfo].default_runfiles)
    return [
        DefaultInfo(executable = executable, runfiles = runfiles),
        RunEnvironmentInfo(environment = {"RULES_CPYTHON_TEST_PARAMS": params.short_path}),
    ]

def _cpython_test_impl(ctx):
    info = ctx.attr.interpreter[CpythonInfo]
    lines = [
        "exec-test",
        "--program=" + info.interpreter.short_path,
        # The interpreter's tree is an output of the build: a test run as root (CI,
        # containers) would otherwise write __pycache__ folders into it.
        "--env=PYTHONDONTWRITEBYTECODE=1",
    ]
    files = []
    if ctx.file.main:
        lines.append("--arg=" + ctx.file.main.short_path)
        files.append(ctx.file.main)
    lines += ["--arg=" + ctx.expand_location(a, ctx.attr.data) for a in ctx.attr.test_args]
    lines += ["--env=%s=%s" % (k, ctx.expand_location(v, ctx.attr.data)) for k, v in sorted(ctx.attr.test_env.items())]
    return _test(ctx, lines, files)

_INTERPRETER = attr.label(mandatory = True, providers = [CpythonInfo], doc = "The interpreter under test.")
_BUILDER = builder_attr("target")

cpython_test = rule(
    implementation = _cpython_test_impl,
    doc = "Runs a Python script (or `-m module` through test_args) on a built interpreter; passes when it exits 0.",
    attrs = {
        "interpreter": _INTERPRETER,
        "main": attr.label(allow_single_file = [".py"], doc = "The script; omit it to pass -m in test_args."),
        "test_args": attr.string_list(doc = "Arguments after the script ($(rootpath) expanded against data)."),
        "test_env": attr.string_dict(doc = "Environment variables ($(rootpath) expanded against data)."),
        "data": attr.label_list(allow_files = True),
        "_builder": _BUILDER,
    },
    test = True,
)

def _cpython_elf_test_impl(ctx):
    info = ctx.attr.interpreter[CpythonInfo]
    lines = ["check-elf", "--root=" + info.interpreter.short_path, "--root=" + info.lib.short_path]
    if info.shared_libpython:
        lines.append("--shared_libpython=" + info.shared_libpython)
    if info.max_glibc:
        lines.append("--max_glibc=" + info.max_glibc)
    return _test(ctx, lines, [])

cpython_elf_test = rule(
    implementation = _cpython_elf_test_impl,
    doc = "Fails when the interpreter or an extension module needs a shared library outside the allow-list (glibc's; the tree's shared libpython, found through an $ORIGIN run path), has a run path that does not start with $ORIGIN, needs a glibc symbol version above the sysroot's, or lacks RELRO, BIND_NOW, a non-executable stack or position-independent code.",
    attrs = {
        "interpreter": _INTERPRETER,
        "_builder": _BUILDER,
    },
    test = True,
)
