"""Dicts and sets: building, probing, merging and comprehension over string and int keys."""

import sys
import time


def main(rounds):
    words = ["w%d" % i for i in range(5000)]
    for _ in range(rounds):
        counts = {}
        for i, w in enumerate(words * 4):
            counts[w] = counts.get(w, 0) + i
        index = {w: i for i, w in enumerate(words)}
        seen = set()
        for i in range(20000):
            seen.add(i * 7 % 9973)
        evens = {k for k in seen if k % 2 == 0}
        merged = {**counts, **{str(k): k for k in evens}}
        assert index["w42"] == 42 and len(merged) > len(counts)
        assert sum(1 for w in words if w in counts) == len(words)


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
    print(time.perf_counter() - start)
