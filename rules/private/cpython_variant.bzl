"""cpython_variant: an interpreter target built with some //config settings fixed."""

load(":providers.bzl", "CpythonInfo")
load(":transitions.bzl", "variant_transition")

def _cpython_variant_impl(ctx):
    interpreter = ctx.attr.interpreter[0]
    info = interpreter[CpythonInfo]
    executable = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = executable, target_file = info.interpreter, is_executable = True)
    return [
        DefaultInfo(
            executable = executable,
            files = depset([executable], transitive = [interpreter[DefaultInfo].files]),
            runfiles = interpreter[DefaultInfo].default_runfiles,
        ),
        interpreter[OutputGroupInfo],
        info,
    ]

cpython_variant = rule(
    implementation = _cpython_variant_impl,
    doc = """The interpreter target `interpreter`, built with the given //config settings.

`settings` maps setting names of //config to values as written on the command line,
e.g. `{"version": "3.13", "optimizations": "True", "lto": "full"}`; settings it does
not name keep their values from the command line. The libraries are shared with every
other variant (their edge restores the top-level CPython settings).
""",
    attrs = {
        "interpreter": attr.label(
            mandatory = True,
            providers = [CpythonInfo],
            cfg = variant_transition,
            doc = "A cpython_interpreter that follows //config:version (the cpython macro without version).",
        ),
        "settings": attr.string_dict(doc = "//config setting name -> value."),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    executable = True,
)
