"""CPython's own regression tests, one Bazel test per test module."""

load("//rules:cpython.bzl", "cpython_test")

def stdlib_tests(name, interpreter, modules):
    """One cpython_test per module of CPython's test package.

    No network resource is enabled: tests that need the internet are skipped; those
    that use a local server (127.0.0.1) run. A module that runs no test at all fails.

    Args:
      interpreter: the cpython_interpreter target.
      modules: dict from test module name (test_ssl) to a dict with optional keys
        "resources" and "env": the
        regrtest resources (-u) it needs and extra environment variables.
      name: prefix of the test targets' names (name + "_" + module).
    """
    for module, needs in modules.items():
        resources = needs.get("resources", [])
        cpython_test(
            name = name + "_" + module,
            size = "large",
            interpreter = interpreter,
            # --rerun runs a failed test again, in verbose mode, as CPython's own CI
            # does: test_ssl's local-server tests once failed under load (2 errors, in
            # a CI run on 2 busy cores) and passed alone. One that fails twice fails,
            # and the log holds the details either way.
            test_args = ["-m", "test", "--timeout=1200", "--rerun"] +
                        (["-u", ",".join(resources)] if resources else []) + [module],
            test_env = needs.get("env", {}),
            tags = ["stdlib"],
        )
