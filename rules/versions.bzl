"""The CPython versions these rules pin: the values of --//config:version."""

load("//rules/private:sources.bzl", "CPYTHON_LATEST")
load("//rules/private:versions.bzl", "version_tuple")

# One major.minor per pinned release series, oldest first ("3.10" ... "3.15").
CPYTHON_VERSIONS = sorted(CPYTHON_LATEST.keys(), key = version_tuple)
