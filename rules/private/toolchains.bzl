"""Python toolchains whose runtime is an interpreter built here."""

load("@rules_python//python:py_runtime.bzl", "py_runtime")
load("@rules_python//python:py_runtime_pair.bzl", "py_runtime_pair")
load("//rules:versions.bzl", "CPYTHON_VERSIONS")

# The interpreter runs where it was built: exec and target platforms must both be this.
LINUX_X86_64 = [
    Label("@platforms//os:linux"),
    Label("@platforms//cpu:x86_64"),
]

def cpython_toolchains(name, interpreter):
    """A py_runtime and py_runtime_pair of `interpreter`, and one toolchain per minor version.

    Each toolchain applies where //config:version is its minor version, so the version a
    build sets (on the command line, in a .bazelrc, by a transition) chooses it.

    Args:
      name: prefix of the targets.
      interpreter: a cpython_interpreter that follows //config:version (//:python).
    """
    native.filegroup(name = name + "_interpreter", srcs = [interpreter], output_group = "python_interpreter")
    native.filegroup(name = name + "_files", srcs = [interpreter], output_group = "python_runtime_files")

    # interpreter_version_info is left out: Bazel 7's built-in py_runtime, which
    # rules_python before 0.27 wraps, does not take it.
    py_runtime(
        name = name + "_runtime",
        interpreter = name + "_interpreter",
        files = [name + "_files"],
        python_version = "PY3",
    )
    py_runtime_pair(
        name = name + "_runtime_pair",
        py3_runtime = name + "_runtime",
    )
    for minor in CPYTHON_VERSIONS:
        native.toolchain(
            name = "%s_%s" % (name, minor.replace(".", "_")),
            toolchain = name + "_runtime_pair",
            toolchain_type = "@bazel_tools//tools/python:toolchain_type",
            target_settings = [Label("//config:version_" + minor.replace(".", "_"))],
            exec_compatible_with = LINUX_X86_64,
            target_compatible_with = LINUX_X86_64,
        )
