"""Pinned Debian packages, with their dependencies.

Written by `go run ./tools/debpin -lock rules/private/go_sdk_packages.bzl` from SUITE, ROOTS and LEAVE_OUT below: change those
(or pass -suite, -roots, -leave_out) and run it again, never edit PACKAGES by hand.
"""

SUITE = "trixie"

ROOTS = [
    "golang-1.24-go",
    "golang-1.24-src",
]

LEAVE_OUT = [
    "libc6",
]

PACKAGES = [
    struct(
        name = "golang-1.24-go",
        version = "1.24.4-1",
        pool = "pool/main/g/golang-1.24/golang-1.24-go_1.24.4-1_amd64.deb",
        sha256 = "93c6c109bbc0f1d55523282a16739d10634499c04f6d066a6aa58b67b687a44f",
    ),
    struct(
        name = "golang-1.24-src",
        version = "1.24.4-1",
        pool = "pool/main/g/golang-1.24/golang-1.24-src_1.24.4-1_all.deb",
        sha256 = "c396bc2c2e94606e0a060cff52b9bbbf1d7cefacb040eb3c40a55604111e66e1",
    ),
]
