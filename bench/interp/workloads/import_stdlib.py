"""Imports: a fresh process importing a few large stdlib packages (`-X importtime` measures the same)."""

import subprocess
import sys
import time

MODULES = "asyncio, json, decimal, email.message, http.client, argparse, typing, dataclasses, sqlite3, ssl"


def main(rounds):
    for _ in range(rounds):
        subprocess.run([sys.executable, "-I", "-X", "importtime", "-c", "import " + MODULES],
                       check=True, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 25)
    print(time.perf_counter() - start)
