"""Python toolchains (py_runtime, py_runtime_pair, toolchain) whose runtime is an interpreter built here."""

load("//rules/private:toolchains.bzl", _cpython_toolchains = "cpython_toolchains")

cpython_toolchains = _cpython_toolchains
