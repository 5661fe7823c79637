# SPDX-License-Identifier: BSD-2-Clause-Patent
"""For the Linux benchmarks (linux_boot, nvme): the QEMU command line that
boots the Debian guest of a Monadic build natively, with no hypervisor:
the same QEMU binary and -cpu, as many CPUs as the VM has vCPUs, 512 MiB,
its kernel, initramfs and command line (from the guest DTB the build
generated)."""

import re
import sys

sys.path.insert(0, "scripts")
import buildlib  # noqa: E402


class Build:
    def __init__(self, bdir):
        self.bdir = bdir
        self.monadic = buildlib.qemu_args(bdir)
        self.cpu = self.monadic[self.monadic.index("-cpu") + 1]
        dts = open(f"{bdir}/monadic/vms/vm_linux.dts", encoding="utf-8").read()
        self.bootargs = re.search(r'bootargs = "([^"]*)"', dts).group(1)
        self.cpus = len(re.findall(r"^\s*cpu@[0-9a-f]+ \{", dts, re.M))

    def native(self, machine="virt,gic-version=3", append="", extra=()):
        return [self.monadic[0], "-machine", machine, "-cpu", self.cpu, "-smp", str(self.cpus),
                "-m", "512M", "-nographic", "-nic", "none", "-no-reboot",
                "-kernel", f"{self.bdir}/guest/Image", "-initrd", f"{self.bdir}/guest/initrd.gz",
                "-append", (self.bootargs + " " + append).strip(), *extra]
