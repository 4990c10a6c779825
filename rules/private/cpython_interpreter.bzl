"""cpython_interpreter: CPython built from a pinned source against third_party libraries."""

load("@bazel_skylib//rules:common_settings.bzl", "BuildSettingInfo")
load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load(":build_settings.bzl", "SETTINGS_ATTRS", "plan_build", "setting_values", "target_oses")
load(":builder_action.bzl", "BUILDER_ATTRS", "RESOURCE_SETS", "builder_args")
load(":cc_env.bzl", "cc_compiler")
load(":libraries.bzl", "module_libraries", "optional_modules")
load(":providers.bzl", "CpythonInfo", "InstallTreeInfo")
load(":releases.bzl", "interpreter_release")
load(":transitions.bzl", "check_settings_transition", "reset_cpython_settings")
load(":versions.bzl", "minor_version")

def _runtime_dir_args(dep):
    if not dep.runtime_dirs:
        return []
    return ["--runtime_dir=%s=%s" % (dep.name, d) for d in dep.runtime_dirs.split(",")]

def configure_args_for(minor, dep_names):
    """configure arguments that follow from the version and the libraries present.

    Args:
      minor: major.minor of the interpreter.
      dep_names: names of the libraries the interpreter is built with.

    Returns:
      list of configure arguments.
    """
    args = []
    if minor in ["3.10", "3.11", "3.12"]:
        # crypt and nis need libcrypt and libnsl, which glibc no longer ships and which
        # are not pinned here; both modules are deprecated and gone in 3.13 (PEP 594).
        args += ["py_cv_module__crypt=n/a", "py_cv_module_nis=n/a"]
    if "openssl" in dep_names:
        args.append("--with-openssl={DEP:openssl}")
    if "gdbm" in dep_names:
        # configure links dbm_open against -lgdbm_compat alone, which only works with
        # the shared library; the static one needs -lgdbm after it.
        args.append("ac_cv_search_dbm_open=-lgdbm_compat -lgdbm")
    return args

def setup_local_for(minor, dep_names):
    """Lines of Modules/Setup.local: modules built into the interpreter.

    Args:
      minor: major.minor of the interpreter.
      dep_names: names of the libraries the interpreter is built with.

    Returns:
      list of lines.
    """
    if "ncurses" not in dep_names or minor in ["3.10", "3.11"]:
        return []

    # _curses_panel works on the screen _curses set up: as two shared modules each would
    # carry its own copy of the static ncurses, and panels would see no screen. Built in,
    # they share one. (Before 3.12 setup.py builds them and this does not apply.)
    return ["*static*", "_curses _cursesmodule.c", "_curses_panel _curses_panel.c"]

def _env_for(minor, dep_names, user_env):
    env = {"PKG_CONFIG": "pkg-config --static"}
    if minor in ["3.10", "3.11"]:
        # Static libraries need libm after them; these configure scripts put a library's
        # own flags before the test program, where the compiler's --as-needed drops -lm.
        # Later ones take each library's flags from pkg-config --static, libm included;
        # there -lm on every test program only slows configure down.
        env["LIBS"] = "-lm"
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
    plan = plan_build(values, cc_compiler(ctx), target_oses(ctx))
    _check_deps(values, dep_names, version)
    prefix = ctx.label.name + "_install/"
    binary = ctx.actions.declare_file(prefix + "bin/python" + minor + plan.abiflags + plan.exe_suffix)
    lib = ctx.actions.declare_directory(prefix + "lib")
    include = ctx.actions.declare_directory(prefix + "include")
    log = ctx.actions.declare_file(ctx.label.name + ".log")
    libpython = ctx.actions.declare_file("%s_embed/libpython%s%s.a" % (ctx.label.name, minor, plan.abiflags))

    common = builder_args(ctx, "cpython", ctx.label.name, ctx.attr.srcs, deps, log)
    args = common.args
    args.add("--version=" + minor)
    args.add_all(configure_args_for(minor, dep_names) + plan.configure_args + ctx.attr.configure_args, format_each = "--configure_arg=%s")
    args.add_all(plan.make_args, format_each = "--make_arg=%s")
    env = dict(_env_for(minor, dep_names, plan.env), **ctx.attr.env)
    args.add_all(["%s=%s" % (k, v) for k, v in sorted(env.items())], format_each = "--env=%s")
    args.add_all(dep_list, map_each = _runtime_dir_args)
    args.add_all(setup_local_for(minor, dep_names), format_each = "--setup_local=%s")
    args.add("--out_binary=" + binary.path)
    args.add("--out_lib=" + lib.path)
    args.add("--out_include=" + include.path)
    args.add("--out_libpython=" + libpython.path)
    modules = module_libraries(dep_names)
    args.add_all(["%s=%s" % (m, libs) for m, libs in sorted(modules.items())], format_each = "--module_library=%s")
    args.add_all(optional_modules(), format_each = "--optional_module=%s")
    ctx.actions.run(
        executable = ctx.executable._builder,
        arguments = [args],
        inputs = common.inputs,
        outputs = [binary, lib, include, libpython, log],
        mnemonic = "CpythonBuild",
        progress_message = "Building CPython " + version + " %{label} (make -j" + str(ctx.attr.jobs) + ")",
        resource_set = RESOURCE_SETS[ctx.attr.jobs],
    )
    executable = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = executable, target_file = binary, is_executable = True)
    return [
        DefaultInfo(
            executable = executable,
            files = depset([executable, binary, lib, include]),
            runfiles = ctx.runfiles(files = [binary, lib, include]),
        ),
        OutputGroupInfo(
            log = depset([log]),
            # For py_runtime (through filegroups with output_group): its interpreter and files.
            python_interpreter = depset([binary]),
            python_runtime_files = depset([lib, include]),
        ),
        CpythonInfo(
            interpreter = binary,
            lib = lib,
            include = include,
            libpython = libpython,
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

The interpreter is installed into `<name>_install/` (bin/pythonX.Y, lib/, include/) and is
relocatable: it finds its standard library relative to the binary. How it is configured
comes from the //config build settings (see docs/build-settings.md), checked against the
version at analysis time. The build fails when
an extension module that configure expects is missing or does not import (a table names
each module and the library behind it), or when an ELF file of the interpreter needs a
shared library outside the allow-list.
""",
    attrs = dict(BUILDER_ATTRS, **dict(SETTINGS_ATTRS, **{
        "srcs": attr.label(mandatory = True, doc = "The CPython source tree (a cpython_X_Y_Z repository's :srcs)."),
        "version": attr.string(doc = "Full version of the sources, e.g. 3.13.15; empty: the latest release of --//config:version (srcs must then follow that setting too)."),
        "deps": attr.label_list(
            providers = [InstallTreeInfo],
            # The libraries do not depend on how CPython is configured: they are built
            # once for every variant.
            cfg = reset_cpython_settings,
            doc = "Libraries for the optional modules.",
        ),
        "configure_args": attr.string_list(doc = "Extra configure arguments (after those of the //config settings)."),
        "env": attr.string_dict(doc = "Extra variables of the build environment."),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
        "_version": attr.label(default = "//config:version"),
    })),
    cfg = check_settings_transition,
    executable = True,
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    fragments = ["cpp"],
)
