"""Providers shared by the rules."""

InstallTreeInfo = provider(
    doc = "An installed library: a prefix with include/ and lib/ (static, position-independent archives).",
    fields = {
        "name": "The name the builder and the module check know the library by (openssl, tcl, ...).",
        "tree": "The install tree (a directory).",
        "deps": "depset of struct(name, tree, runtime_dirs) for this library and everything it links against, dependencies first.",
    },
)

CpythonInfo = provider(
    doc = "A built CPython interpreter.",
    fields = {
        "interpreter": "The interpreter binary (File), in bin/ beside lib/ and include/.",
        "lib": "The lib/ folder: the standard library, lib-dynload, libpython (directory).",
        "include": "The include/ folder (directory).",
        "libpython": "A copy of the static libpython3.X.a, for programs that embed the interpreter (File).",
        "library_cc_infos": "CcInfo of each library the interpreter was built with, for linking libpython.",
        "version": "Full version, e.g. 3.13.15.",
        "minor": "major.minor, e.g. 3.13.",
        "abiflags": "sys.abiflags: t for free-threaded, d for debug builds.",
        "log": "The build log (File).",
    },
)
