"""hashlib over OpenSSL: many small digests (call overhead) and a few large ones."""

import hashlib
import sys
import time


def main(rounds):
    small = [b"message %d" % i for i in range(5000)]
    large = bytes(range(256)) * 4096
    for _ in range(rounds):
        for m in small:
            hashlib.sha256(m).digest()
            hashlib.md5(m).hexdigest()
        for name in ("sha256", "sha512", "sha3_256", "blake2b"):
            hashlib.new(name, large).digest()


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
    print(time.perf_counter() - start)
