#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Linux boot to its first userspace line (the /init's first PASS: line),
# under Monadic versus the same kernel, initramfs and command line booted
# natively by QEMU (no hypervisor; same -cpu, 2 CPUs, 512 MiB), runs
# interleaved in one session, median of RUNS (default 5) each; prints the
# ratio and the EL2 exits by class that Linux caused while booting.
set -eu
cd "$(dirname "$0")/../../.."
board=${1:-graviton2/qemu}
runs=${RUNS:-5}
dir=build/bench-linux-boot
. tests/benchmarks/bench_build.sh
bench_build "$dir" samples/linux autotest.overlay

exec "$py" - "$dir" "$runs" "$board" <<'PYEOF'
import re, statistics, subprocess, sys, time
bdir, runs, board = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, "tests/benchmarks")
from native_linux import Build

build = Build(bdir)
monadic, cpu, native = build.monadic, build.cpu, build.native()

def boot(argv):
    """Seconds to the first /init line; the whole console."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True,
                         errors="replace")
    took, out = None, []
    for line in p.stdout:
        out.append(line)
        if took is None and "PASS: 2 CPUs" in line:
            took = time.monotonic() - t0
    p.wait()
    return took, "".join(out)

nat, mon, exits = [], [], ""
for _ in range(runs):
    t, _ = boot(native); nat.append(t)
    t, out = boot(monadic); mon.append(t)
    m = re.search(r"VM linux exits: .*", out)
    exits = m.group(0) if m else exits
if None in nat or None in mon:
    sys.exit("a boot did not reach /init")
ratios = [m / n for m, n in zip(mon, nat)]
fmt = lambda xs: f"median {statistics.median(xs):.2f} s (min {min(xs):.2f}, max {max(xs):.2f})"
print(f"Linux boot to /init on {board} (-cpu {cpu}), {runs} interleaved runs each")
print(f"  native QEMU (no hypervisor): {fmt(nat)}")
print(f"  under Monadic:               {fmt(mon)}")
print(f"  ratio Monadic/native:        median {statistics.median(ratios):.3f}x "
      f"(min {min(ratios):.3f}, max {max(ratios):.3f}); target <= 1.15x")
print(f"  EL2 exits of the whole run:  {exits}")
PYEOF
