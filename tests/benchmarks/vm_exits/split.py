#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""The hypervisor's share of each exit the benchmark times.

Reads QEMU's instruction log of the benchmark (run.sh with SPLIT=1:
-singlestep -d exec,nochain, one line per executed instruction) from
stdin. An exit is a run of EL2 instructions from a lower-EL vector of the
hypervisor (vectors_el2 + 0x400 synchronous, + 0x480 IRQ) to an ERET of
its guest entry code; it is named by what the guest did: the guest
function of the trapping instruction for a synchronous exit, "irq" for an
interrupt. Prints the median EL2 instructions per exit of each name, so
that the benchmark's guest+hypervisor figures can be split.
"""
import argparse
import bisect
import collections
import re
import statistics
import subprocess
import sys

LOWER_SYNC, LOWER_IRQ = 0x400, 0x480
LINE = re.compile(r"^Trace (\d+): \S+ \[[0-9a-f]+/([0-9a-f]+)/")


def symbols(elf, nm):
    out = subprocess.run([nm, "-n", elf], capture_output=True, text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), parts[2]))
    return syms


def erets(elf, objdump):
    out = subprocess.run([objdump, "-d", elf], capture_output=True, text=True, check=True).stdout
    return {int(m.group(1), 16) for m in re.finditer(r"^\s*([0-9a-f]+):\s+d69f03e0\s", out, re.M)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hypervisor", required=True, help="monadic.elf")
    ap.add_argument("--guest", required=True, help="the benchmark guest's ELF")
    ap.add_argument("--cpu", type=int, default=1, help="the guest's pCPU (QEMU CPU index)")
    ap.add_argument("--cross", default="aarch64-linux-gnu-", help="binutils prefix")
    args = ap.parse_args()

    vectors = dict((n, a) for a, n in symbols(args.hypervisor, args.cross + "nm"))["vectors_el2"]
    sync_vec, irq_vec = vectors + LOWER_SYNC, vectors + LOWER_IRQ
    eret_at = erets(args.hypervisor, args.cross + "objdump")
    gsyms = symbols(args.guest, args.cross + "nm")
    gaddrs = [a for a, _ in gsyms]

    def guest_function(pc):
        i = bisect.bisect_right(gaddrs, pc) - 1
        return gsyms[i][1] if i >= 0 else "?"

    runs = collections.defaultdict(list)
    cpu = str(args.cpu)
    last_guest_pc, name, count = None, None, 0
    for line in sys.stdin:
        m = LINE.match(line)
        if not m or m.group(1) != cpu:
            continue
        pc = int(m.group(2), 16)
        if name is None:
            if pc in (sync_vec, irq_vec) and last_guest_pc is not None:
                name = "irq" if pc == irq_vec else guest_function(last_guest_pc)
                count = 1
            else:
                last_guest_pc = pc
            continue
        count += 1
        if pc in eret_at:
            runs[name].append(count)
            name = None
    for name, counts in sorted(runs.items(), key=lambda kv: -len(kv[1])):
        print("SPLIT %s: %d EL2 instructions per exit (median of %d)"
              % (name, statistics.median(counts), len(counts)))
    return 0 if runs else 1


if __name__ == "__main__":
    sys.exit(main())
