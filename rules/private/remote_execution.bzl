"""The minimal base of a remote-execution worker: /bin/sh and the C library it loads.

From pinned packages of another Debian release than the toolbox's and the build tool
set's (remote_execution_base_packages.bzl): the e2e test binds it, and only it, into
buildbox's runner, which shows that every other program an action runs is an input.
"""

load(":remote_execution_base_packages.bzl", "PACKAGES", "SUITE")
load(":sysroot.bzl", "MIRROR_ENV", "unpack_debian_packages")

def _remote_execution_base_impl(rctx):
    what = "the remote-execution base (Debian %s)" % SUITE
    unpack_debian_packages(rctx, [{"pool": p.pool, "sha256": p.sha256} for p in PACKAGES], what)

    # Of what the packages hold, an action needs the shell and the libraries it loads.
    rctx.file("BUILD.bazel", """\
# bin/dash (the base's /bin/sh), lib/ and lib64/: what the remote-execution test binds.
filegroup(
    name = "sh",
    srcs = ["root/bin/dash"],
    visibility = ["//visibility:public"],
)
""")
    rctx.file("REPO.bazel", "")

_remote_execution_base = repository_rule(
    implementation = _remote_execution_base_impl,
    environ = [MIRROR_ENV],
)

def _remote_execution_impl(_module_ctx):
    _remote_execution_base(name = "remote_execution_base")

remote_execution = module_extension(
    implementation = _remote_execution_impl,
    doc = "The remote-execution test's base (dev only).",
)
