"""Where Linux distributions keep their CA certificates, for the ssl module.

The interpreter's OpenSSL looks at OPENSSLDIR (/etc/ssl): the file cert.pem and the
folder certs/ with hashed names. Debian, Ubuntu, Alpine and openSUSE fill one of them;
Fedora 44 (which dropped cert.pem) and RHEL 9 keep only the bundles below. Where OpenSSL's
paths hold nothing and the user set neither SSL_CERT_FILE nor SSL_CERT_DIR,
SSLContext.load_default_certs loads the first of these files that exists
(tools/builder/internal/truststore), the way Go's crypto/x509 and uv search.
"""

CA_BUNDLES = [
    # Debian, Ubuntu, Gentoo, Arch, Alpine (update-ca-certificates).
    "/etc/ssl/certs/ca-certificates.crt",
    # Fedora, RHEL, CentOS, Alma, Rocky (update-ca-trust): the extracted bundle, and the
    # older name that links to it.
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/certs/ca-bundle.crt",
    # openSUSE, SLES.
    "/etc/ssl/ca-bundle.pem",
    # OpenELEC, and older RHEL.
    "/etc/pki/tls/cacert.pem",
    # Alpine's and the BSDs' name, also a link on older Fedora.
    "/etc/ssl/cert.pem",
]
