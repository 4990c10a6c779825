"""The libraries behind CPython's optional modules, as the rules build them (for tests and tools)."""

load("//rules/private:libraries.bzl", _LIBRARIES = "LIBRARIES", _expected_modules = "expected_modules", _tk_series = "tk_series")
load("//rules/private:sources.bzl", _library_version = "library_version")

LIBRARIES = _LIBRARIES
expected_modules = _expected_modules
library_version = _library_version
tk_series = _tk_series
