#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""After the guest has run: does the NVMe backing file hold what it wrote?

  check_image.py CONSOLE_LOG IMAGE

The guest's /init (rootfs/init) prints
  nvme pattern token <uuid> (<n> bytes at offset 0)
and writes, with direct I/O, the line "monadic nvme pattern <uuid>" then
"<uuid>" lines, cut at <n> bytes. This rebuilds those bytes from the last
token in the log and compares them with the start of the file QEMU gave
the NVMe controller. The token is new on every boot, so a match proves this
run's writes reached the device, not an earlier run's.

Standard library only: runs under any python3.
"""

import re
import sys

TOKEN = re.compile(r"nvme pattern token ([0-9a-f-]{36}) \((\d+) bytes at offset 0\)")


def expected(uuid, size):
    line = (uuid + "\n").encode()
    body = f"monadic nvme pattern {uuid}\n".encode()
    body += line * (size // len(line) + 1)
    return body[:size]


def main(argv):
    args = argv[1:]
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    log, image = args
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    tokens = TOKEN.findall(text)
    if not tokens:
        print(f"{log}: no 'nvme pattern token' line: the guest wrote no pattern")
        return 1
    uuid, size = tokens[-1][0], int(tokens[-1][1])
    want = expected(uuid, size)
    with open(image, "rb") as f:
        have = f.read(size)
    if have == want:
        print(f"{image} holds the pattern of token {uuid} ({size} bytes at offset 0)")
        return 0
    at = next((i for i, (a, b) in enumerate(zip(have, want)) if a != b), len(have))
    print(f"{image} lacks the pattern of token {uuid}: first difference at byte {at} "
          f"of {size} (file has {have[at:at + 40]!r}, expected {want[at:at + 40]!r})")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
