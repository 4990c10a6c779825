"""The hardening every library and interpreter is compiled with, as distributions do.

Debian's and Fedora's python are built with a strong stack protector, stack clash
protection, control-flow protection, fortified libc calls and as position-independent
executables; so is everything here. The ELF check (tools/builder/internal/elfcheck)
verifies the result: PIE, __stack_chk_fail, fortified (__*_chk) calls.
"""

# Compile flags of both C toolchains (rules/private/compilers.bzl). The toolchains' own
# default of _FORTIFY_SOURCE (Ubuntu's gcc defines one) is undefined first, so that
# FORTIFY_SOURCE below is the only definition. PIE is the compilers' default on Debian
# (gcc --enable-default-pie, clang's default), which the ELF check verifies.
HARDENING_COMPILE_FLAGS = [
    "-U_FORTIFY_SOURCE",
    "-fstack-protector-strong",
    "-fstack-clash-protection",
    "-fcf-protection",
]

# Fortified libc calls need optimization, and glibc says so with a #warning where there is
# none. It is not among the toolchain's flags: CPython's configure compiles its tests with
# CFLAGS alone (no -O; OPT is added by the Makefile), and the #warning would fail every
# check that uses -Werror (-fno-semantic-interposition, -fvisibility=hidden...),
# changing the build without a word. Libraries get it beside their -O2 (autotools_library),
# the interpreter in CFLAGS_NODIST (plan_build), which only make uses.
FORTIFY_SOURCE = "-D_FORTIFY_SOURCE=2"

# Link flags of both C toolchains, and of every library and interpreter whatever the C
# toolchain (a root module's own may lack them): the protections the builder's ELF check
# requires of every binary.
HARDENING_LINK_FLAGS = ["-Wl,-z,relro,-z,now", "-Wl,-z,noexecstack"]
