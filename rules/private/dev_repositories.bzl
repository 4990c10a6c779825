"""Repositories for developing rules_cpython itself (a development dependency).

- `remote_execution_base`: the minimal base of a remote-execution worker, /bin/sh and the
  C library it loads, from pinned packages of another Debian release than the toolbox's
  and the build tool set's (remote_execution_base_packages.bzl). The e2e test binds it,
  and only it, into buildbox's runner, which shows that every other program an action
  runs is an input.
- `debian_go_sdk`: the Go SDK that builds the builder, Debian's (go_sdk_packages.bzl),
  pinned like every other tool: the builder is an input of every library and interpreter
  action, so a Go SDK taken from the machine would make their keys depend on the day it
  was installed.
"""

load(":go_sdk_packages.bzl", GO_SDK_PACKAGES = "PACKAGES", GO_SDK_SUITE = "SUITE")
load(":remote_execution_base_packages.bzl", BASE_PACKAGES = "PACKAGES", BASE_SUITE = "SUITE")
load(":sysroot.bzl", "MIRROR_ENV", "unpack_debian_packages")

def _debian_packages_impl(rctx):
    unpack_debian_packages(rctx, json.decode(rctx.attr.packages), rctx.attr.what)
    for unused in ["root/usr/share/doc", "root/usr/share/man"]:
        rctx.delete(unused)
    if rctx.attr.link_goroot:
        # goroot: Debian's GOROOT (root/usr/lib/go-<version>), whatever the version.
        goroots = [e for e in rctx.path("root/usr/lib").readdir() if e.basename.startswith("go-")]
        if len(goroots) != 1:
            fail("rules_cpython: %s has %d GOROOTs in usr/lib (%s), not one" % (rctx.attr.what, len(goroots), goroots))
        rctx.symlink(goroots[0], "goroot")
    rctx.file("BUILD.bazel", rctx.attr.build_file_content)
    rctx.file("REPO.bazel", "")

_debian_packages = repository_rule(
    implementation = _debian_packages_impl,
    attrs = {
        "packages": attr.string(doc = "JSON list of {pool, sha256}: the .deb files, unpacked in order below root/."),
        "what": attr.string(doc = "What they make, for messages."),
        "build_file_content": attr.string(),
        "link_goroot": attr.bool(doc = "Link goroot to the one folder usr/lib/go-*."),
    },
    environ = [MIRROR_ENV],
)

def _packages_json(packages):
    return json.encode([{"pool": p.pool, "sha256": p.sha256} for p in packages])

def _dev_repositories_impl(_module_ctx):
    _debian_packages(
        name = "remote_execution_base",
        packages = _packages_json(BASE_PACKAGES),
        what = "the remote-execution base (Debian %s)" % BASE_SUITE,
        build_file_content = """\
# root/bin/dash (the base's /bin/sh), root/lib/ and root/lib64/: what the remote-execution
# test binds into its runner's sandbox.
filegroup(
    name = "sh",
    srcs = ["root/bin/dash"],
    visibility = ["//visibility:public"],
)
""",
    )
    _debian_packages(
        name = "debian_go_sdk",
        packages = _packages_json(GO_SDK_PACKAGES),
        what = "the Go SDK (Debian %s)" % GO_SDK_SUITE,
        link_goroot = True,
        build_file_content = """\
# goroot links to GOROOT: MODULE.bazel gives its VERSION file to go_sdk.wrap.
exports_files(["goroot/VERSION"])
""",
    )

dev_repositories = module_extension(
    implementation = _dev_repositories_impl,
    doc = "Repositories for developing rules_cpython: the remote-execution base, the Go SDK.",
)
