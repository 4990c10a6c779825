"""Unit tests of which rows of the release quirks table apply to a release."""

load("@bazel_skylib//lib:unittest.bzl", "asserts", "unittest")
load(":release_quirks.bzl", "release_quirks", "source_edit_arg")

_DEFAULT_DEPS = ["bzip2", "gdbm", "libffi", "ncurses", "openssl", "sqlite", "tcl", "tk", "xz", "zlib"]

def _tk_series_follows_the_release_impl(ctx):
    env = unittest.begin(ctx)
    asserts.equals(env, "8", release_quirks("3.10.16").tk_series)
    asserts.equals(env, "8", release_quirks("3.11.0").tk_series)
    asserts.equals(env, "9", release_quirks("3.12.11").tk_series)
    asserts.equals(env, "9", release_quirks("3.15.0rc1").tk_series)
    return unittest.end(env)

tk_series_follows_the_release_test = unittest.make(_tk_series_follows_the_release_impl)

def _setup_py_edits_only_where_setup_py_builds_the_modules_impl(ctx):
    env = unittest.begin(ctx)
    files = {e.file: True for e in release_quirks("3.11.0", _DEFAULT_DEPS).source_edits}
    asserts.equals(env, {"setup.py": True}, files)
    asserts.equals(env, [], release_quirks("3.12.11", _DEFAULT_DEPS).source_edits)
    asserts.equals(env, [], release_quirks("3.13.0", _DEFAULT_DEPS).source_edits)
    return unittest.end(env)

setup_py_edits_only_where_setup_py_builds_the_modules_test = unittest.make(_setup_py_edits_only_where_setup_py_builds_the_modules_impl)

def _a_row_that_needs_a_library_applies_only_with_it_impl(ctx):
    env = unittest.begin(ctx)
    with_gdbm = release_quirks("3.11.0", _DEFAULT_DEPS)
    without_gdbm = release_quirks("3.11.0", [d for d in _DEFAULT_DEPS if d != "gdbm"])
    asserts.true(env, "ac_cv_lib_gdbm_compat_dbm_open=yes" in with_gdbm.configure_args)
    asserts.false(env, "ac_cv_lib_gdbm_compat_dbm_open=yes" in without_gdbm.configure_args)
    asserts.true(env, [e for e in with_gdbm.source_edits if "gdbm_compat" in e.old] != [])
    asserts.equals(env, [], [e for e in without_gdbm.source_edits if "gdbm_compat" in e.old])
    asserts.equals(env, [], without_gdbm.setup_local + release_quirks("3.13.0", ["zlib"]).setup_local, "ncurses' Setup.local lines need ncurses")
    asserts.equals(env, ["*static*", "_curses _cursesmodule.c", "_curses_panel _curses_panel.c"], release_quirks("3.13.0", _DEFAULT_DEPS).setup_local)
    asserts.equals(env, [], with_gdbm.setup_local, "setup.py builds _curses before 3.12")
    return unittest.end(env)

a_row_that_needs_a_library_applies_only_with_it_test = unittest.make(_a_row_that_needs_a_library_applies_only_with_it_impl)

def _ranges_include_both_ends_impl(ctx):
    env = unittest.begin(ctx)
    removed = "py_cv_module__crypt=n/a"
    asserts.true(env, removed in release_quirks("3.10.16", []).configure_args, "since 3.10")
    asserts.true(env, removed in release_quirks("3.12.11", []).configure_args, "until 3.12")
    asserts.false(env, removed in release_quirks("3.13.0", []).configure_args)
    asserts.equals(env, ["2to3-{minor}"], release_quirks("3.12").bin_scripts)
    asserts.equals(env, [], release_quirks("3.13").bin_scripts)
    asserts.equals(env, {"LIBS": "-lm"}, release_quirks("3.11.0", []).env)
    asserts.equals(env, {}, release_quirks("3.12.11", []).env)
    return unittest.end(env)

ranges_include_both_ends_test = unittest.make(_ranges_include_both_ends_impl)

def _a_source_edit_reaches_the_builder_as_one_line_impl(ctx):
    env = unittest.begin(ctx)
    edit = release_quirks("3.11.0", _DEFAULT_DEPS).source_edits[0]
    line = source_edit_arg(edit)
    asserts.false(env, "\n" in line, "the params file is one argument per line")
    asserts.equals(env, edit.old, json.decode(line)["old"])
    asserts.equals(env, ["file", "new", "old", "why"], sorted(json.decode(line).keys()))
    return unittest.end(env)

a_source_edit_reaches_the_builder_as_one_line_test = unittest.make(_a_source_edit_reaches_the_builder_as_one_line_impl)

def release_quirks_test_suite(name):
    unittest.suite(
        name,
        tk_series_follows_the_release_test,
        setup_py_edits_only_where_setup_py_builds_the_modules_test,
        a_row_that_needs_a_library_applies_only_with_it_test,
        ranges_include_both_ends_test,
        a_source_edit_reaches_the_builder_as_one_line_test,
    )
