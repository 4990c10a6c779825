"""CPython's own regression tests, one Bazel test per test module."""

load("//rules:cpython.bzl", "cpython_test")

def stdlib_tests(interpreter, modules, prefix = "stdlib_"):
    """One cpython_test per module of CPython's test package.

    No network resource is enabled: tests that need the internet are skipped; those
    that use a local server (127.0.0.1) run.

    Args:
      interpreter: the cpython_interpreter target.
      modules: test module names, e.g. test_ssl.
      prefix: prefix of the test targets' names.
    """
    for module in modules:
        cpython_test(
            name = prefix + module,
            size = "large",
            interpreter = interpreter,
            test_args = ["-m", "test", "--timeout=1200", module],
            tags = ["stdlib"],
        )
