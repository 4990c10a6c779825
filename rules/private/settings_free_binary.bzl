"""A program configured without the CPython settings of the target that runs it.

Bazel carries Starlark settings into the exec configuration, so every variant of the
interpreter (opt, debug, free-threaded, another version), and every CPython setting on
the command line, would compile the builder and the Go standard library again, into an
output folder of its own. Behind this rule the builder sees the top-level configuration's
settings and compiler, and every variant runs the one builder compiled once.
"""

load(":providers.bzl", "SettingsFreeBinaryInfo")
load(":transitions.bzl", "restore_for_tools")

def _settings_free_binary_impl(ctx):
    binary = ctx.attr.binary
    if type(binary) == "list":
        binary = binary[0]

    # The program itself, not a link to it made here: the actions that run it keep the
    # command line (and the action keys) they had.
    return [SettingsFreeBinaryInfo(
        files_to_run = binary[DefaultInfo].files_to_run,
        runfiles = binary[DefaultInfo].default_runfiles,
    )]

settings_free_binary = rule(
    implementation = _settings_free_binary_impl,
    doc = "Gives `binary`, configured with the top-level CPython settings and compiler, to the rules that run it.",
    attrs = {
        "binary": attr.label(mandatory = True, executable = True, cfg = restore_for_tools),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    provides = [SettingsFreeBinaryInfo],
)
