#ifndef CONSUMER_TLS_VERSION_H_
#define CONSUMER_TLS_VERSION_H_

// The version text of the OpenSSL this program runs with.
const char *tls_version(void);

#endif  // CONSUMER_TLS_VERSION_H_
