"""Unpacking: tuple and list unpacking, starred assignment and swaps in a tight loop."""

import sys
import time


def main(rounds):
    t = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
    l = list(t)
    acc = 0
    for _ in range(rounds):
        a, b, c, d, e, f, g, h, i, j = t
        k, m, n, o, p, q, r, s, u, v = l
        first, *middle, last = t
        a, b = b, a
        acc += a + b + c + j + k + v + first + last + len(middle)
    assert acc == rounds * 46


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000)
    print(time.perf_counter() - start)
