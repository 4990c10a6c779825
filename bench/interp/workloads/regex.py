"""Regular expressions: compile once, then search, findall and sub over a log-like text."""

import re
import sys
import time

LINE = '192.168.%d.%d - - [21/Nov/2026:13:%02d:%02d +0000] "GET /api/v1/items/%d?page=%d HTTP/1.1" %d %d "-" "agent/%d.%d"\n'


def text(lines):
    return "".join(LINE % (i % 256, i % 199, i % 60, i % 59, i, i % 13, 200 + i % 5, i * 7 % 5000, i % 4, i % 9) for i in range(lines))


def main(rounds):
    log = text(4000)
    request = re.compile(r'"(GET|POST) (/api/v1/\w+/(\d+))\?page=(\d+) HTTP/1\.[01]" (\d{3}) (\d+)')
    ip = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})", re.MULTILINE)
    stamp = re.compile(r"\[(\d+)/(\w+)/(\d+):(\d+):(\d+):(\d+) ([+-]\d{4})\]")
    for _ in range(rounds):
        hits = request.findall(log)
        assert len(hits) == 4000
        assert len(ip.findall(log)) == 4000
        rewritten = stamp.sub(lambda m: m.group(3) + m.group(4), log)
        assert "2026" in rewritten
        assert sum(1 for m in request.finditer(log) if m.group(5) == "200") == 800


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 25)
    print(time.perf_counter() - start)
