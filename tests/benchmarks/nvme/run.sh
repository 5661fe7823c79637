#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# NVMe passthrough throughput: sequential 64 MiB O_DIRECT reads with
# bs=4K and bs=128K by Linux under Monadic (samples/nvme_passthrough with
# bench.overlay: the function passed through on 2 vCPUs, MSI-X through the
# VM's virtual ITS, DMA through the SMMU) versus the same kernel, initramfs
# and command line booted natively by the same QEMU (no hypervisor; same
# -cpu, as many CPUs as the VM has vCPUs, 512 MiB, the same NVMe flags on
# a copy of the backing file). Two native baselines, both with MSI-X:
#   native       Linux drives the device its own way: MSI-X through the
#                ITS, DMA mapped by its own SMMUv3 driver (strict)
#   native-pt    iommu.passthrough=1: no per-request IOMMU work, as in the
#                VM, whose DMA map is fixed (like for like)
# and two Monadic builds: the default one, and one whose guest WFI runs
# natively (CONFIG_VM_TRAP_WFI=n: an idle vCPU sleeps in the hardware, so
# what remains of the exits is the interrupt path alone).
# Interleaved runs, RUNS (default 3) of each; prints MB/s, the guest's
# NVMe interrupts per request, the ratios Monadic/native (target >= 0.95)
# and the EL2 exits by class during each transfer, read by the guest from
# its statistics page. About 5 minutes on graviton2/qemu.
set -eu
cd "$(dirname "$0")/../../.."
board=${1:-graviton2/qemu}
runs=${RUNS:-3}
dir=build/bench-nvme
. tests/benchmarks/bench_build.sh
bench_build "$dir" samples/nvme_passthrough bench.overlay
bench_build "$dir-wfi" samples/nvme_passthrough bench.overlay -DCONFIG_VM_TRAP_WFI=n

exec "$py" - "$dir" "$runs" "$board" <<'PYEOF'
import re, shutil, statistics, subprocess, sys
bdir, runs, board = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, "tests/benchmarks")
from native_linux import Build

build = Build(bdir)
monadic, cpu = build.monadic, build.cpu
drive = monadic[monadic.index("-drive") + 1]
device = monadic[monadic.index("-device") + 1]
# Native runs get their own copy of the backing file: the same bytes to
# read, and no QEMU sees another's file.
image = re.search(r"file=([^,]+)", drive).group(1)
native_image = f"{bdir}/nvme0-native.img"
shutil.copyfile(image, native_image)

def native(extra):
    return build.native("virt,gic-version=3,iommu=smmuv3", extra,
                        ["-drive", drive.replace(image, native_image), "-device", device])

MONADICS = ["Monadic", "Monadic-wfi"]
CONFIGS = [("native", native("")),
           ("native-pt", native("iommu.passthrough=1")),
           ("Monadic", monadic),
           ("Monadic-wfi", Build(bdir + "-wfi").monadic)]
BENCH = re.compile(r"BENCH bs=(\w+) bytes=(\d+) ns=(\d+) MBps=\S+ (.*)")
CLASSES = ["exits", "irq", "mmio", "devirq", "wfi", "hvc", "sysreg", "dabt"]
TIMEOUT = 240

def run(what, argv):
    """{bs: (MB/s, {counter: exits} or None, guest NVMe interrupts per
    request)}, the whole console. A run fails on any FAIL line, among them
    the guest's check that no NVMe interrupt came without work."""
    try:
        out = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=TIMEOUT).stdout
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"") + f"\n(killed after {TIMEOUT} s)".encode()
    out = out.decode(errors="replace")
    if "BENCH done" not in out or re.search(r"FAIL:|EL2 EXCEPTION", out):
        sys.exit(f"the {what} run failed; its console:\n{out[-3000:]}")
    res = {}
    for m in BENCH.finditer(out):
        fields = dict(kv.split("=", 1) for kv in m.group(4).split())
        counts = None if fields.get("exits") == "n/a" else {k: int(fields[k]) for k in CLASSES}
        res[m.group(1)] = (int(m.group(2)) / int(m.group(3)) * 1e3, counts,
                           int(fields["nvme_irqs"]) / int(fields["requests"]))
    return res, out

results = {name: [] for name, _ in CONFIGS}
exits_line = {}
for i in range(runs):
    print(f"run {i + 1}/{runs}:", end="", flush=True)
    for name, argv in CONFIGS:
        print(f" {name} ...", end="", flush=True)
        r, out = run(name, argv)
        results[name].append(r)
        m = re.search(r"VM linux exits: .*", out)
        if m:
            exits_line[name] = m.group(0)
    print(flush=True)

fmt = lambda xs: f"median {statistics.median(xs):7.1f} MB/s (min {min(xs):.1f}, max {max(xs):.1f})"
print(f"\nNVMe sequential O_DIRECT reads of 64 MiB on {board} (-cpu {cpu}), "
      f"{runs} interleaved runs of each")
print("  native:      no hypervisor; MSI-X (ITS), Linux's own SMMUv3 driver (strict DMA API)")
print("  native-pt:   no hypervisor; MSI-X (ITS), iommu.passthrough=1 (SMMU bypass)")
print("  Monadic:     passed through: BAR0 mapped, MSI-X through the virtual ITS, DMA via the SMMU")
print("  Monadic-wfi: the same, guest WFI not trapped (CONFIG_VM_TRAP_WFI=n)")
for bs in ("4K", "128K"):
    mb = {name: [r[bs][0] for r in results[name]] for name, _ in CONFIGS}
    print(f"bs={bs}:")
    for name, _ in CONFIGS:
        irqs = statistics.median(r[bs][2] for r in results[name])
        print(f"  {name + ':':13s}{fmt(mb[name])}; {irqs:.2f} NVMe interrupts per request")
    for mon in MONADICS:
        for base in ("native", "native-pt"):
            # Interleaved runs pair up.
            ratios = [m / n for m, n in zip(mb[mon], mb[base])]
            print(f"  ratio {mon}/{base + ':':13s}median {statistics.median(ratios):.3f} "
                  f"(min {min(ratios):.3f}, max {max(ratios):.3f}); target >= 0.95")
    ios = 64 * 1024 * 1024 // (4096 if bs == "4K" else 131072)
    for mon in MONADICS:
        counts = [r[bs][1] for r in results[mon]]
        if None in counts:
            print(f"  EL2 exits during the transfer ({mon}): n/a (no statistics page)")
            continue
        med = {k: statistics.median(c[k] for c in counts) for k in CLASSES}
        print(f"  EL2 exits during the transfer ({mon}, median): "
              + " ".join(f"{k}={med[k]:.0f}" for k in CLASSES)
              + f"; {med['exits'] / ios:.2f} per request, of them "
              f"{med['devirq'] / ios:.2f} for the NVMe's interrupt (devirq; the rest are the "
              f"guest's timer, IPIs, WFI)")
for mon in MONADICS:
    print(f"EL2 exits of the whole last {mon} run: {exits_line.get(mon, 'n/a')}")
print("native: no EL2 exits to count (no hypervisor)")
PYEOF
