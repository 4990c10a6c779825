#include "tls/tls_version.h"

#include <openssl/crypto.h>

const char *tls_version(void) { return OpenSSL_version(OPENSSL_VERSION); }
