"""Start-up: `python -c pass`, again and again (an interpreter's fixed cost per process)."""

import subprocess
import sys
import time


def main(rounds):
    for _ in range(rounds):
        subprocess.run([sys.executable, "-I", "-c", "pass"], check=True)


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
    print(time.perf_counter() - start)
