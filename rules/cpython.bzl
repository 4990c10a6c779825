"""Public API of rules_cpython: build CPython and the libraries behind its modules."""

load("//rules/private:autotools_library.bzl", _autotools_library = "autotools_library")
load("//rules/private:build_settings.bzl", _versions_with = "versions_with")
load("//rules/private:cpython_cc.bzl", _cpython_c_api = "cpython_c_api")
load("//rules/private:cpython_dist.bzl", _cpython_dist = "cpython_dist")
load("//rules/private:cpython_interpreter.bzl", _cpython_interpreter = "cpython_interpreter")
load("//rules/private:cpython_macro.bzl", _cpython = "cpython")
load("//rules/private:cpython_test.bzl", _cpython_elf_test = "cpython_elf_test", _cpython_test = "cpython_test")
load("//rules/private:cpython_variant.bzl", _cpython_variant = "cpython_variant")
load("//rules/private:libraries.bzl", _default_deps = "default_deps")
load("//rules/private:providers.bzl", _CpythonInfo = "CpythonInfo", _CpythonSysrootInfo = "CpythonSysrootInfo", _InstallTreeInfo = "InstallTreeInfo")
load("//rules/private:releases.bzl", _resolve_version = "resolve_version")
load("//rules/private:sources.bzl", _data_package_label = "data_package_label", _library_srcs = "library_srcs")
load("//rules/private:sysroot.bzl", _cpython_sysroot = "cpython_sysroot")
load("//rules/private:unpacked_library.bzl", _unpacked_library = "unpacked_library")

autotools_library = _autotools_library
cpython_c_api = _cpython_c_api
cpython_dist = _cpython_dist
cpython_interpreter = _cpython_interpreter
cpython = _cpython
cpython_variant = _cpython_variant
default_deps = _default_deps
library_srcs = _library_srcs
data_package_label = _data_package_label
unpacked_library = _unpacked_library
cpython_sysroot = _cpython_sysroot
cpython_test = _cpython_test
cpython_elf_test = _cpython_elf_test
versions_with = _versions_with

# The release a version means in this workspace (the newest pinned 3.13 for "3.13", after the module
# extension's pins; a full version is returned as it is).
pinned_release = _resolve_version
CpythonInfo = _CpythonInfo
InstallTreeInfo = _InstallTreeInfo
CpythonSysrootInfo = _CpythonSysrootInfo
