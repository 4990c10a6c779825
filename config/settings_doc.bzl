"""docs/build-settings.md, generated from the table in //config:options.bzl."""

load("@bazel_skylib//rules:write_file.bzl", "write_file")
load("//config:options.bzl", "DEFAULT_VERSION", "OPTIONS", "VERSIONS")

_SECTIONS = {
    "3.3.1": "General options",
    "3.3.2": "C compiler options",
    "3.3.3": "Linker options",
    "3.3.4": "Options for third-party dependencies",
    "3.3.5": "WebAssembly options",
    "3.3.6": "Install options",
    "3.3.7": "Performance options",
    "3.3.9": "Debug options",
    "3.3.10": "Linker options (libpython)",
    "3.3.11": "Libraries options",
    "3.3.12": "Security options",
    "3.3.13": "macOS and iOS options",
    "3.3.15": "Cross compiling options",
    "3.5.1": "Preprocessor flags",
    "3.5.2": "Compiler flags",
    "3.5.3": "Linker flags",
    "-": "Last resort",
}

_TARGETS = {
    "configure": "configure argument",
    "env": "appended to the toolchain's",
    "make": "`make VAR=...`",
}

def _default(o):
    if o.kind == "list":
        return "`[]`" if not o.default else "`%s`" % ",".join(o.default)
    if o.kind == "string":
        return "(empty)" if not o.default else "`%s`" % o.default
    return "`%s`" % o.default

def _releases_of(o, value):
    if value in o.value_since:
        return " (%s+)" % o.value_since[value]
    if value in o.value_until:
        return " (until %s)" % o.value_until[value]
    return ""

def _values(o):
    if o.kind == "bool":
        return "True, False: " + " / ".join([
            "%s → `%s`%s" % (v, " ".join(o.args[v]), _releases_of(o, v))
            for v in [True, False]
            if o.args.get(v)
        ])
    if o.kind == "choice":
        return ", ".join([
            "`%s`%s" % (v, _releases_of(o, v))
            for v in o.values
        ])
    if o.kind == "list":
        items = (": " + ", ".join(o.allowed_items)) if o.allowed_items else ""
        return "comma-separated list%s" % items
    return "string"

def _versions(o):
    if o.since and o.until:
        return "%s–%s" % (o.since, o.until)
    if o.since:
        return "%s+" % o.since
    return "all"

def _notes(o):
    notes = [o.doc]
    if o.unsupported:
        notes.append("**Fails at analysis**: " + o.unsupported + ".")
    if o.platforms:
        notes.append("**Fails at analysis** unless the target platform is " + " or ".join(o.platforms) + ".")
    return " ".join(notes)

def _row(o, name):
    return "| `%s` | `--//config:%s` | %s | %s | %s | %s | %s |" % (
        name,
        o.setting,
        o.kind,
        _default(o),
        _values(o),
        _versions(o),
        _notes(o) + " (" + _TARGETS[o.target] + ")",
    )

def settings_markdown():
    """The Markdown of docs/build-settings.md.

    Returns:
      string.
    """
    lines = [
        "# Build settings",
        "",
        "<!-- Generated from config/options.bzl by //docs:build_settings_md; run",
        "     `tools/bazel run //docs:update_build_settings` after changing the table. -->",
        "",
        "Every configure option and build variable of CPython is a build setting of `//config`.",
        "Set them on the command line or in a `.bazelrc`:",
        "",
        "```",
        "bazel build //:python --//config:lto=full --//config:optimizations",
        "build --@cpython//config:with_libs=-lrt   # from a monorepo that names the module cpython",
        "```",
        "",
        "Settings are checked at analysis time, against the CPython version: an option the",
        "version does not have, an unknown value, a contradictory combination (two sanitizers,",
        "ThinLTO with `--//config:compiler=gcc`) or an option for another platform fails before",
        "anything is built, with a message naming the setting, the value and what is allowed.",
        "Libraries never see these settings: every variant of one compiler shares them.",
        "`--//config:compiler` (`auto`, `gcc`, `clang`) chooses the C toolchain of the",
        "interpreter and its libraries; `auto` is gcc unless ThinLTO or MemorySanitizer needs",
        "clang (docs/how-it-works.md: \"The C toolchains\").",
        "",
        "`--//config:version` chooses the sources: %s (default %s), each its latest pinned" % (", ".join(VERSIONS), DEFAULT_VERSION),
        "release. Named variants fix some settings: `//:python_3_X` (defaults), `//:python_3_X_opt`",
        "(optimizations + lto=full), `//:python_3_X_clang_opt` (compiler=clang, optimizations,",
        "lto=thin), `//:python_3_X_clang_opt_bolt` (the same + bolt), `//:python_3_X_debug` (pydebug), `//:python_3_X_shared`",
        "(shared), `//:python_3_13t` to",
        "`//:python_3_15t` (free_threading).",
        "",
        "Types: bool (`--//config:x` or `--//config:x=False`), choice (one of the values), string",
        "(passed as given; empty: not passed), list (comma-separated). Where the value goes:",
        "configure argument (`--option` or `VAR=value`), appended to the toolchain's (CFLAGS,",
        "CPPFLAGS, LDFLAGS, LIBS: the toolchain's and the dependencies' flags come first), or",
        "`make VAR=...` (Makefile variables of section 3.5, given to `make` and `make install`).",
        "",
    ]
    section = None
    for o in OPTIONS:
        if o.section != section:
            section = o.section
            lines += [
                "",
                "## " + (section + " " if section != "-" else "") + _SECTIONS[section],
                "",
                "| Option / variable | Setting | Type | Default | Values | CPython | Notes |",
                "|---|---|---|---|---|---|---|",
            ]
        lines += [_row(o, name) for name in [o.name] + o.aliases]
    return "\n".join(lines) + "\n"

def build_settings_doc(name, **kwargs):
    """Writes the table of //config's build settings as Markdown (<name>.md).

    Args:
      name: the target, and the file's name without .md.
      **kwargs: as for every rule (visibility...).
    """
    write_file(name = name, out = name + ".md", content = settings_markdown().split("\n"), newline = "unix", **kwargs)
