"""Where builds find the machine's tools (make, perl, binutils...): the default of
//config:host_tool_path, which the host tools' fingerprint (rules/private/host_tools.bzl)
also reads."""

DEFAULT_TOOL_PATH = [
    "/usr/bin",
    "/bin",
]
