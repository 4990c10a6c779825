#include <openssl/opensslv.h>
#include <stdio.h>
#include <string.h>

#include "tls/tls_version.h"

// argv[1]: the OpenSSL release rules_cpython pins (BUILD.bazel passes it).
int main(int argc, char **argv) {
  if (argc != 2) return 2;
  const char *version = tls_version();
  printf("%s\n", version);
  // The pinned OpenSSL, not the host's: headers and library alike.
  if (strcmp(version, OPENSSL_VERSION_TEXT) != 0) return 1;
  char expected[64];
  snprintf(expected, sizeof expected, "OpenSSL %s ", argv[1]);
  return strncmp(version, expected, strlen(expected)) != 0;
}
