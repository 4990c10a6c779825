"""cpython_c_api: an interpreter's C API as a C library (CcInfo): headers, or libpython to embed."""

load("@rules_cc//cc/common:cc_common.bzl", "cc_common")
load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load(":providers.bzl", "CpythonInfo")

def _rlocation(ctx, file):
    """The runfiles path of a file of this or another repository."""
    path = file.short_path
    return path[len("../"):] if path.startswith("../") else ctx.workspace_name + "/" + path

def _cpython_c_api_impl(ctx):
    info = ctx.attr.interpreter[CpythonInfo]

    # include/python3.13, python3.13d, python3.13t: LDVERSION, as CPython installs them.
    headers = "%s/python%s%s" % (info.include.path, info.minor, info.abiflags)
    if not ctx.attr.embed:
        return [CcInfo(compilation_context = cc_common.create_compilation_context(
            headers = depset([info.include]),
            system_includes = depset([headers]),
        ))]
    home = _rlocation(ctx, info.lib).rsplit("/", 1)[0]
    compilation = cc_common.create_compilation_context(
        headers = depset([info.include]),
        system_includes = depset([headers]),
        defines = depset(['RULES_CPYTHON_HOME_RLOCATION="%s"' % home]),
    )
    linker_input = cc_common.create_linker_input(
        owner = ctx.label,
        user_link_flags = [
            # All of libpython: extension modules loaded at run time use any of the C API.
            "-Wl,--whole-archive",
            info.libpython.path,
            "-Wl,--no-whole-archive",
            # ... and find it in the program, as they do in bin/python3 (LINKFORSHARED).
            "-Wl,--export-dynamic",
        ],
        additional_inputs = depset([info.libpython]),
    )
    system = cc_common.create_linker_input(
        owner = ctx.label,
        user_link_flags = ["-lm", "-ldl", "-lpthread", "-lutil"],
    )
    own = CcInfo(
        compilation_context = compilation,
        linking_context = cc_common.create_linking_context(linker_inputs = depset([linker_input])),
    )
    libc = CcInfo(linking_context = cc_common.create_linking_context(linker_inputs = depset([system])))

    # libpython, then the libraries of the modules built into it, then libc's.
    return [
        cc_common.merge_cc_infos(direct_cc_infos = [own], cc_infos = info.library_cc_infos + [libc]),
        # The standard library and lib-dynload travel with every program that links this.
        DefaultInfo(runfiles = ctx.runfiles(files = [info.lib, info.include])),
    ]

cpython_c_api = rule(
    implementation = _cpython_c_api_impl,
    doc = """The C API of a built interpreter, for cc_library, cc_binary and cc_test deps.

With `embed = False`: its headers (include/python3.X), for extension modules (a
cc_binary with linkshared = True, or a cc_shared_library), which the interpreter loads.
With `embed = True`: the static libpython3.X.a (whole), the libraries of the modules
built into it, `--export-dynamic` so that extension modules find the C API in the
program, and the standard library in the program's runfiles; the define
RULES_CPYTHON_HOME_RLOCATION names the install tree there (see //embed).
""",
    attrs = {
        "interpreter": attr.label(mandatory = True, providers = [CpythonInfo]),
        "embed": attr.bool(default = False),
    },
)
