#include "rules_cpython/python_home.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef RULES_CPYTHON_HOME_RLOCATION
#error "RULES_CPYTHON_HOME_RLOCATION comes from @rules_cpython//:libpython"
#endif

static int is_home(const char *home) {
  char lib[PATH_MAX];
  struct stat st;
  if (snprintf(lib, sizeof lib, "%s/lib", home) >= (int)sizeof lib) return 0;
  return stat(lib, &st) == 0 && S_ISDIR(st.st_mode);
}

// home = <runfiles>/<rlocation>, when that is an install tree.
static int home_in(const char *runfiles, char *home, size_t size) {
  if (runfiles == NULL || runfiles[0] == '\0') return 0;
  if (snprintf(home, size, "%s/%s", runfiles, RULES_CPYTHON_HOME_RLOCATION) >= (int)size) return 0;
  return is_home(home);
}

static int home_beside(const char *program, char *home, size_t size) {
  char runfiles[PATH_MAX];
  if (program == NULL || program[0] == '\0') return 0;
  if (snprintf(runfiles, sizeof runfiles, "%s.runfiles", program) >= (int)sizeof runfiles) return 0;
  return home_in(runfiles, home, size);
}

// A manifest line is "<rlocation> <path>": the home is the path of <rlocation>/lib/...
// up to /lib/.
static int home_in_manifest(const char *manifest, char *home, size_t size) {
  if (manifest == NULL || manifest[0] == '\0') return 0;
  FILE *f = fopen(manifest, "r");
  if (f == NULL) return 0;
  const char *prefix = RULES_CPYTHON_HOME_RLOCATION "/lib/";
  size_t prefix_len = strlen(prefix);
  char line[2 * PATH_MAX];
  int found = 0;
  while (!found && fgets(line, sizeof line, f) != NULL) {
    char *space = strchr(line, ' ');
    if (space == NULL || strncmp(line, prefix, prefix_len) != 0) continue;
    char *path = space + 1;
    path[strcspn(path, "\n")] = '\0';
    // The same file below the home: strip what follows <home> in the rlocation.
    size_t tail = (size_t)(space - line) - strlen(RULES_CPYTHON_HOME_RLOCATION);
    size_t len = strlen(path);
    if (len > tail && len - tail < size) {
      memcpy(home, path, len - tail);
      home[len - tail] = '\0';
      found = is_home(home);
    }
  }
  fclose(f);
  return found;
}

PyStatus rules_cpython_set_home(PyConfig *config, const char *argv0) {
  char home[PATH_MAX];
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  self[n > 0 ? n : 0] = '\0';
  if (home_in(getenv("RUNFILES_DIR"), home, sizeof home) || home_beside(self, home, sizeof home) ||
      home_beside(argv0, home, sizeof home) ||
      home_in_manifest(getenv("RUNFILES_MANIFEST_FILE"), home, sizeof home)) {
    return PyConfig_SetBytesString(config, &config->home, home);
  }
  return PyStatus_Error(
      "rules_cpython: the interpreter's install tree (" RULES_CPYTHON_HOME_RLOCATION
      ") is not in this program's runfiles: looked in $RUNFILES_DIR, <program>.runfiles "
      "and $RUNFILES_MANIFEST_FILE");
}
