"""Deep recursion: Python-to-Python calls, frames pushed and popped (Ackermann and a tree walk)."""

import sys
import time


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def build(depth):
    return None if depth == 0 else (build(depth - 1), build(depth - 1))


def count(tree):
    return 1 if tree is None else 1 + count(tree[0]) + count(tree[1])


def main(rounds):
    sys.setrecursionlimit(10000)
    for _ in range(rounds):
        assert ackermann(2, 300) == 603
        assert count(build(13)) == 2 ** 14 - 1


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
    print(time.perf_counter() - start)
