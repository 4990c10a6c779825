"""The `cpython` module extension: pin CPython releases, add releases, replace library sources.

```starlark
cpython = use_extension("@cpython//rules:extensions.bzl", "cpython")
cpython.pin(version = "3.11.2")  # 3.11 means 3.11.2
cpython.library(
    name = "openssl",
    patches = ["//third_party:openssl-build-metadata.patch"],
    patch_args = ["-p1"],
)
```

Tags: `pin(version)`, `release(version, urls, sha256, strip_prefix, patches, patch_args)`,
`library(name, version, urls, sha256, strip_prefix, patches, patch_args)`. The root
module's tags win; where it is silent, other modules' tags apply, and two that disagree
fail, naming both.
"""

load("//rules/private:extension.bzl", _cpython = "cpython")

cpython = _cpython
