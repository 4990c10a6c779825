"""source_file: one file of a source archive's :srcs, by its path in the archive."""

def _source_file_impl(ctx):
    matches = [f for f in ctx.files.srcs if f.short_path.endswith("/" + ctx.attr.path)]
    if len(matches) != 1:
        fail("%s: %d files of %s end in %s (expected one)" % (ctx.label, len(matches), ctx.attr.srcs.label, ctx.attr.path))
    return [DefaultInfo(files = depset(matches))]

source_file = rule(
    implementation = _source_file_impl,
    doc = "The file `path` (relative to the archive's root) of a source repository's :srcs.",
    attrs = {
        "srcs": attr.label(mandatory = True, allow_files = True, doc = "A source repository's :srcs."),
        "path": attr.string(mandatory = True, doc = "The file's path in the archive, e.g. Doc/using/configure.rst."),
    },
)
