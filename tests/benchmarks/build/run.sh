#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Build and boot figures for samples/hello on one board (default
# graviton2/qemu): clean build time, no-change rebuild time, image size
# (text/data/bss), and the time from QEMU start to the banner's last line,
# measured from outside (wall clock) and inside (system counter).
# Median of N runs (default 5).
set -eu
cd "$(dirname "$0")/../../.."
board=${1:-graviton2/qemu}
runs=${RUNS:-5}
dir=build/bench-build
py=$(for p in "${MHV_PYTHON:-}" /usr/bin/python3 python3; do
	[ -n "$p" ] && "$p" -c "import kconfiglib, libfdt, yaml" 2>/dev/null && { echo "$p"; break; }; done)

exec "$py" - "$board" "$runs" "$dir" <<'PYEOF'
import os, re, statistics, subprocess, sys, time
board, runs, bdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, "scripts")
import buildlib

def timed(fn):
    t = time.monotonic(); fn(); return time.monotonic() - t

def clean_build():
    subprocess.run(["rm", "-rf", bdir], check=True)
    buildlib.configure("samples/hello", board, bdir, quiet=True)
    buildlib.build(bdir, quiet=True)

def boot():
    """Seconds from QEMU start to the banner's last line, and the banner's own figure."""
    t0 = time.monotonic()
    p = subprocess.Popen(buildlib.qemu_args(bdir), stdout=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, text=True)
    inside = None
    for line in p.stdout:
        m = re.search(r"banner at (\d+) us after reset", line)
        if m:
            inside = int(m.group(1)) / 1e6
            outside = time.monotonic() - t0
            break
    p.kill(); p.wait()
    return outside, inside

cleans = [timed(clean_build) for _ in range(runs)]
noops = [timed(lambda: buildlib.build(bdir, quiet=True)) for _ in range(runs)]
boots = [boot() for _ in range(runs)]
size = subprocess.run(["aarch64-linux-gnu-size", os.path.join(bdir, "monadic.elf")],
                      text=True, capture_output=True, check=True).stdout.splitlines()[1].split()

def fmt(xs):
    return f"median {statistics.median(xs):6.2f} s  (min {min(xs):.2f}, max {max(xs):.2f}, n={len(xs)})"

print(f"samples/hello on {board}, {os.cpu_count()} cores")
print(f"clean build (configure + ninja)  {fmt(cleans)}")
print(f"no-change rebuild (ninja)        {fmt(noops)}")
print(f"image monadic.elf                text {size[0]} B, data {size[1]} B, bss {size[2]} B")
print(f"QEMU start -> banner end (wall)  {fmt([b[0] for b in boots])}")
print(f"reset -> banner end (CNTPCT)     {fmt([b[1] for b in boots])}")
PYEOF
