"""Transitions over //config's CPython settings.

reset_cpython_settings sits on the edge from an interpreter to its libraries: whatever
the interpreter's settings, the libraries see the defaults, so every variant (opt,
debug, free-threaded, another version) reuses the libraries built once.

variant_transition gives an interpreter the settings a named variant stands for.

//config:compiler is not reset on the libraries' edge: the libraries are built with the
interpreter's C compiler. It is reset on the edge to the builder (reset_for_tools): Go is
compiled once, whatever compiler a variant asks for.
"""

load("//config:options.bzl", "DEFAULT_VERSION", "OPTIONS")
load(":build_settings.bzl", "check_settings", "needs_clang")
load(":releases.bzl", "interpreter_release")

def _key(setting):
    return str(Label("//config:" + setting))

_VERSION_KEY = _key("version")
_COMPILER_KEY = _key("compiler")
_OPTION_KEYS = [_key(o.setting) for o in OPTIONS]
CPYTHON_SETTING_KEYS = [_VERSION_KEY] + _OPTION_KEYS

_DEFAULTS = dict(
    [(_VERSION_KEY, DEFAULT_VERSION)] + [(_key(o.setting), o.default) for o in OPTIONS],
)

def _reset_impl(_settings, _attr):
    return dict(_DEFAULTS)

reset_cpython_settings = transition(
    implementation = _reset_impl,
    inputs = [],
    outputs = CPYTHON_SETTING_KEYS,
)

def _reset_for_tools_impl(_settings, _attr):
    return dict(_DEFAULTS, **{_COMPILER_KEY: "auto"})

reset_for_tools = transition(
    implementation = _reset_for_tools_impl,
    inputs = [],
    outputs = CPYTHON_SETTING_KEYS + [_COMPILER_KEY],
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
    out = {k: settings[k] for k in CPYTHON_SETTING_KEYS + [_COMPILER_KEY]}
    for setting, text in attr.settings.items():
        out[_key(setting)] = parse_setting(setting, text)
    return out

variant_transition = transition(
    implementation = _variant_impl,
    inputs = CPYTHON_SETTING_KEYS + [_COMPILER_KEY],
    outputs = CPYTHON_SETTING_KEYS + [_COMPILER_KEY],
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
    return {_COMPILER_KEY: _compiler_for(values, settings[_COMPILER_KEY])}

# The interpreter's incoming edge checks its settings against its version before any
# of its dependencies (its sources among them) is fetched or configured, and makes
# compiler=auto the compiler those settings need.
check_settings_transition = transition(
    implementation = _check_impl,
    inputs = CPYTHON_SETTING_KEYS + [_COMPILER_KEY],
    outputs = [_COMPILER_KEY],
)
