"""The one table of CPython's configure options and build variables.

Every row is a build setting of //config (declared from this table by
declare_settings()), the arguments the builder receives for it, the CPython versions
that know it, and a line of docs/build-settings.md (generated from this table; a test
keeps the file in sync). Sections follow "Configure Python" of CPython's documentation.

Kinds:
  bool    bool_flag; `args` maps True/False to the arguments passed.
  choice  string_flag with `values`; `args` maps each value to the arguments passed.
  string  string_flag; a non-empty value is passed through `template`.
  list    string_list_flag; a non-empty list is joined with `separator` and passed
          through `template`.

declare_settings() declares the settings in //config; rules read them through
rules/private/build_settings.bzl.

Where an argument goes (`target`):
  configure  an argument of ./configure (options, and the variables configure takes);
  env        appended to the variable the builder already sets from the C toolchain;
  make       a variable on the command line of `make` and `make install`.
"""

load("@bazel_skylib//rules:common_settings.bzl", "bool_flag", "string_flag", "string_list_flag")
load("//rules:versions.bzl", "CPYTHON_VERSIONS")

def _option(
        setting,
        kind,
        name,
        section,
        doc,
        default = None,
        args = None,
        values = None,
        template = None,
        separator = " ",
        allowed_items = None,
        target = "configure",
        since = None,
        until = None,
        platforms = None,
        unsupported = None,
        value_since = None,
        value_until = None,
        aliases = None):
    if kind == "bool":
        default = bool(default)
        args = args or {}
    elif kind == "choice":
        values = values or sorted((args or {}).keys())
    elif kind == "string":
        default = default or ""
        template = template or (name + "={}")
    elif kind == "list":
        default = default or []
        template = template or (name + "={}")
    else:
        fail("unknown kind " + kind)
    return struct(
        setting = setting,
        kind = kind,
        name = name,
        section = section,
        doc = doc,
        default = default,
        args = args or {},
        values = values,
        template = template,
        separator = separator,
        allowed_items = allowed_items,
        target = target,
        since = since,
        until = until,
        platforms = platforms or [],
        unsupported = unsupported,
        value_since = value_since or {},
        # A value -> the last release that has it.
        value_until = value_until or {},
        # Other spellings of the same option, each with a row of its own in the docs.
        aliases = aliases or [],
    )

def _enable(setting, feature, section, doc, **kwargs):
    return _option(setting, "bool", "--enable-" + feature, section, doc, default = False, args = {True: ["--enable-" + feature]}, **kwargs)

def _with(setting, feature, section, doc, **kwargs):
    return _option(setting, "bool", "--with-" + feature, section, doc, default = False, args = {True: ["--with-" + feature]}, **kwargs)

def _without(setting, feature, section, doc, **kwargs):
    return _option(setting, "bool", "--without-" + feature, section, doc, default = True, args = {False: ["--without-" + feature]}, **kwargs)

def _variable(name, section, doc, target = "configure", **kwargs):
    return _option(name, "string", name, section, doc, target = target, **kwargs)

def _library_variables(prefix, library, since = "3.11"):
    return [
        _variable(prefix + "_CFLAGS", "3.3.4", "C compiler flags for " + library + ", instead of pkg-config's.", since = since),
        _variable(prefix + "_LIBS", "3.3.4", "Linker flags for " + library + ", instead of pkg-config's.", since = since),
    ]

_TOOLCHAIN = "the C compiler and its flags come from the C toolchain: choose one with --//config:compiler (gcc, clang), or register your own (--extra_toolchains)"
_MANAGED_PKG_CONFIG = "the builder points pkg-config at the interpreter's dependencies only, so that nothing is found on the machine"
_CROSS = "cross-compiling is not supported by these rules: the interpreter is built for the platform Bazel builds on"
_INSTALL_LAYOUT = "the interpreter is installed into its output tree and is relocatable (sys.prefix is where the binary runs from)"

# Which target platforms an option belongs to, by the OS constraint of @platforms.
PLATFORM_CONSTRAINTS = {
    "emscripten": "@platforms//os:emscripten",
    "ios": "@platforms//os:ios",
    "macos": "@platforms//os:macos",
    "wasi": "@platforms//os:wasi",
}

OPTIONS = [
              # 3.3.1 General options
              _enable("loadable_sqlite_extensions", "loadable-sqlite-extensions", "3.3.1", "Let sqlite3 connections load SQLite extensions."),
              _option("ipv6", "bool", "--disable-ipv6", "3.3.1", "IPv6 support in the socket module.", default = True, args = {False: ["--disable-ipv6"]}),
              _option("big_digits", "choice", "--enable-big-digits", "3.3.1", "Size in bits of the digits of Python ints.", default = "default", args = {"default": [], "15": ["--enable-big-digits=15"], "30": ["--enable-big-digits=30"]}),
              _option("suffix", "string", "--with-suffix", "3.3.1", "Suffix of the executable's name.", template = "--with-suffix={}"),
              _option("tzpath", "string", "--with-tzpath", "3.3.1", "Default time zone search path of zoneinfo (os.pathsep-separated absolute paths).", template = "--with-tzpath={}"),
              _without("decimal_contextvar", "decimal-contextvar", "3.3.1", "False: _decimal uses a thread-local context instead of a coroutine-local one."),
              _option("dbmliborder", "list", "--with-dbmliborder", "3.3.1", "Order in which dbm looks for its backends.", template = "--with-dbmliborder={}", separator = ":", allowed_items = ["ndbm", "gdbm", "bdb"]),
              _without("c_locale_coercion", "c-locale-coercion", "3.3.1", "False: no coercion of the C locale to a UTF-8 one (PEP 538)."),
              _without("freelists", "freelists", "3.3.1", "False: no freelists except the empty tuple singleton.", since = "3.11"),
              _option("platlibdir", "string", "--with-platlibdir", "3.3.1", "Name of the library folder (sys.platlibdir).", template = "--with-platlibdir={}", unsupported = "the rules lay the interpreter out with lib/ (declared outputs bin/, lib/, include/)"),
              _option("wheel_pkg_dir", "string", "--with-wheel-pkg-dir", "3.3.1", "Folder of wheel packages for ensurepip.", template = "--with-wheel-pkg-dir={}", since = "3.10"),
              _option("pkg_config", "choice", "--with-pkg-config", "3.3.1", "Whether configure uses pkg-config.", default = "check", args = {"check": [], "yes": ["--with-pkg-config=yes"], "no": ["--with-pkg-config=no"]}, since = "3.11"),
              _enable("pystats", "pystats", "3.3.1", "Internal performance statistics (-X pystats).", since = "3.11"),
              _option("free_threading", "bool", "--disable-gil", "3.3.1", "Free-threaded build: no global interpreter lock; adds t to sys.abiflags.", default = False, args = {True: ["--disable-gil"]}, since = "3.13"),
              _option("experimental_jit", "choice", "--enable-experimental-jit", "3.3.1", "The experimental JIT compiler (needs LLVM at build time).", default = "no", args = {"no": [], "yes": ["--enable-experimental-jit=yes"], "yes-off": ["--enable-experimental-jit=yes-off"], "interpreter": ["--enable-experimental-jit=interpreter"]}, since = "3.13"),
              _option("tail_call_interp", "bool", "--with-tail-call-interp", "3.3.1", "The tail-calling interpreter (needs a compiler with preserve_none and musttail).", default = False, args = {True: ["--with-tail-call-interp"]}, since = "3.14"),
              _variable("PKG_CONFIG", "3.3.1", "Path of pkg-config.", unsupported = _MANAGED_PKG_CONFIG),
              _variable("PKG_CONFIG_LIBDIR", "3.3.1", "pkg-config's search path.", unsupported = _MANAGED_PKG_CONFIG),
              _variable("PKG_CONFIG_PATH", "3.3.1", "pkg-config's extra search path.", unsupported = _MANAGED_PKG_CONFIG),
              # 3.3.2 C compiler options
              _variable("CC", "3.3.2", "C compiler command.", unsupported = _TOOLCHAIN),
              _variable("CFLAGS", "3.3.2", "C compiler flags, after the toolchain's.", target = "env"),
              _variable("CPP", "3.3.2", "C preprocessor command.", unsupported = _TOOLCHAIN),
              _variable("CPPFLAGS", "3.3.2", "C preprocessor flags, after the dependencies' -I flags.", target = "env"),
              # 3.3.3 Linker options
              _variable("LDFLAGS", "3.3.3", "Linker flags, after the toolchain's.", target = "env"),
              _variable("LIBS", "3.3.3", "Libraries to link (on 3.10 and 3.11 after -lm).", target = "env"),
              _variable("MACHDEP", "3.3.3", "Name for machine-dependent library files."),
          ] + _library_variables("BZIP2", "libbz2 (bz2)") + \
          _library_variables("CURSES", "ncurses (curses)") + \
          _library_variables("GDBM", "gdbm (dbm.gnu)") + \
          _library_variables("LIBB2", "libb2 (hashlib's BLAKE2)") + \
          _library_variables("LIBEDIT", "libedit (readline)") + \
          _library_variables("LIBFFI", "libffi (ctypes)") + \
          _library_variables("LIBMPDEC", "libmpdec (decimal)") + \
          _library_variables("LIBLZMA", "liblzma (lzma)") + \
          _library_variables("LIBREADLINE", "libreadline (readline)") + \
          _library_variables("LIBSQLITE3", "libsqlite3 (sqlite3)") + \
          _library_variables("LIBUUID", "libuuid (uuid)") + \
          _library_variables("PANEL", "libpanel (curses.panel)") + \
          _library_variables("TCLTK", "Tcl/Tk (tkinter)") + \
          _library_variables("ZLIB", "zlib (zlib, gzip)") + [
    # 3.3.5 WebAssembly options
    _option("emscripten_target", "choice", "--with-emscripten-target", "3.3.5", "Flavour of a wasm32-emscripten build.", default = "default", args = {"default": [], "browser": ["--with-emscripten-target=browser"], "node": ["--with-emscripten-target=node"]}, since = "3.11", platforms = ["emscripten"]),
    _enable("wasm_dynamic_linking", "wasm-dynamic-linking", "3.3.5", "Dynamic linking (dlopen) for WebAssembly.", since = "3.11", platforms = ["emscripten", "wasi"]),
    _enable("wasm_pthreads", "wasm-pthreads", "3.3.5", "pthreads for WebAssembly.", since = "3.11", platforms = ["emscripten", "wasi"]),
    # 3.3.6 Install options
    _option("prefix", "string", "--prefix", "3.3.6", "Installation prefix.", template = "--prefix={}", unsupported = _INSTALL_LAYOUT),
    _option("exec_prefix", "string", "--exec-prefix", "3.3.6", "Installation prefix of architecture-dependent files.", template = "--exec-prefix={}", unsupported = _INSTALL_LAYOUT),
    _option("test_modules", "bool", "--disable-test-modules", "3.3.6", "Build and install the test package and the test extension modules (_testcapi...).", default = True, args = {False: ["--disable-test-modules"]}, since = "3.10"),
    _option("ensurepip", "choice", "--with-ensurepip", "3.3.6", "What ensurepip does at install; `no` keeps the build offline and the tree free of pip.", default = "no", args = {"no": ["--with-ensurepip=no"], "install": ["--with-ensurepip=install"], "upgrade": ["--with-ensurepip=upgrade"]}),
    # 3.3.7 Performance options
    _enable("optimizations", "optimizations", "3.3.7", "Profile-guided optimization: the profile task runs inside the build action."),
    _variable("PROFILE_TASK", "3.3.7", "Arguments of the interpreter for the PGO profile run (empty: CPython's -m test --pgo, on the action's cores: -jN)."),
    _option("lto", "choice", "--with-lto", "3.3.7", "Link-time optimization: thin needs clang.", default = "off", args = {"off": [], "full": ["--with-lto=full"], "thin": ["--with-lto=thin"]}),
    _enable("bolt", "bolt", "3.3.7", "BOLT post-link optimization (needs llvm-bolt and merge-fdata).", since = "3.12"),
    _variable("BOLT_APPLY_FLAGS", "3.3.7", "Arguments of llvm-bolt when applying the profile.", since = "3.12"),
    _variable("BOLT_INSTRUMENT_FLAGS", "3.3.7", "Arguments of llvm-bolt when instrumenting.", since = "3.12"),
    _option("computed_gotos", "choice", "--with-computed-gotos", "3.3.7", "Computed gotos in the evaluation loop (default: when the compiler has them).", default = "default", args = {"default": [], "yes": ["--with-computed-gotos"], "no": ["--without-computed-gotos"]}),
    _without("mimalloc", "mimalloc", "3.3.7", "False: no mimalloc allocator.", since = "3.13"),
    _without("pymalloc", "pymalloc", "3.3.7", "False: no pymalloc allocator."),
    _without("doc_strings", "doc-strings", "3.3.7", "False: no docstrings in C modules, for a smaller footprint."),
    _enable("profiling", "profiling", "3.3.7", "C-level profiling with gprof."),
    _with("strict_overflow", "strict-overflow", "3.3.7", "-fstrict-overflow instead of -fno-strict-overflow."),
    # 3.3.9 Debug options
    _with("pydebug", "pydebug", "3.3.9", "Debug build: Py_DEBUG, assertions, sys.gettotalrefcount; adds d to sys.abiflags."),
    _with("trace_refs", "trace-refs", "3.3.9", "Py_TRACE_REFS: sys.getobjects, PYTHONDUMPREFS."),
    _with("assertions", "assertions", "3.3.9", "C assertions without a debug build."),
    _with("valgrind", "valgrind", "3.3.9", "Valgrind support (needs valgrind's headers)."),
    _with("dtrace", "dtrace", "3.3.9", "DTrace/SystemTap markers (needs dtrace)."),
    _with("address_sanitizer", "address-sanitizer", "3.3.9", "AddressSanitizer."),
    _with("memory_sanitizer", "memory-sanitizer", "3.3.9", "MemorySanitizer (clang only)."),
    _with("undefined_behavior_sanitizer", "undefined-behavior-sanitizer", "3.3.9", "UndefinedBehaviorSanitizer."),
    _with("thread_sanitizer", "thread-sanitizer", "3.3.9", "ThreadSanitizer.", since = "3.13"),
    # 3.3.10 Linker options
    _enable("shared", "shared", "3.3.10", "A shared libpython, lib/libpythonX.Y.so: bin/pythonX.Y finds it through the run path $ORIGIN/../lib wherever the tree is copied (kept out of sysconfig's LDFLAGS, so extensions built against the tree do not inherit it)."),
    _option("static_libpython", "bool", "--without-static-libpython", "3.3.10", "Build and install libpythonX.Y.a.", default = True, args = {False: ["--without-static-libpython"]}, since = "3.10", unsupported = "programs that embed the interpreter (//:libpython, cpython_c_api) link the static libpythonX.Y.a, which False leaves out; keep it True (with --//config:shared=True the tree holds the shared libpython as well)"),
    # 3.3.11 Libraries options
    _option("with_libs", "string", "--with-libs", "3.3.11", "Extra libraries to link (space-separated).", template = "--with-libs={}"),
    _with("system_expat", "system-expat", "3.3.11", "pyexpat against an installed expat.", unsupported = "no expat is pinned in third_party/; the copy bundled with CPython is used"),
    _option("system_libmpdec", "bool", "--with-system-libmpdec", "3.3.11", "_decimal against third_party/mpdecimal; False: CPython's bundled copy.", default = True, args = {True: ["--with-system-libmpdec"], False: ["--without-system-libmpdec"]}, value_until = {False: "3.14"}),
    _option("readline", "choice", "--with-readline", "3.3.11", "Backend of the readline module (none: --without-readline).", default = "readline", args = {"readline": [], "editline": ["--with-readline=editline"], "none": ["--without-readline"]}, value_since = {"editline": "3.10", "none": "3.10"}, aliases = ["--without-readline"]),
    _option("libm", "string", "--with-libm", "3.3.11", "The math library to link.", template = "--with-libm={}"),
    _option("libc", "string", "--with-libc", "3.3.11", "The C library to link.", template = "--with-libc={}"),
    _option("openssl", "string", "--with-openssl", "3.3.11", "Root of OpenSSL.", template = "--with-openssl={}", unsupported = "OpenSSL is the openssl dependency of the interpreter (deps); the rules pass its install tree"),
    _option("openssl_rpath", "string", "--with-openssl-rpath", "3.3.11", "Run-time search path of OpenSSL: no, auto or a folder.", template = "--with-openssl-rpath={}", since = "3.10"),
    # 3.3.12 Security options
    _option("hash_algorithm", "choice", "--with-hash-algorithm", "3.3.12", "Hash algorithm of str and bytes.", default = "default", args = {"default": [], "fnv": ["--with-hash-algorithm=fnv"], "siphash13": ["--with-hash-algorithm=siphash13"], "siphash24": ["--with-hash-algorithm=siphash24"]}, value_since = {"siphash13": "3.11"}),
    _option("builtin_hashlib_hashes", "list", "--with-builtin-hashlib-hashes", "3.3.12", "Built-in hash modules.", template = "--with-builtin-hashlib-hashes={}", separator = ",", allowed_items = ["md5", "sha1", "sha256", "sha512", "sha3", "blake2"]),
    _option("ssl_default_suites", "string", "--with-ssl-default-suites", "3.3.12", "OpenSSL cipher suites: python, openssl or a cipher string.", template = "--with-ssl-default-suites={}"),
    # 3.3.13 macOS options, 3.3.14 iOS options
    _option("universalsdk", "string", "--enable-universalsdk", "3.3.13", "Universal binary; the value is the SDK folder (yes: the default SDK).", template = "--enable-universalsdk={}", platforms = ["macos"]),
    _option("framework", "string", "--enable-framework", "3.3.13", "Python.framework; the value is the install folder (mandatory on iOS).", template = "--enable-framework={}", platforms = ["macos", "ios"]),
    _option("universal_archs", "string", "--with-universal-archs", "3.3.13", "Architectures of a universal binary (universal2, intel...).", template = "--with-universal-archs={}", platforms = ["macos"]),
    _option("framework_name", "string", "--with-framework-name", "3.3.13", "Name of the framework.", template = "--with-framework-name={}", platforms = ["macos", "ios"]),
    _option("app_store_compliance", "string", "--with-app-store-compliance", "3.3.13", "Patch the standard library for App Store review (yes, or a patch file).", template = "--with-app-store-compliance={}", since = "3.13", platforms = ["macos", "ios"]),
    # 3.3.15 Cross compiling options
    _option("build", "string", "--build", "3.3.15", "Build system type.", template = "--build={}", unsupported = _CROSS),
    _option("host", "string", "--host", "3.3.15", "Host system type.", template = "--host={}", unsupported = _CROSS),
    _option("build_python", "string", "--with-build-python", "3.3.15", "Interpreter of the build platform.", template = "--with-build-python={}", since = "3.11", unsupported = _CROSS),
    _variable("CONFIG_SITE", "3.3.15", "File of configure overrides.", unsupported = "the builder sets CONFIG_SITE=/dev/null so that no site file of the machine applies; pass cache variables through extra_configure_args"),
    _variable("HOSTRUNNER", "3.3.15", "Program that runs the host's CPython.", since = "3.11", unsupported = _CROSS),
    # 3.5.1 Preprocessor flags
    _variable("CONFIGURE_CPPFLAGS", "3.5.1", "Makefile: the CPPFLAGS configure saw.", target = "make"),
    _variable("BASECPPFLAGS", "3.5.1", "Makefile: base preprocessor flags.", target = "make"),
    _variable("PY_CPPFLAGS", "3.5.1", "Makefile: preprocessor flags of the interpreter's objects.", target = "make"),
    # 3.5.2 Compiler flags
    _variable("CXX", "3.5.2", "C++ compiler command.", unsupported = _TOOLCHAIN),
    _variable("CFLAGS_NODIST", "3.5.2", "C flags of the interpreter and stdlib modules, not kept in sysconfig's CFLAGS."),
    _variable("COMPILEALL_OPTS", "3.5.2", "Makefile: options of compileall at install.", target = "make", since = "3.12"),
    _variable("EXTRA_CFLAGS", "3.5.2", "Makefile: extra C flags.", target = "make"),
    _variable("CONFIGURE_CFLAGS", "3.5.2", "Makefile: the CFLAGS configure saw.", target = "make"),
    _variable("CONFIGURE_CFLAGS_NODIST", "3.5.2", "Makefile: the CFLAGS_NODIST configure saw.", target = "make"),
    _variable("BASECFLAGS", "3.5.2", "Makefile: base compiler flags.", target = "make"),
    _variable("OPT", "3.5.2", "Makefile: optimization flags.", target = "make"),
    _variable("CFLAGS_ALIASING", "3.5.2", "Makefile: aliasing flags of Python/dtoa.c.", target = "make"),
    _variable("CCSHARED", "3.5.2", "Makefile: flags for shared-library objects.", target = "make"),
    _variable("CFLAGSFORSHARED", "3.5.2", "Makefile: extra flags of the interpreter's objects.", target = "make"),
    _variable("PY_CFLAGS", "3.5.2", "Makefile: C flags.", target = "make"),
    _variable("PY_CFLAGS_NODIST", "3.5.2", "Makefile: C flags not kept in sysconfig.", target = "make"),
    _variable("PY_STDMODULE_CFLAGS", "3.5.2", "Makefile: C flags of stdlib modules.", target = "make"),
    _variable("PY_CORE_CFLAGS", "3.5.2", "Makefile: C flags of the core.", target = "make"),
    _variable("PY_BUILTIN_MODULE_CFLAGS", "3.5.2", "Makefile: C flags of built-in modules.", target = "make"),
    _variable("PURIFY", "3.5.2", "Makefile: Purify command.", target = "make"),
    # 3.5.3 Linker flags
    _variable("LINKCC", "3.5.3", "Makefile: linker command of the interpreter.", target = "make"),
    _variable("CONFIGURE_LDFLAGS", "3.5.3", "Makefile: the LDFLAGS configure saw.", target = "make"),
    _variable("LDFLAGS_NODIST", "3.5.3", "Linker flags not kept in sysconfig's LDFLAGS."),
    _variable("CONFIGURE_LDFLAGS_NODIST", "3.5.3", "Makefile: the LDFLAGS_NODIST configure saw.", target = "make"),
    _variable("LDSHARED", "3.5.3", "Makefile: command that links shared modules.", target = "make"),
    _variable("BLDSHARED", "3.5.3", "Makefile: command that links shared modules in the build.", target = "make"),
    _variable("PY_LDFLAGS", "3.5.3", "Makefile: linker flags.", target = "make"),
    _variable("PY_LDFLAGS_NODIST", "3.5.3", "Makefile: linker flags not kept in sysconfig.", target = "make"),
    _variable("PY_CORE_LDFLAGS", "3.5.3", "Makefile: linker flags of the core.", target = "make"),
    # The last resort.
    _option("extra_configure_args", "list", "(any)", "-", "More configure arguments, after all others (comma-separated).", template = "{}", separator = None),
]

# The version setting is a row of its own: it chooses the sources, one per minor version
# that has a pinned release.
VERSIONS = CPYTHON_VERSIONS
DEFAULT_VERSION = "3.13"

# buildifier: disable=unnamed-macro
def declare_settings():
    """Declares one build setting per row of OPTIONS, and the version setting."""
    string_flag(
        name = "version",
        build_setting_default = DEFAULT_VERSION,
        values = VERSIONS,
    )
    for v in VERSIONS:
        native.config_setting(
            name = "version_" + v.replace(".", "_"),
            flag_values = {":version": v},
        )
    for o in OPTIONS:
        if o.kind == "bool":
            bool_flag(name = o.setting, build_setting_default = o.default)
        elif o.kind == "choice":
            string_flag(name = o.setting, build_setting_default = o.default, values = o.values)
        elif o.kind == "string":
            string_flag(name = o.setting, build_setting_default = o.default)
        else:
            string_list_flag(name = o.setting, build_setting_default = o.default)
