"""Pinned Debian packages, with their dependencies.

Written by `go run ./tools/debpin -lock rules/private/clang_tools_packages.bzl` from SUITE, ROOTS and LEAVE_OUT below: change those
(or pass -suite, -roots, -leave_out) and run it again, never edit PACKAGES by hand.
"""

# The packages of BASE, and its LEAVE_OUT, are left out: this set is installed beside them.
BASE = "rules/private/build_tools_packages.bzl"

SUITE = "trixie"

ROOTS = [
    "clang-19",
    "lld-19",
    "llvm-19",
    "bolt-19",
    "libclang-common-19-dev",
    "libclang-rt-19-dev",
]

LEAVE_OUT = [
    "libc6-dev",
    "libc-dev-bin",
    "linux-libc-dev",
    "libcrypt-dev",
    "rpcsvc-proto",
    "libobjc-14-dev",
    "libobjc4",
    "libstdc++-14-dev",
    "libgc1",
    "libcurl4t64",
    "lib32gcc-s1",
    "lib32stdc++6",
    "libc6-i386",
]

PACKAGES = [
    struct(
        name = "bolt-19",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/bolt-19_19.1.7-3+b1_amd64.deb",
        sha256 = "bc56fc1945c99e4297fc7d6cf668ce4229eb9c7ac30a2a6fed784dfcbfafaa86",
    ),
    struct(
        name = "clang-19",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/clang-19_19.1.7-3+b1_amd64.deb",
        sha256 = "bbb74458d782b7792b61b0eed92746df5e6d033778c045cf8c2b3835b7c4efc4",
    ),
    struct(
        name = "libbolt-19-dev",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/libbolt-19-dev_19.1.7-3+b1_amd64.deb",
        sha256 = "dad806767a20a782dfa7bfbeadf5c9992551956d453ad695b28c8df9e86b519d",
    ),
    struct(
        name = "libbsd0",
        version = "0.12.2-2",
        pool = "pool/main/libb/libbsd/libbsd0_0.12.2-2_amd64.deb",
        sha256 = "e5a85986fa6bec3307ab1bc860736b478b331882bc45e17675a7bdf88eecb43a",
    ),
    struct(
        name = "libclang-common-19-dev",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/libclang-common-19-dev_19.1.7-3+b1_amd64.deb",
        sha256 = "4018e40e2d4144fe38c45822e68cca63c1bf6c7872c3073ebb262ad4b2f9b8bc",
    ),
    struct(
        name = "libclang-cpp19",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/libclang-cpp19_19.1.7-3+b1_amd64.deb",
        sha256 = "a7d2b6df51050834f6ea5c0d5e34869c2298b0bcdaa91eff17ba3db2cd545c47",
    ),
    struct(
        name = "libclang-rt-19-dev",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/libclang-rt-19-dev_19.1.7-3+b1_amd64.deb",
        sha256 = "0c03a0a8fa37228e2de6c36d02ff0806643885c515a8137d1bcd22e248497cd6",
    ),
    struct(
        name = "libclang1-19",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/libclang1-19_19.1.7-3+b1_amd64.deb",
        sha256 = "4e7e2a5fe236e280d32fb529350b3c1cfd9410a964629a57ea079a314c45d7a3",
    ),
    struct(
        name = "libedit2",
        version = "3.1-20250104-1",
        pool = "pool/main/libe/libedit/libedit2_3.1-20250104-1_amd64.deb",
        sha256 = "b002ea172b9c1e34a67bc497c523c67bb74c3f0a4e98113cb083990a1f1d3bfe",
    ),
    struct(
        name = "libllvm19",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/libllvm19_19.1.7-3+b1_amd64.deb",
        sha256 = "db0d614d61345ca710fb73e75105f1ec6e38898fa7b3aa99fa7eb7d8b0a11d57",
    ),
    struct(
        name = "libmd0",
        version = "1.1.0-2+b1",
        pool = "pool/main/libm/libmd/libmd0_1.1.0-2+b1_amd64.deb",
        sha256 = "7244ec3839b61fac0c1884fe08aaa040f26e8f1f35f1f5d3482eacefd30d1b44",
    ),
    struct(
        name = "libpfm4",
        version = "4.13.0+git99-gc5587f9-1",
        pool = "pool/main/libp/libpfm4/libpfm4_4.13.0+git99-gc5587f9-1_amd64.deb",
        sha256 = "55f0d470f5bdd63061593180c5b34bcb9cefdb09b4cfc9c67b3cb170b0162525",
    ),
    struct(
        name = "libxml2",
        version = "2.12.7+dfsg+really2.9.14-2.1+deb13u3",
        pool = "pool/main/libx/libxml2/libxml2_2.12.7+dfsg+really2.9.14-2.1+deb13u3_amd64.deb",
        sha256 = "e0c6b63ce4602a036a526f60fe5e6c1586710688058d98fc1001b9b3147b7efd",
    ),
    struct(
        name = "libz3-4",
        version = "4.13.3-1",
        pool = "pool/main/z/z3/libz3-4_4.13.3-1_amd64.deb",
        sha256 = "71383373523ef62d47eccf660cf6535c3febcbb3f88e54cb7a43124014b57359",
    ),
    struct(
        name = "lld-19",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/lld-19_19.1.7-3+b1_amd64.deb",
        sha256 = "756a805e8811d527dd2b5417f016c9342b8631fa9c1ddcd56265c13ae33bf3a4",
    ),
    struct(
        name = "llvm-19",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/llvm-19_19.1.7-3+b1_amd64.deb",
        sha256 = "0b1b7263f4f45e261099240fdbf00fc14b42b88410fd829e041bf83ea45866cb",
    ),
    struct(
        name = "llvm-19-linker-tools",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/llvm-19-linker-tools_19.1.7-3+b1_amd64.deb",
        sha256 = "874a0a5cde797cda3e94e9310a0a9958608f526f177637414a8ce9620c804818",
    ),
    struct(
        name = "llvm-19-runtime",
        version = "1:19.1.7-3+b1",
        pool = "pool/main/l/llvm-toolchain-19/llvm-19-runtime_19.1.7-3+b1_amd64.deb",
        sha256 = "84a9dfc277f0914cb84e6cb3d139d3eb3dfe19f06670bbdea4241e8e3d921a4e",
    ),
]
