"""Pinned Debian packages, with their dependencies.

Written by `go run ./tools/debpin -lock rules/private/remote_execution_base_packages.bzl` from SUITE, ROOTS and LEAVE_OUT below: change those
(or pass -suite, -roots, -leave_out) and run it again, never edit PACKAGES by hand.
"""

SUITE = "bullseye"

ROOTS = [
    "dash",
]

LEAVE_OUT = [
    "debianutils",
    "dpkg",
    "libgcc-s1",
    "libcrypt1",
    "gcc-10-base",
    "debconf",
]

PACKAGES = [
    struct(
        name = "dash",
        version = "0.5.11+git20200708+dd9ef66-5",
        pool = "pool/main/d/dash/dash_0.5.11+git20200708+dd9ef66-5_amd64.deb",
        sha256 = "0a4cc532fbf2c78cb4090a659fb73560981e626849532e6186f3a3ac6a45b3bc",
    ),
    struct(
        name = "libc6",
        version = "2.31-13+deb11u11",
        pool = "pool/main/g/glibc/libc6_2.31-13+deb11u11_amd64.deb",
        sha256 = "05f7264da867b37f4c5ce49266b558ea1e81e05a9464f623152fca70f3550282",
    ),
]
