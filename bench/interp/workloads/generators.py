"""Generators: pipelines of generator functions and expressions, yield from, a tree walk."""

import sys
import time


class Tree:
    def __init__(self, left, value, right):
        self.left, self.value, self.right = left, value, right

    def __iter__(self):
        if self.left is not None:
            yield from self.left
        yield self.value
        if self.right is not None:
            yield from self.right


def build(lo, hi):
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Tree(build(lo, mid), mid, build(mid + 1, hi))


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(source):
    for x in source:
        if x % 2 == 0:
            yield x


def main(rounds):
    tree = build(0, 50_000)
    for _ in range(rounds):
        assert sum(tree) == sum(range(50_000))
        assert sum(x * x for x in evens(numbers(200_000))) == sum(x * x for x in range(0, 200_000, 2))


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
    print(time.perf_counter() - start)
