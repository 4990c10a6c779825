# Run by the interpreter under test. Lists every extension module that the build
# configuration (sysconfig's MODULE_<NAME>_STATE, as CPython's own
# Tools/build/check_extension_modules.py reads them) says should exist, imports each one
# that should be there, and prints the findings as JSON.
import importlib
import json
import os
import sys
import sysconfig

# The modules that rely on a third-party library, and so are the ones that go missing
# (the arguments, from the rules' table of libraries and modules). They are checked
# whatever configure recorded: before 3.12 setup.py builds some of them (curses,
# readline, tkinter on 3.11) and configure records no state for those.
LIBRARY_MODULES = sys.argv[1:]

config = sysconfig.get_config_vars()
disabled_in_setup = set((config.get("MODDISABLED_NAMES") or "").split())
modules = {}
for key, value in config.items():
    if key.startswith("MODULE_") and key.endswith("_STATE"):
        name = key[len("MODULE_"):-len("_STATE")].lower()
        modules[name] = "disabled_setup" if name in disabled_in_setup else value
for name in LIBRARY_MODULES:
    modules.setdefault(name, "yes")

findings = []
for name, state in sorted(modules.items()):
    error = ""
    linkage = ""
    if state == "yes":
        try:
            importlib.import_module(name)
            linkage = "builtin" if name in sys.builtin_module_names else "shared"
        except Exception as exc:  # any failure to load is what we report
            state = "failed"
            error = f"{type(exc).__name__}: {exc}"
    findings.append({"name": name, "state": state, "error": error, "linkage": linkage})


def below_prefix(path):
    return os.path.relpath(path, sys.prefix) if path else path


json.dump({
    "version": sys.version.split()[0],
    "modules": findings,
    # What a distribution's manifest says of the tree, relative to its prefix.
    "paths": {key: below_prefix(path) for key, path in sorted(sysconfig.get_paths().items())},
    "multiarch": config.get("MULTIARCH") or "",
}, sys.stdout)
