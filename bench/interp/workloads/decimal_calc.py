"""decimal: arithmetic at 50 digits (the C _decimal module over libmpdec)."""

import decimal
import sys
import time


def main(rounds):
    decimal.getcontext().prec = 50
    D = decimal.Decimal
    for _ in range(rounds):
        total = D(0)
        for i in range(1, 3000):
            x = D(i) / D(7)
            total += x * x - x.sqrt() + D(i).ln() / D(3)
        assert total > 0


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
    print(time.perf_counter() - start)
