#include <openssl/opensslv.h>
#include <stdio.h>
#include <string.h>

#include "tls/tls_version.h"

int main(void) {
  const char *version = tls_version();
  printf("%s\n", version);
  // The patched OpenSSL (MODULE.bazel), headers and library alike.
  if (strcmp(version, OPENSSL_VERSION_TEXT) != 0) return 1;
  return strncmp(version, "OpenSSL 3.5.7+consumer ", strlen("OpenSSL 3.5.7+consumer ")) != 0;
}
