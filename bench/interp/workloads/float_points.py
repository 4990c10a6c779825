"""Floats: create, normalize and reduce many small point objects (attribute access, math calls)."""

import math
import sys
import time


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        self.x = x = math.sin(i)
        self.y = math.cos(i) * 3
        self.z = (x * x) / 2

    def normalize(self):
        norm = math.sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def main(rounds, points=100_000):
    for _ in range(rounds):
        cloud = [Point(i) for i in range(points)]
        for p in cloud:
            p.normalize()
        top = cloud[0]
        for p in cloud[1:]:
            top = top.maximize(p)
        assert 0.99 < top.y <= 1.0


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6)
    print(time.perf_counter() - start)
