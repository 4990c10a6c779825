"""JSON: encode and decode nested documents of strings, numbers, lists and dicts."""

import json
import sys
import time


def document(i):
    return {
        "id": i,
        "name": "item-%d" % i,
        "tags": ["alpha", "beta", "gamma", str(i % 7)],
        "price": i * 1.25,
        "active": i % 2 == 0,
        "children": [{"k": j, "v": "x" * (j % 5), "ratio": j / 3} for j in range(8)],
        "text": "unicode \u00e9\u00e8\u4e2d\u6587 and \"quotes\" \\ backslashes",
    }


def main(rounds):
    docs = [document(i) for i in range(200)]
    total = 0
    for _ in range(rounds):
        encoded = json.dumps(docs)
        decoded = json.loads(encoded)
        total += len(encoded)
        assert decoded[17]["children"][3]["k"] == 3
    assert total > 0


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
    print(time.perf_counter() - start)
