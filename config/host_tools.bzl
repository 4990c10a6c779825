"""Where builds find the machine's tools (make, perl, binutils...): the default of
//config:host_tool_path, which the host tools' fingerprint (rules/private/host_tools.bzl)
also reads."""

# The same folders for repository rules (the fingerprint, the C toolchains), joined with :.
TOOL_PATH_ENV = "RULES_CPYTHON_HOST_TOOL_PATH"

DEFAULT_TOOL_PATH = [
    "/usr/bin",
    "/bin",
]
