/* Linked into the instrumented build of a gcc PGO build against an older sysroot only.
 *
 * gcc's libgcov.a, which -fprofile-generate links into every binary and shared object,
 * was compiled against the compiler's own glibc (2.38 or later), whose C23 headers name
 * strtol __isoc23_strtol. The sysroot's glibc (2.31) has no such symbol, so the link of
 * the instrumented interpreter fails. This gives libgcov the sysroot's strtol under the
 * new name (libgcov parses numbers from its environment, where C23's 0b prefix does not
 * matter). Hidden: each link that needs it gets its own copy, and none exports it.
 *
 * No <stdlib.h>: against a glibc 2.38+ header, strtol would be renamed __isoc23_strtol
 * again and this function would call itself. */

long strtol(const char *nptr, char **endptr, int base);

__attribute__((visibility("hidden"))) long __isoc23_strtol(const char *nptr, char **endptr, int base) {
    return strtol(nptr, endptr, base);
}
