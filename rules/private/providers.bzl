"""Providers shared by the rules."""

InstallTreeInfo = provider(
    doc = "An installed library: a prefix with include/ and lib/ (static, position-independent archives).",
    fields = {
        "name": "The name the builder and the module check know the library by (openssl, tcl, ...).",
        "tree": "The install tree (a directory).",
        "deps": "depset of struct(name, tree, runtime_dirs, source, licenses) for this library and everything it links against, dependencies first; source is the archive's facts (name, version, urls, sha256, origin, patches) or None, licenses a struct(files, missing) of its license files.",
    },
)

CpythonInfo = provider(
    doc = "A built CPython interpreter.",
    fields = {
        "interpreter": "The interpreter binary (File), in bin/ beside lib/ and include/.",
        "lib": "The lib/ folder: the standard library, lib-dynload, libpython (directory).",
        "include": "The include/ folder (directory).",
        "install_tree": "Every File of the install tree, as make install makes it: the interpreter, the rest of bin/ (files and relative links), lib/, include/, share/.",
        "build_info": "JSON the build wrote: configure arguments, each extension module with its linkage and libraries, the highest glibc symbol version needed, the target triple, sysconfig paths relative to the prefix, the files the build made executable (File).",
        "libpython": "A copy of the static libpython3.X.a, for programs that embed the interpreter (File).",
        "max_glibc": "The glibc of the sysroot it was built against (2.31): no binary of it needs a newer symbol version; \"\" when it was built against the machine's C library.",
        "shared_libpython": "The soname of the shared libpython in lib/ (--//config:shared), or \"\" when libpython is static.",
        "library_cc_infos": "CcInfo of each library the interpreter was built with, for linking libpython.",
        "version": "Full version, e.g. 3.12.4.",
        "sources": "The facts of every source archive it is built from (CPython's first, then each library's): dicts of name, version, urls, sha256, origin, patches.",
        "source_licenses": "list of struct(name, licenses): each source's license files (struct(files, missing)), CPython's first.",
        "settings": "dict: the value of every //config setting it was built with.",
        "minor": "major.minor, e.g. 3.13.",
        "abiflags": "sys.abiflags: t for free-threaded, d for debug builds.",
        "log": "The build log (File).",
    },
)

CpythonSysrootInfo = provider(
    doc = "The C library a build compiles and links against, instead of the build machine's.",
    fields = {
        "files": "depset of its Files: inputs of every build action.",
        "cflags": "Compiler flags that use it (--sysroot=...), execroot-relative.",
        "ldflags": "Linker flags that use it: --sysroot, and its library folders ahead of the compiler's own, which name the machine's.",
        "glibc_version": "Its glibc (2.31), the oldest a machine running the build's binaries may have; \"\" for the machine's own C library.",
    },
)

SettingsFreeBinaryInfo = provider(
    doc = "A program configured with the CPython settings at their defaults (settings_free_binary).",
    fields = {
        "files_to_run": "Its FilesToRunProvider, for ctx.actions.run(executable = ...).",
        "runfiles": "Its runfiles, for a test that runs it.",
    },
)

BuildToolsInfo = provider(
    doc = "The pinned build tool set (rules/private/build_tools.bzl): the programs every library and interpreter build runs.",
    fields = {
        "files": "depset of its Files: inputs of every build action.",
        "tool_path": "Execroot-relative folders of its programs, looked up in order.",
        "env_paths": "dict: variable of the build environment to an execroot-relative path of the set (the set itself, its shell, its perl).",
    },
)
