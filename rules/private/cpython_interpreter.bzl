"""cpython_interpreter: CPython built from a pinned source against third_party libraries."""

load("@bazel_skylib//rules:common_settings.bzl", "BuildSettingInfo")
load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load(":build_settings.bzl", "ISOC23_COMPAT_OBJECT", "SETTINGS_ATTRS", "plan_build", "setting_values", "shared_libpython", "target_oses")
load(":builder_action.bzl", "BUILDER_ATTRS", "BUILD_EXEC_CONSTRAINTS", "RESOURCE_SETS", "builder", "builder_args")
load(":ca_bundles.bzl", "CA_BUNDLES")
load(":cc_env.bzl", "cc_compiler")
load(":libraries.bzl", "module_libraries", "optional_modules")
load(":providers.bzl", "CpythonInfo", "CpythonSysrootInfo", "InstallTreeInfo")
load(":release_quirks.bzl", "release_quirks", "source_edit_arg")
load(":releases.bzl", "interpreter_release", "source_facts")
load(":sources.bzl", "license_files")
load(":transitions.bzl", "check_settings_transition", "restore_for_libraries")
load(":versions.bzl", "minor_version")

# configure links its OpenSSL checks as `$LIBS -lssl -lcrypto`, LIBS holding the -ldl
# it found before: the static libcrypto.a needs dlopen from it (glibc below 2.34, as the
# sysroot's 2.31, keeps it in libdl), but a compiler that links --as-needed (Debian's
# gcc does, unless the C toolchain says -no-as-needed as Bazel's own toolchain does)
# drops -ldl before libcrypto asks for it, and _ssl and _hashlib are lost.
_LINK_EVERY_NAMED_LIBRARY = ["-Wl,--no-as-needed"]

def _runtime_dir_args(dep):
    if not dep.runtime_dirs:
        return []
    return ["--runtime_dir=%s=%s" % (dep.name, d) for d in dep.runtime_dirs.split(",")]

def installed_bin(minor, abiflags, exe_suffix, ensurepip):
    """What make install puts into bin/, plus bin/python.

    Args:
      minor: major.minor of the interpreter.
      abiflags: its ABI flags ("", "d", "t", "td").
      exe_suffix: the executables' suffix ("" on Linux).
      ensurepip: the value of //config:ensurepip ("no", "install", "upgrade").

    Returns:
      dict: file name to the name it links to, or to "" for a file. The builder fails
      when make install makes another bin/.
    """
    ldversion = minor + abiflags
    entries = {
        "python" + ldversion + exe_suffix: "",
        "python%s-config" % ldversion: "",
        "idle" + minor: "",
        "pydoc" + minor: "",
        "python3" + exe_suffix: "python" + minor + exe_suffix,
        "python3-config": "python%s-config" % minor,
        "idle3": "idle" + minor,
        "pydoc3": "pydoc" + minor,
        # Not make install's: as in python-build-standalone's trees and in venvs.
        "python" + exe_suffix: "python3" + exe_suffix,
    }
    if ldversion != minor:
        # make install hard-links python3.13 to python3.13d; a link does not copy it.
        entries["python" + minor + exe_suffix] = "python" + ldversion + exe_suffix
        entries["python%s-config" % minor] = "python%s-config" % ldversion
    for script in release_quirks(minor).bin_scripts:
        versioned = script.format(minor = minor)
        entries[versioned] = ""
        entries[versioned.removesuffix("-" + minor)] = versioned
    if ensurepip != "no":
        # make install runs ensurepip (not --altinstall): pip's scripts pip3 and pip3.X.
        entries["pip3"] = ""
        entries["pip" + minor] = ""
    return entries

def _env_for(quirks, dep_names, user_env):
    env = dict({"PKG_CONFIG": "pkg-config --static"}, **quirks.env)
    if "ncurses" in dep_names:
        # The wide-character headers are in include/ncursesw; 3.11's setup.py looks for
        # them only in /usr/include/ncursesw.
        env["CPPFLAGS"] = "{CPPFLAGS} -I{DEP:ncurses}/include/ncursesw"

    # What the settings add comes after what the toolchain and the dependencies need.
    for name, value in user_env.items():
        env[name] = "%s %s" % (env.get(name, "{%s}" % name), value)
    return env

def _check_deps(values, dep_names, version):
    if values["system_libmpdec"] and "mpdecimal" not in dep_names:
        fail("--//config:system_libmpdec=True (--with-system-libmpdec) needs the mpdecimal library among the deps of CPython %s; set it to False for the bundled copy." % version)

def _cpython_interpreter_impl(ctx):
    version = interpreter_release(ctx.attr.version, ctx.attr._version[BuildSettingInfo].value)
    minor = minor_version(version)
    deps = depset(transitive = [d[InstallTreeInfo].deps for d in ctx.attr.deps], order = "postorder")
    dep_list = deps.to_list()
    dep_names = [d.name for d in dep_list]
    values = setting_values(ctx)
    max_glibc = ctx.attr._sysroot[CpythonSysrootInfo].glibc_version
    plan = plan_build(values, cc_compiler(ctx), target_oses(ctx), ctx.attr.jobs, max_glibc)
    _check_deps(values, dep_names, version)
    prefix = ctx.label.name + "_install/"
    binary_name = "python" + minor + plan.abiflags + plan.exe_suffix
    binary = ctx.actions.declare_file(prefix + "bin/" + binary_name)
    bin_layout = installed_bin(minor, plan.abiflags, plan.exe_suffix, values["ensurepip"])
    bin_files = [n for n, target in sorted(bin_layout.items()) if not target and n != binary_name]
    bin_links = {n: target for n, target in sorted(bin_layout.items()) if target}
    bin_outputs = [ctx.actions.declare_file(prefix + "bin/" + n) for n in bin_files]

    # The links are Bazel's own (the builder checks that make install made them): an
    # action's output that is a link is what some remote-execution services cannot
    # return (buildbox-casd fails it: "not a file or directory").
    bin_symlinks = []
    for name, target in bin_links.items():
        link = ctx.actions.declare_symlink(prefix + "bin/" + name)
        ctx.actions.symlink(output = link, target_path = target)
        bin_symlinks.append(link)
    lib = ctx.actions.declare_directory(prefix + "lib")
    include = ctx.actions.declare_directory(prefix + "include")
    share = ctx.actions.declare_directory(prefix + "share")
    log = ctx.actions.declare_file(ctx.label.name + ".log")
    build_info = ctx.actions.declare_file(ctx.label.name + "_build_info.json")
    libpython = ctx.actions.declare_file("%s_embed/libpython%s%s.a" % (ctx.label.name, minor, plan.abiflags))
    soname = shared_libpython(values, minor, plan.abiflags)

    common = builder_args(ctx, "cpython", ctx.label.name, ctx.attr.srcs, deps, log, extra_ldflags = _LINK_EVERY_NAMED_LIBRARY)
    args = common.args
    args.add("--version=" + minor)
    quirks = release_quirks(minor, dep_names)
    openssl = ["--with-openssl={DEP:openssl}"] if "openssl" in dep_names else []
    args.add_all(openssl + quirks.configure_args + plan.configure_args + ctx.attr.configure_args, format_each = "--configure_arg=%s")
    object_sources = {ISOC23_COMPAT_OBJECT: ctx.file._isoc23_compat}
    objects = [object_sources[name] for name in plan.objects]
    args.add_all(["%s=%s" % (name, object_sources[name].path) for name in plan.objects], format_each = "--object=%s")
    args.add_all(plan.make_args, format_each = "--make_arg=%s")
    args.add_all(["%s=%s" % phase for phase in plan.make_phases], format_each = "--make_phase=%s")
    env = dict(_env_for(quirks, dep_names, plan.env), **ctx.attr.env)
    args.add_all(["%s=%s" % (k, v) for k, v in sorted(env.items())], format_each = "--env=%s")
    args.add_all(dep_list, map_each = _runtime_dir_args)
    args.add_all(quirks.setup_local, format_each = "--setup_local=%s")
    args.add_all(quirks.source_edits, map_each = source_edit_arg, format_each = "--source_edit=%s")
    args.add("--out_binary=" + binary.path)
    args.add("--out_lib=" + lib.path)
    args.add("--out_include=" + include.path)
    args.add("--out_share=" + share.path)
    args.add_all(bin_files, format_each = "--bin_file=%s")
    args.add_all(["%s=%s" % kv for kv in bin_links.items()], format_each = "--bin_link=%s")
    args.add("--out_libpython=" + libpython.path)
    args.add("--out_build_info=" + build_info.path)
    if soname:
        args.add("--shared_libpython=" + soname)
    if max_glibc:
        args.add("--max_glibc=" + max_glibc)
    modules = module_libraries(dep_names)
    args.add_all(["%s=%s" % (m, libs) for m, libs in sorted(modules.items())], format_each = "--module_library=%s")
    args.add_all(optional_modules(), format_each = "--optional_module=%s")
    args.add_all(CA_BUNDLES, format_each = "--ca_bundle=%s")
    ctx.actions.run(
        executable = builder(ctx),
        arguments = [args],
        inputs = depset(objects, transitive = [common.inputs]),
        # The log first: Bazel names the params file after the first output, and it must
        # not land in the install tree's bin/.
        outputs = [log, binary, lib, include, share, libpython, build_info] + bin_outputs,
        mnemonic = "CpythonBuild",
        progress_message = "Building CPython " + version + " %{label} (make -j" + str(ctx.attr.jobs) + ")",
        resource_set = RESOURCE_SETS[ctx.attr.jobs],
    )
    executable = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = executable, target_file = binary, is_executable = True)
    install_tree = [binary] + bin_outputs + bin_symlinks + [lib, include, share]
    return [
        DefaultInfo(
            executable = executable,
            files = depset([executable] + install_tree),
            # What running it needs; the rest of the tree is for copying it elsewhere.
            runfiles = ctx.runfiles(files = [binary, lib, include]),
        ),
        OutputGroupInfo(
            log = depset([log]),
            # For py_runtime (through filegroups with output_group): its interpreter and files.
            python_interpreter = depset([binary]),
            python_runtime_files = depset([lib, include]),
            # The whole install tree, as make install makes it (the dist archive's input).
            python_install = depset(install_tree),
            build_info = depset([build_info]),
        ),
        CpythonInfo(
            interpreter = binary,
            lib = lib,
            include = include,
            install_tree = install_tree,
            build_info = build_info,
            sources = [s for s in [source_facts(ctx.attr.srcs)] + [d.source for d in dep_list] if s],
            source_licenses = [struct(name = "cpython", licenses = license_files(ctx.attr.srcs, "cpython"))] + [
                struct(name = d.source["name"], licenses = d.licenses)
                for d in dep_list
                if d.source
            ],
            settings = dict(values, version = ctx.attr._version[BuildSettingInfo].value),
            libpython = libpython,
            shared_libpython = soname,
            max_glibc = max_glibc,
            library_cc_infos = [d[CcInfo] for d in ctx.attr.deps if CcInfo in d],
            version = version,
            minor = minor,
            abiflags = plan.abiflags,
            log = log,
        ),
    ]

cpython_interpreter = rule(
    implementation = _cpython_interpreter_impl,
    doc = """Builds CPython from source against the given libraries; `bazel run` starts it.

The interpreter is installed into `<name>_install/` as make install makes it (bin/ with
pythonX.Y, python3, python, pythonX.Y-config, pydoc3, idle3; lib/, include/, share/) and
is relocatable: it finds its prefix from its own binary, and sysconfig, pythonX.Y-config
and the pkg-config files name the folder the tree is in. How it is configured
comes from the //config build settings (see docs/build-settings.md), checked against the
version at analysis time. The build fails when
an extension module that configure expects is missing or does not import (a table names
each module and the library behind it), or when an ELF file of the interpreter needs a
shared library outside the allow-list.
""",
    attrs = dict(BUILDER_ATTRS, **dict(SETTINGS_ATTRS, **{
        "srcs": attr.label(mandatory = True, doc = "The CPython source tree (a cpython_X_Y_Z repository's :srcs)."),
        "version": attr.string(doc = "Full version of the sources, e.g. 3.12.4; empty: the latest release of --//config:version (srcs must then follow that setting too)."),
        "deps": attr.label_list(
            providers = [InstallTreeInfo],
            # The libraries do not depend on how CPython is configured: they are built
            # once for every variant.
            cfg = restore_for_libraries,
            doc = "Libraries for the optional modules.",
        ),
        "configure_args": attr.string_list(doc = "Extra configure arguments (after those of the //config settings)."),
        "env": attr.string_dict(doc = "Extra variables of the build environment."),
        "_isoc23_compat": attr.label(
            default = "//toolchains/sysroot:isoc23_compat.c",
            allow_single_file = [".c"],
        ),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
        "_version": attr.label(default = "//config:version"),
    })),
    cfg = check_settings_transition,
    executable = True,
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    exec_compatible_with = BUILD_EXEC_CONSTRAINTS,
    fragments = ["cpp"],
)
