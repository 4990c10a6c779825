"""From the values of //config's build settings to the builder's arguments, with checks.

Everything here runs at analysis time: a setting the chosen version does not know, an
unknown or contradictory value, or an option for another platform fails the build
before anything runs, with a message naming the setting, the value and what is allowed.
"""

load("@bazel_skylib//rules:common_settings.bzl", "BuildSettingInfo")
load("//config:options.bzl", "OPTIONS", "PLATFORM_CONSTRAINTS", "VERSIONS")
load(":hardening.bzl", "FORTIFY_SOURCE")
load(":versions.bzl", "version_tuple")

# Sanitizers that cannot share one build (each instruments memory its own way).
_EXCLUSIVE_SANITIZERS = ["address_sanitizer", "memory_sanitizer", "thread_sanitizer"]

SETTINGS_ATTRS = {
    "_settings": attr.label_list(
        default = [Label("//config:" + o.setting) for o in OPTIONS],
        providers = [BuildSettingInfo],
    ),
    "_platform_constraints": attr.label_list(
        default = [Label(c) for c in PLATFORM_CONSTRAINTS.values()],
    ),
}

def setting_label(option):
    return "//config:" + option.setting

def _describe(option, value):
    return "--%s=%s (%s)" % (setting_label(option), _format(option, value), option.name)

def _format(option, value):
    if option.kind == "list":
        return ",".join(value)
    return str(value)

def _is_default(option, value):
    return value == option.default

def setting_values(ctx):
    """The value of every option's setting, by setting name.

    Args:
      ctx: a rule context with SETTINGS_ATTRS.

    Returns:
      dict of setting name to value.
    """
    return {o.setting: ctx.attr._settings[i][BuildSettingInfo].value for i, o in enumerate(OPTIONS)}

def target_oses(ctx):
    """The names of PLATFORM_CONSTRAINTS the target platform has.

    Args:
      ctx: a rule context with SETTINGS_ATTRS.

    Returns:
      list of OS names.
    """
    names = PLATFORM_CONSTRAINTS.keys()
    return [
        names[i]
        for i, c in enumerate(ctx.attr._platform_constraints)
        if ctx.target_platform_has_constraint(c[platform_common.ConstraintValueInfo])
    ]

def _check_platform(option, value, oses):
    if _is_default(option, value) or not option.platforms:
        return
    if not [p for p in option.platforms if p in oses]:
        fail("%s is for %s only; this interpreter is built for %s." % (
            _describe(option, value),
            " and ".join(option.platforms),
            " and ".join(oses) if oses else "Linux",
        ))

def _check_option(option, value, version):
    if _is_default(option, value):
        return
    what = _describe(option, value)
    if option.unsupported:
        fail("%s is not supported: %s." % (what, option.unsupported))
    if option.since and version_tuple(version) < version_tuple(option.since):
        fail("%s needs CPython %s or later; this interpreter is CPython %s." % (what, option.since, version))
    if option.until and version_tuple(version) > version_tuple(option.until):
        fail("%s was removed after CPython %s; this interpreter is CPython %s." % (what, option.until, version))
    if option.kind in ["bool", "choice"]:
        since = option.value_since.get(value)
        if since and version_tuple(version) < version_tuple(since):
            fail("%s: the value %s needs CPython %s or later; this interpreter is CPython %s." % (what, value, since, version))
        until = option.value_until.get(value)
        if until and version_tuple(version) > version_tuple(until):
            fail("%s: the value %s is gone after CPython %s; this interpreter is CPython %s." % (what, value, until, version))
    if option.kind == "list" and option.allowed_items:
        for item in value:
            if item not in option.allowed_items:
                fail("%s: %r is not allowed; allowed: %s." % (what, item, ", ".join(option.allowed_items)))

# What only clang builds: the setting, the value, why, and what else the user may do.
_CLANG_ONLY = [
    ("memory_sanitizer", True, "--//config:memory_sanitizer=True (--with-memory-sanitizer) needs clang", ""),
    ("lto", "thin", "--//config:lto=thin (--with-lto=thin) needs clang (ThinLTO)", ", or use --//config:lto=full or off"),
]

def needs_clang(values):
    """Whether the settings build only with clang (--//config:compiler=auto then means clang).

    Args:
      values: dict of setting name to value.

    Returns:
      bool.
    """
    return any([values[setting] == value for setting, value, _, _ in _CLANG_ONLY])

def _check_compiler(values, compiler):
    if compiler == "clang":
        return
    for setting, value, why, otherwise in _CLANG_ONLY:
        if values[setting] == value:
            fail("%s; the C toolchain's compiler is %s: --//config:compiler=auto or clang chooses clang (unless the root module registers a C toolchain of its own)%s." % (why, compiler, otherwise))

def _option_key(argument):
    """What configure knows an argument by: --with-x for --without-x=..., VAR for VAR=..."""
    name = argument.split("=", 1)[0]
    for negative, positive in [("--disable-", "--enable-"), ("--without-", "--with-")]:
        if name.startswith(negative):
            return positive + name[len(negative):]
    return name

def _check_extra_configure_args(arguments):
    """Refuses in extra_configure_args what the typed settings refuse or manage."""
    by_key = {}
    for option in OPTIONS:
        if option.setting != "extra_configure_args":
            for name in [option.name] + option.aliases:
                by_key[_option_key(name)] = option
    for argument in arguments:
        option = by_key.get(_option_key(argument))
        if not option:
            continue
        what = "--//config:extra_configure_args=%s" % argument
        if option.unsupported:
            fail("%s: %s is not supported: %s." % (what, option.name, option.unsupported))
        fail("%s: %s is managed by the rules through its own setting: use --//config:%s (see docs/build-settings.md), which is checked against the version and passed where configure expects it." % (what, option.name, option.setting))

def check_settings(values, version):
    """Fails on a setting the version does not have, or on settings that contradict.

    Runs in the interpreter's incoming transition too, before its sources are fetched:
    a wrong setting is reported even where the sources cannot be downloaded.

    Args:
      values: dict of setting name to value.
      version: full CPython version.
    """
    for option in OPTIONS:
        _check_option(option, values[option.setting], version)
    _check_extra_configure_args(values["extra_configure_args"])
    chosen = [s for s in _EXCLUSIVE_SANITIZERS if values[s]]
    if len(chosen) > 1:
        fail("--//config:%s and --//config:%s cannot be combined: each sanitizer instruments memory its own way; choose one of %s." % (
            chosen[0],
            chosen[1],
            ", ".join(_EXCLUSIVE_SANITIZERS),
        ))

def _args_of(option, value):
    if option.kind in ["bool", "choice"]:
        return option.args.get(value, [])
    if _is_default(option, value):
        return []
    if option.kind == "string":
        return [option.template.format(value)]
    if option.separator == None:
        return [option.template.format(v) for v in value]
    return [option.template.format(option.separator.join(value))]

# configure's PGO_PROF_USE_FLAG for gcc (the same in 3.11 and 3.13: make can only
# replace the variable, not append to it), plus -fprofile-partial-training: without it gcc 16 optimizes for size every block of the
# eval loop that its profile counts as never run (docs/known-limitations.md has the
# figures). Code the profile run missed is then optimized as by default.
GCC_PROFILE_USE = "PGO_PROF_USE_FLAG=-fprofile-use -fprofile-correction -fprofile-partial-training"

# gcc's libgcov.a, which the instrumented build links, calls __isoc23_strtol when the
# compiler's own glibc is 2.38 or later; a sysroot's older glibc lacks it. The object
# toolchains/sysroot/isoc23_compat.c provides it, in the instrumented build's links only
# (configure's PGO_PROF_GEN_FLAG for gcc, plus the object): the optimized build and the
# installed interpreter never contain it.
ISOC23_COMPAT_OBJECT = "isoc23_compat"
GCC_PROFILE_GENERATE_WITH_COMPAT = "PGO_PROF_GEN_FLAG=-fprofile-generate -Wl,{OBJ:%s}" % ISOC23_COMPAT_OBJECT
_FIRST_ISOC23_GLIBC = (2, 38)

# With a shared libpython, the interpreter finds it relative to its own binary
# (bin/../lib) wherever the tree is copied. In LDFLAGS_NODIST, not LDFLAGS: sysconfig's
# LDFLAGS and LDSHARED are what third-party extensions link with, and they must not
# inherit it. make reads `\$$` as `\$` and the shell then passes a literal `$ORIGIN`.
# It goes on configure's command line, never into the environment: make would read it
# from there too, and the PGO build's recursive make passes LDFLAGS_NODIST on through a
# shell that would eat the `$`.
SHARED_RUN_PATH = "-Wl,-rpath,\\$$ORIGIN/../lib"

def _prepend(configure_args, variable, value):
    """Puts value first in configure's variable, the user's value (if any) after it."""
    for i, arg in enumerate(configure_args):
        if arg.startswith(variable + "="):
            return configure_args[:i] + ["%s=%s %s" % (variable, value, arg[len(variable) + 1:])] + configure_args[i + 1:]
    return configure_args + ["%s=%s" % (variable, value)]

def shared_libpython(values, minor, abiflags):
    """The soname of the shared libpython (CPython's INSTSONAME), or "" when it is static.

    Args:
      values: dict of setting name to value (setting_values()).
      minor: major.minor of the interpreter.
      abiflags: its ABI flags.

    Returns:
      string.
    """
    return "libpython%s%s.so.1.0" % (minor, abiflags) if values["shared"] else ""

# A PGO build as separate make calls, so that the log times each phase (bench/phases
# reads them): CPython's Makefile builds profile-gen-stamp (the instrumented
# interpreter), then profile-run-stamp (the training run of PROFILE_TASK), then its
# default target rebuilds with the profile (and the LTO link, and BOLT where enabled).
PGO_MAKE_PHASES = [
    ("instrumented build", "profile-gen-stamp"),
    ("training", "profile-run-stamp"),
    ("optimized build", ""),
]

def parallel_profile_task(jobs):
    """CPython's own profile task (-m test --pgo), on every core the action reserves.

    CPython runs it in one process; on 2 cores that left one idle for the ten minutes of
    the training run. Each test still runs whole in one worker, so the profile counts
    the same code paths; only tests whose paths depend on timing differ from run to run,
    as they do in one process.

    Args:
      jobs: the cores the build action reserves.

    Returns:
      the PROFILE_TASK configure argument.
    """
    return "PROFILE_TASK=-m test --pgo -j%d --timeout=$(TESTTIMEOUT)" % jobs

def plan_build(values, compiler, oses, jobs, sysroot_glibc = ""):
    """Checks the settings against the toolchain and the platform; returns the arguments.

    Args:
      values: dict of setting name to value (setting_values()).
      compiler: the C toolchain's compiler ("gcc", "clang").
      oses: the target platform's OS names (target_oses()).
      jobs: the cores the build action reserves (make -jN, and the PGO profile run).
      sysroot_glibc: the glibc version of the sysroot ("2.31"), or "" for the machine's.

    Returns:
      struct(configure_args, env, make_args, make_phases, objects, abiflags, exe_suffix):
      env is a dict of variables to append to; make_phases (step, target) pairs of the
      make calls (none: one make); objects the names of the C files to compile before
      configure ({OBJ:NAME} in the arguments); abiflags and exe_suffix name the installed
      binary.
    """

    # check_settings already ran in the interpreter's incoming transition; what needs
    # the toolchain and the target platform is checked here.
    _check_compiler(values, compiler)
    configure_args = []
    env = {}
    make_args = []
    extra_configure_args = []
    for option in OPTIONS:
        value = values[option.setting]
        _check_platform(option, value, oses)
        args = _args_of(option, value)
        if option.setting == "extra_configure_args":
            extra_configure_args = args
        elif option.target == "configure":
            configure_args += args
        elif option.target == "make":
            make_args += args
        elif args:
            env[option.name] = value
    objects = []
    if values["optimizations"] and compiler == "gcc":
        make_args.append(GCC_PROFILE_USE)
        if sysroot_glibc and version_tuple(sysroot_glibc) < _FIRST_ISOC23_GLIBC:
            make_args.append(GCC_PROFILE_GENERATE_WITH_COMPAT)
            objects.append(ISOC23_COMPAT_OBJECT)
    if values["optimizations"] and not values["PROFILE_TASK"]:
        configure_args.append(parallel_profile_task(jobs))
    if values["shared"]:
        configure_args = _prepend(configure_args, "LDFLAGS_NODIST", SHARED_RUN_PATH)
    configure_args = _prepend(configure_args, "CFLAGS_NODIST", FORTIFY_SOURCE)
    return struct(
        configure_args = configure_args + extra_configure_args,
        env = env,
        make_args = make_args,
        make_phases = PGO_MAKE_PHASES if values["optimizations"] else [],
        objects = objects,
        abiflags = ("t" if values["free_threading"] else "") + ("d" if values["pydebug"] else ""),
        exe_suffix = values["suffix"],
    )

def versions_with(setting):
    """The minor versions (of //config:version's list) that have a setting.

    Args:
      setting: name of a //config setting of the options table.

    Returns:
      list of "3.X" strings, oldest first.
    """
    option = [o for o in OPTIONS if o.setting == setting]
    if not option:
        fail("//config:%s is not a CPython build setting; see docs/build-settings.md" % setting)
    since = option[0].since
    return [v for v in VERSIONS if not since or version_tuple(v) >= version_tuple(since)]
