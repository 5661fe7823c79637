#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""`-t rom_report` / `-t ram_report`: the image's bytes per source file and
per symbol, read from the ELF as Zephyr's reports are.

ROM is what the image holds read-only (allocated sections that are not
writable: code, read-only data, init tables); RAM is what it writes
(allocated writable sections: data, bss). Symbols come from `nm -S -l`
(size, and the file and line from the debug info); bytes in no sized
symbol (assembly without .size, merged string literals, alignment
padding) get a line of their own, so the total is the sections' size.

  size_report.py {rom,ram} ELF [--cross PREFIX] [--base DIR]
"""

import argparse
import os
import subprocess
import sys
from collections import defaultdict

NO_SYMBOL = "(in no sized symbol: assembly, string literals, padding)"
NO_FILE = "(no debug info)"


def sections(readelf_text):
    """[(name, start, size, writable)] of the allocated sections in
    `readelf -S -W` output."""
    found = []
    for line in readelf_text.splitlines():
        if "]" not in line or not line.lstrip().startswith("["):
            continue
        fields = line.split("]", 1)[1].split()
        # Name Type Address Off Size ES [Flg] Lk Inf Al: Flg is empty for some.
        if len(fields) != 10 or "A" not in fields[6]:
            continue
        found.append((fields[0], int(fields[2], 16), int(fields[4], 16), "W" in fields[6]))
    return found


def symbols(nm_text):
    """[(address, size, name, file)] of the sized symbols in `nm -S -l`
    output; an alias (same address and size) counts once."""
    found, seen = [], set()
    for line in nm_text.splitlines():
        text, _, where = line.partition("\t")
        fields = text.split()
        if len(fields) != 4:
            continue
        addr, size = int(fields[0], 16), int(fields[1], 16)
        if (addr, size) in seen:
            continue
        seen.add((addr, size))
        found.append((addr, size, fields[3], where.rsplit(":", 1)[0] if where else NO_FILE))
    return found


def shown_path(path, base):
    rel = os.path.relpath(path, base) if os.path.isabs(path) else path
    return path if rel.startswith("..") else rel


def report(kind, secs, syms, base):
    """The report's lines: files by size, each followed by its symbols."""
    chosen = [s for s in secs if s[3] == (kind == "ram") and s[2]]
    per_file = defaultdict(list)
    for addr, size, name, path in syms:
        if any(start <= addr < start + length for _, start, length, _ in chosen):
            per_file[shown_path(path, base)].append((size, name))
    total = sum(length for _, _, length, _ in chosen)
    counted = sum(size for entries in per_file.values() for size, _ in entries)
    what = "read-only" if kind == "rom" else "writable"
    lines = [f"{kind.upper()} report: {what} sections "
             f"{', '.join(s[0] for s in chosen)}; bytes per file and symbol",
             f"{'SIZE':>9} {'%':>6}  FILE / SYMBOL"]

    def row(size, label):
        share = 100.0 * size / total if total else 0.0
        lines.append(f"{size:>9} {share:>5.1f}%  {label}")

    for path, entries in sorted(per_file.items(), key=lambda kv: -sum(s for s, _ in kv[1])):
        row(sum(s for s, _ in entries), path)
        for size, name in sorted(entries, key=lambda e: (-e[0], e[1])):
            row(size, "    " + name)
    row(total - counted, NO_SYMBOL)
    row(total, "TOTAL")
    return lines


def tool_output(argv):
    return subprocess.run(argv, text=True, capture_output=True, check=True).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["rom", "ram"])
    ap.add_argument("elf")
    ap.add_argument("--cross", default="aarch64-linux-gnu-", help="binutils prefix")
    ap.add_argument("--base", default=os.getcwd(), help="paths are shown relative to this")
    args = ap.parse_args()
    secs = sections(tool_output([args.cross + "readelf", "-S", "-W", args.elf]))
    syms = symbols(tool_output([args.cross + "nm", "-S", "-l", "--defined-only", args.elf]))
    print("\n".join(report(args.kind, secs, syms, args.base)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
