"""Python toolchains (py_runtime, py_runtime_pair, toolchain) whose runtime is an interpreter built here, and the project's C compilers."""

load("//rules/private:compilers.bzl", "COMPILERS")
load("//rules/private:toolchains.bzl", _LINUX_X86_64 = "LINUX_X86_64", _cpython_toolchains = "cpython_toolchains")

cpython_toolchains = _cpython_toolchains

# The C compilers of the project's C toolchains (the values of --//config:compiler but auto).
CPYTHON_COMPILERS = COMPILERS.keys()

# Where the interpreters run: exec and target platform of their toolchains.
LINUX_X86_64 = _LINUX_X86_64
