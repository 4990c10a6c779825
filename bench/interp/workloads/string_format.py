"""String formatting: f-strings, str.format and %, with numbers, padding and joins."""

import sys
import time


def main(rounds):
    total = 0
    for r in range(rounds):
        parts = []
        for i in range(2000):
            x = i * 1.5
            parts.append(f"{i:>6d} | {x:10.3f} | {hex(i):>8} | {'item':<6}{i % 13}")
            parts.append("{0}-{1:04d}-{2!r}".format("row", i, x))
            parts.append("%s=%d (%.2f%%)" % ("k", i, x / 30))
        text = "\n".join(parts)
        total += len(text.upper().split("|"))
    assert total > 0


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
    print(time.perf_counter() - start)
