"""For WORKSPACE builds (Bazel 7 with --enable_workspace): the source repositories.

Bzlmod is the supported path (Bazel 8 turns WORKSPACE off, Bazel 9 removed it). In a
WORKSPACE, after rules_cpython and its dependencies (bazel_skylib, platforms, rules_cc,
rules_go with a Go SDK, rules_python) are declared:

```starlark
load("@rules_cpython//rules:repositories.bzl", "rules_cpython_dependencies")
rules_cpython_dependencies()
```
"""

load("//rules/private:extension.bzl", "declare_source_repos", "resolve_sources")

def rules_cpython_dependencies():
    """Declares the pinned sources and `cpython_releases`, as the module extension does without tags."""
    declare_source_repos(resolve_sources([]))
