"""The machine's tools that clang builds run, fingerprinted.

The clang variants run the machine's clang, lld and LLVM tools (//config:host_tool_path),
which the build tool set (build_tools.bzl) does not have.
None of them is an input of an action, so on their own they would not be part of an
action key: a machine with another perl would get cache hits for bytes it would not have
made. The `rules_cpython_host_tools` repository records, for every tool a build may run,
its resolved path and sha256 in one file that every build action takes as an input; Bazel
watches each tool, so that another binary means another fingerprint, other action keys and
a rebuild, here and for everyone sharing the cache. The builder checks, before a build
starts, that each tool it links is the fingerprinted one.
"""

load("//config:host_tools.bzl", "DEFAULT_TOOL_PATH", "TOOL_PATH_ENV")
load(":build_tools.bzl", "BUILD_TOOLS", "LIBRARY_TOOLS")
load(":host_cc.bzl", "COMPILERS", "find_on_tool_path")

# The compiler's own programs, when it is the machine's gcc (its path is the C toolchain's).
_GCC_PROGRAMS = ["cc1", "cc1plus", "collect2", "lto1", "lto-wrapper"]

# The programs of the project's C toolchains, and the LLVM libraries clang's run with
# (its driver is small; the compiler is in libclang-cpp and libLLVM).
_COMPILER_TOOLS = sorted({
    name: True
    for compiler in COMPILERS.values()
    for names in compiler.tools.values() + [compiler.programs]
    for name in names
}.keys())

def _llvm_libraries(rctx, program):
    listed = rctx.execute(["ldd", program])
    libraries = []
    for line in listed.stdout.splitlines():
        words = [w for w in line.replace("\t", " ").split(" ") if w]
        if len(words) >= 3 and words[1] == "=>" and ("libLLVM" in words[0] or "libclang" in words[0]):
            libraries.append(words[2])
    return libraries

def _host_tools_impl(rctx):
    folders = rctx.getenv(TOOL_PATH_ENV, "")
    folders = folders.split(":") if folders else DEFAULT_TOOL_PATH
    found = {}
    for name in BUILD_TOOLS + LIBRARY_TOOLS + _COMPILER_TOOLS + ["cc"]:
        for folder in folders:
            path = rctx.path(folder + "/" + name)
            rctx.watch(path)
            if path.exists and not path.is_dir:
                found[str(path.realpath)] = True
    gcc = find_on_tool_path(rctx, folders, ["gcc"])
    if gcc:
        for program in _GCC_PROGRAMS:
            located = rctx.execute([gcc, "-print-prog-name=" + program])
            path = located.stdout.strip()
            if located.return_code == 0 and path.startswith("/") and rctx.path(path).exists:
                rctx.watch(path)
                found[str(rctx.path(path).realpath)] = True
    clang = find_on_tool_path(rctx, folders, ["clang"])
    if clang:
        for library in _llvm_libraries(rctx, clang):
            found[str(rctx.path(library).realpath)] = True
    paths = sorted(found)
    for path in paths:
        rctx.watch(path)
    hashed = rctx.execute(["sha256sum", "--"] + paths)
    if hashed.return_code != 0:
        fail("rules_cpython: fingerprinting the host tools: sha256sum failed: " + hashed.stderr)
    lines = []
    for line in hashed.stdout.splitlines():
        digest, path = line.split("  ", 1)
        lines.append("%s\t%s" % (path, digest))
    rctx.file("fingerprint.tsv", "# path\tsha256 of every host tool a build may run (folders: %s)\n%s\n" % (":".join(folders), "\n".join(lines)))
    rctx.file("BUILD.bazel", 'exports_files(["fingerprint.tsv"], visibility = ["//visibility:public"])\n')
    rctx.file("REPO.bazel", "")

host_tools = repository_rule(
    implementation = _host_tools_impl,
    doc = "The fingerprint of the machine's build tools (path and sha256), as fingerprint.tsv.",
    environ = [TOOL_PATH_ENV],
    local = True,
)
