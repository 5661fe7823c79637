#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""`-t footprint`: text/rodata/data/bss of the linked image per library
(subsystem, driver, arch, app), read from the linker map, so only what
--gc-sections kept is counted."""

import re
import sys
from collections import defaultdict

INPUT = re.compile(r"^ (\.[^\s]+)?\s*(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S+)$")
KINDS = (("text", (".text", ".vectors")), ("rodata", (".rodata", ".mhv_init")),
         ("data", (".data",)), ("bss", (".bss", "COMMON")))


def owner(path):
    """libsubsys__console.a(console.c.obj) -> subsys/console."""
    m = re.search(r"lib([^/()]+)\.a\(", path)
    if m:
        return m.group(1).replace("__", "/")
    return "image"


def kind(section):
    for name, prefixes in KINDS:
        if section.startswith(prefixes):
            return name
    return None


def parse(path):
    sizes = defaultdict(lambda: defaultdict(int))
    pending = None
    in_map = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map or line.startswith("/DISCARD/"):
                if line.startswith("/DISCARD/"):
                    break
                continue
            m = INPUT.match(line.rstrip("\n"))
            if m and (m.group(1) or pending):
                section = m.group(1) or pending
                pending = None
                k = kind(section)
                size = int(m.group(3), 16)
                if k and size:
                    sizes[owner(m.group(4))][k] += size
                continue
            long_name = re.match(r"^ (\.[^\s]+)\s*$", line)
            pending = long_name.group(1) if long_name else None
    return sizes


def main():
    if len(sys.argv) != 2:
        print("usage: footprint.py monadic.map", file=sys.stderr)
        return 2
    sizes = parse(sys.argv[1])
    cols = [k for k, _ in KINDS]
    print(f"{'library':<24}" + "".join(f"{c:>10}" for c in cols) + f"{'total':>10}")
    totals = defaultdict(int)
    for lib in sorted(sizes, key=lambda n: -sum(sizes[n].values())):
        row = sizes[lib]
        for c in cols:
            totals[c] += row[c]
        print(f"{lib:<24}" + "".join(f"{row[c]:>10}" for c in cols) + f"{sum(row.values()):>10}")
    print(f"{'TOTAL':<24}" + "".join(f"{totals[c]:>10}" for c in cols)
          + f"{sum(totals.values()):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
