"""Transitions over //config's CPython settings.

A build's top-level configuration holds the CPython settings as the command line and
.bazelrc give them. The first transition that changes any of them (a named variant, or
compiler=auto resolved to clang) records the top-level values in
//config:top_level_settings, and two edges restore them:

- restore_for_libraries, on the edge from an interpreter to its libraries: every variant
  (opt, debug, free-threaded, another version) reuses the libraries of the top-level
  configuration, built once. //config:compiler is not restored there: the libraries are
  built with the interpreter's C compiler.
- restore_for_tools, on the edge to the builder (in the exec configuration): Go is
  compiled once, whatever compiler or settings a variant asks for.

Restoring rather than resetting to the defaults keeps the libraries and the builder in
the top-level configuration even when a setting comes from the command line: their
output paths and action keys are those of a build without it, and a setting rebuilds
only the interpreter.
"""

load("//config:options.bzl", "OPTIONS")
load(":build_settings.bzl", "check_settings", "needs_clang")
load(":releases.bzl", "interpreter_release")

def _key(setting):
    return str(Label("//config:" + setting))

_VERSION_KEY = _key("version")
_COMPILER_KEY = _key("compiler")
_TOP_LEVEL_KEY = _key("top_level_settings")
CPYTHON_SETTING_KEYS = [_VERSION_KEY] + [_key(o.setting) for o in OPTIONS]
_RECORDED_KEYS = CPYTHON_SETTING_KEYS + [_COMPILER_KEY]

def _record_top_level(settings, out):
    """`out`, and the record: kept, or made of the top-level values if `out` changes any."""
    record = settings[_TOP_LEVEL_KEY]
    if not record and any([out[k] != settings[k] for k in out]):
        record = json.encode({k: settings[k] for k in _RECORDED_KEYS})
    return dict(out, **{_TOP_LEVEL_KEY: record})

def _restore(settings, keys):
    """The recorded top-level values of `keys`, and the record cleared."""
    if not settings[_TOP_LEVEL_KEY]:
        return {k: settings[k] for k in keys + [_TOP_LEVEL_KEY]}
    top_level = json.decode(settings[_TOP_LEVEL_KEY])
    return dict({k: top_level.get(k, settings[k]) for k in keys}, **{_TOP_LEVEL_KEY: ""})

def _restore_for_libraries_impl(settings, _attr):
    # The libraries keep the interpreter's compiler; when it is not the top level's, the
    # record keeps the top level's compiler alone, for the builder's edge below them.
    top_level = _restore(settings, _RECORDED_KEYS)
    out = {k: top_level[k] for k in CPYTHON_SETTING_KEYS}
    if settings[_COMPILER_KEY] != top_level[_COMPILER_KEY]:
        return dict(out, **{_TOP_LEVEL_KEY: json.encode({_COMPILER_KEY: top_level[_COMPILER_KEY]})})
    return dict(out, **{_TOP_LEVEL_KEY: ""})

restore_for_libraries = transition(
    implementation = _restore_for_libraries_impl,
    inputs = _RECORDED_KEYS + [_TOP_LEVEL_KEY],
    outputs = CPYTHON_SETTING_KEYS + [_TOP_LEVEL_KEY],
)

def _restore_for_tools_impl(settings, _attr):
    return _restore(settings, _RECORDED_KEYS)

restore_for_tools = transition(
    implementation = _restore_for_tools_impl,
    inputs = _RECORDED_KEYS + [_TOP_LEVEL_KEY],
    outputs = _RECORDED_KEYS + [_TOP_LEVEL_KEY],
)

_KINDS = dict([(o.setting, o.kind) for o in OPTIONS] + [("version", "choice"), ("compiler", "choice")])

def parse_setting(setting, text):
    """A setting's value from its command-line spelling.

    Args:
      setting: name of a //config setting.
      text: the value as on the command line ("True", "full", "a,b").

    Returns:
      The typed value.
    """
    kind = _KINDS.get(setting)
    if kind == None:
        fail("//config:%s is not a CPython build setting; see docs/build-settings.md" % setting)
    if kind == "bool":
        if text not in ["True", "False", "true", "false", "1", "0"]:
            fail("//config:%s is a bool setting; %r is not True or False" % (setting, text))
        return text in ["True", "true", "1"]
    if kind == "list":
        return [v for v in text.split(",") if v]
    return text

def _variant_impl(settings, attr):
    out = {k: settings[k] for k in _RECORDED_KEYS}
    for setting, text in attr.settings.items():
        out[_key(setting)] = parse_setting(setting, text)
    return _record_top_level(settings, out)

variant_transition = transition(
    implementation = _variant_impl,
    inputs = _RECORDED_KEYS + [_TOP_LEVEL_KEY],
    outputs = _RECORDED_KEYS + [_TOP_LEVEL_KEY],
)

# What //config:compiler=auto means for these settings.
def _compiler_for(values, compiler):
    if compiler == "auto" and needs_clang(values):
        return "clang"
    return compiler

def _check_impl(settings, attr):
    release = interpreter_release(attr.version, settings[_VERSION_KEY])
    values = {o.setting: settings[_key(o.setting)] for o in OPTIONS}
    check_settings(values, release)
    return _record_top_level(settings, {_COMPILER_KEY: _compiler_for(values, settings[_COMPILER_KEY])})

# The interpreter's incoming edge checks its settings against its version before any
# of its dependencies (its sources among them) is fetched or configured, and makes
# compiler=auto the compiler those settings need.
check_settings_transition = transition(
    implementation = _check_impl,
    inputs = _RECORDED_KEYS + [_TOP_LEVEL_KEY],
    outputs = [_COMPILER_KEY, _TOP_LEVEL_KEY],
)
