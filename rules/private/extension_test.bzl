"""Unit tests of how the cpython extension applies the modules' tags to the table."""

load("@bazel_skylib//lib:unittest.bzl", "asserts", "unittest")
load(":extension.bzl", "TABLE", "resolve_sources")
load(":sources.bzl", "CPYTHON_LATEST", "LIBRARY_SOURCES", "library_version")
load(":versions.bzl", "latest_releases")

def _module(name, is_root, pin = [], release = [], library = []):
    return struct(name = name, is_root = is_root, tags = struct(pin = pin, release = release, library = library))

def _pin(version):
    return struct(version = version)

def _library(name, patches = [], urls = [], sha256 = "", version = ""):
    return struct(name = name, version = version, urls = urls, sha256 = sha256, strip_prefix = "", patches = patches, patch_args = ["-p1"])

def _release(version, urls, sha256):
    return struct(version = version, urls = urls, sha256 = sha256, strip_prefix = "Python-" + version, patches = [], patch_args = ["-p0"])

def _the_root_modules_pin_wins_impl(ctx):
    env = unittest.begin(ctx)
    resolved = resolve_sources([
        _module("consumer", True, pin = [_pin("3.11.2")]),
        _module("some_dependency", False, pin = [_pin("3.11.16")]),
    ])
    asserts.equals(env, "3.11.2", resolved.latest["3.11"])
    asserts.equals(env, CPYTHON_LATEST["3.13"], resolved.latest["3.13"], "a minor nobody pins keeps the table's release")
    return unittest.end(env)

the_root_modules_pin_wins_test = unittest.make(_the_root_modules_pin_wins_impl)

def _another_modules_pin_applies_where_the_root_is_silent_impl(ctx):
    env = unittest.begin(ctx)
    resolved = resolve_sources([
        _module("consumer", True),
        _module("a", False, pin = [_pin("3.13.5")]),
        _module("b", False, pin = [_pin("3.13.5")]),
    ])
    asserts.equals(env, "3.13.5", resolved.latest["3.13"], "two modules that agree")
    return unittest.end(env)

another_modules_pin_applies_where_the_root_is_silent_test = unittest.make(_another_modules_pin_applies_where_the_root_is_silent_impl)

def _a_patched_library_keeps_its_archive_impl(ctx):
    env = unittest.begin(ctx)
    resolved = resolve_sources([_module("consumer", True, library = [_library("openssl", patches = ["//:fix.patch"])])])
    pinned = library_version("openssl")
    openssl = resolved.libraries[("openssl", pinned)]
    asserts.equals(env, [LIBRARY_SOURCES["openssl"][pinned].url], openssl.urls)
    asserts.equals(env, LIBRARY_SOURCES["openssl"][pinned].sha256, openssl.sha256)
    asserts.equals(env, ["//:fix.patch"], openssl.patches)
    asserts.equals(env, "the cpython.library tag of module consumer", openssl.origin)
    asserts.equals(env, TABLE, resolved.libraries[("zlib", library_version("zlib"))].origin, "the other libraries stay as pinned")
    return unittest.end(env)

a_patched_library_keeps_its_archive_test = unittest.make(_a_patched_library_keeps_its_archive_impl)

def _an_added_release_can_be_pinned_impl(ctx):
    env = unittest.begin(ctx)
    sha = "a" * 64
    resolved = resolve_sources([_module(
        "consumer",
        True,
        pin = [_pin("3.13.99")],
        release = [_release("3.13.99", ["https://example.com/Python-3.13.99.tar.xz"], sha)],
    )])
    asserts.equals(env, "3.13.99", resolved.latest["3.13"])
    asserts.equals(env, sha, resolved.releases["3.13.99"].sha256)
    asserts.equals(env, "Python-3.13.99", resolved.releases["3.13.99"].strip_prefix)
    return unittest.end(env)

an_added_release_can_be_pinned_test = unittest.make(_an_added_release_can_be_pinned_impl)

def _the_newest_release_of_each_minor_is_its_default_impl(ctx):
    env = unittest.begin(ctx)
    asserts.equals(
        env,
        {"3.11": "3.11.16", "3.12": "3.12.10", "3.15": "3.15.0"},
        latest_releases(["3.12.10", "3.11.2", "3.15.0", "3.12.4", "3.15.0rc1", "3.11.16", "3.15.0b2"]),
        "patch releases compare as numbers, and a final release comes after its pre-releases",
    )
    asserts.equals(env, {"3.15": "3.15.0rc1"}, latest_releases(["3.15.0b2", "3.15.0rc1", "3.15.0a7"]))
    return unittest.end(env)

the_newest_release_of_each_minor_is_its_default_test = unittest.make(_the_newest_release_of_each_minor_is_its_default_impl)

def extension_test_suite(name):
    unittest.suite(
        name,
        the_root_modules_pin_wins_test,
        another_modules_pin_applies_where_the_root_is_silent_test,
        a_patched_library_keeps_its_archive_test,
        an_added_release_can_be_pinned_test,
        the_newest_release_of_each_minor_is_its_default_test,
    )
