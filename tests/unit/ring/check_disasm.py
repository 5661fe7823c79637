#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Proves from the machine code that the ring's hot path orders memory with
load-acquire / store-release only.

hot_path.c wraps each hot-path operation in an out-of-line function. For
every arm64 core given (--core=NAME:FLAGS, FLAGS from cmake/arm64_cpus.cmake)
and every wait strategy, this compiles it with aarch64-linux-gnu-gcc -O2,
disassembles it with aarch64-linux-gnu-objdump and checks each function:

  * no DMB or DSB (Arm ARM: LDAR/LDAPR/STLR give the one-way ordering the
    ring needs; a barrier would be a full fence on every operation),
  * a function that reads the peer's index uses LDAR or LDAPR,
  * a function that publishes its own index uses STLR,
  * with CONFIG_DATAPLANE_WAIT_WFE the wait arms the monitor (LDXR) and WFEs,
  * no calls out of the function (e.g. a copy loop turned into memcpy),
  * except with CONFIG_DATAPLANE_WAIT_SEV, where every publisher must end
    with exactly "dsb ishst; sev" (see wait_arm64.h) and nothing else.

Exit status: 0 all good, 1 a check failed, 77 (ctest skip) when the arm64
cross compiler is not installed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

CC = "aarch64-linux-gnu-gcc"
OBJDUMP = "aarch64-linux-gnu-objdump"
SKIP = 77

# function -> (reads the peer's index, publishes its own index, waits)
FUNCTIONS = {
    "hp_enqueue_u64": (True, True, False),
    "hp_enqueue_bulk_u64": (True, True, False),
    "hp_enqueue_burst_u64": (True, True, False),
    "hp_dequeue_u64": (True, True, False),
    "hp_dequeue_bulk_u64": (True, True, False),
    "hp_dequeue_burst_u64": (True, True, False),
    "hp_reserve": (True, False, False),
    "hp_commit": (False, True, False),
    "hp_peek": (True, False, False),
    "hp_release": (False, True, False),
    "hp_consumer_wait": (True, False, True),
}

# strategy name -> defines, as autoconf.h would give them
STRATEGIES = {
    "wfe": ["-DCONFIG_DATAPLANE_WAIT_WFE"],
    "wfe+sev": ["-DCONFIG_DATAPLANE_WAIT_WFE", "-DCONFIG_DATAPLANE_WAIT_SEV"],
    "portable": ["-DCONFIG_DATAPLANE_WAIT_PORTABLE"],
}

ACQUIRE = re.compile(r"^(ldar|ldapr|ldapur)\w*$")
RELEASE = re.compile(r"^(stlr|stlur)\w*$")
BARRIER = re.compile(r"^(dmb|dsb)$")


def disassemble(source, include, flags, defines, workdir):
    obj = os.path.join(workdir, "hot_path.o")
    cmd = [CC, "-std=c11", "-O2", "-ffreestanding", "-mgeneral-regs-only",
           "-Wall", "-Wextra", "-Werror", "-I", include, *flags, *defines,
           "-c", source, "-o", obj]
    subprocess.run(cmd, check=True)
    out = subprocess.run([OBJDUMP, "-dr", "--no-show-raw-insn", obj],
                         check=True, capture_output=True, text=True).stdout
    functions, current = {}, None
    for line in out.splitlines():
        head = re.match(r"^[0-9a-f]+ <(\w+)>:$", line)
        if head:
            current = functions.setdefault(head.group(1), [])
            continue
        call = re.match(r"^\s+[0-9a-f]+: R_AARCH64_(?:CALL|JUMP)26\s+(\S+)", line)
        if call and current is not None:
            current.append(("call", call.group(1)))
            continue
        insn = re.match(r"^\s+[0-9a-f]+:\s+(\S+)\s*(.*)$", line)
        if insn and current is not None:
            current.append((insn.group(1), insn.group(2).split("//")[0].strip()))
    return functions


def check_function(name, insns, strategy):
    """Returns (ok, summary) for one function."""
    reads, publishes, waits = FUNCTIONS[name]
    mnemonics = [m for m, _ in insns]
    acquire = sorted({m for m in mnemonics if ACQUIRE.match(m)})
    release = sorted({m for m in mnemonics if RELEASE.match(m)})
    barriers = [(i, m, ops) for i, (m, ops) in enumerate(insns) if BARRIER.match(m)]
    problems = []
    if reads and not acquire:
        problems.append("no load-acquire of the peer index")
    if publishes and not release:
        problems.append("no store-release of its own index")
    if waits and strategy.startswith("wfe") and not {"ldxr", "wfe"} <= set(mnemonics):
        problems.append("WFE wait without LDXR + WFE on the index")
    if strategy == "wfe+sev" and publishes:
        expected = [b for b in barriers if b[2] == "ishst"
                    and b[0] + 1 < len(insns) and insns[b[0] + 1][0] == "sev"]
        if not expected:
            problems.append("publisher without 'dsb ishst; sev'")
        barriers = [b for b in barriers if b not in expected]
    calls = sorted({ops for m, ops in insns if m == "call"})
    if calls:
        problems.append("calls " + ", ".join(calls))
    if barriers:
        problems.append("barrier(s): " + ", ".join(f"{m} {ops}" for _, m, ops in barriers))
    hints = sorted({m for m in mnemonics if m in ("ldxr", "wfe", "sev", "sevl", "yield")})
    summary = (f"acquire={'/'.join(acquire) or '-'} release={'/'.join(release) or '-'} "
               f"wait={'/'.join(hints) or '-'} {sum(m != 'call' for m, _ in insns)} insns")
    if problems:
        summary += "  <- " + "; ".join(problems)
    return not problems, summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--core", action="append", required=True,
                    help="NAME:FLAGS, FLAGS space separated")
    args = ap.parse_args()

    if shutil.which(CC) is None:
        print(f"SKIP: {CC} not found; install gcc-aarch64-linux-gnu to run this check")
        return SKIP
    failures = 0
    with tempfile.TemporaryDirectory() as workdir:
        for spec in args.core:
            core, _, flags = spec.partition(":")
            for strategy, defines in STRATEGIES.items():
                functions = disassemble(args.source, args.include, flags.split(),
                                        defines, workdir)
                for name in FUNCTIONS:
                    if name not in functions:
                        print(f"FAIL  {core:12} {strategy:9} {name}: not in the object")
                        failures += 1
                        continue
                    ok, summary = check_function(name, functions[name], strategy)
                    failures += not ok
                    print(f"{'ok  ' if ok else 'FAIL'}  {core:12} {strategy:9} "
                          f"{name:22} {summary}")
    print(f"{'FAILED' if failures else 'PASSED'}: {failures} function(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
