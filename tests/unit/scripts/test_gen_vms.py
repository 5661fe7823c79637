#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/dts/gen_vms.py: RAM placement, the static table and the guest DTB."""

import os
import subprocess
import sys
import tempfile
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts", "dts"))

import gen_vms  # noqa: E402
from dtlib import DeviceTree  # noqa: E402

BOARD = """
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	chosen { monadic,ram = &ram0; };
	ram0: memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x40000000>; };
	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		cpu0: cpu@0 { device_type = "cpu"; compatible = "arm,neoverse-n1"; reg = <0>; };
		cpu1: cpu@1 { device_type = "cpu"; compatible = "arm,neoverse-n1"; reg = <1>; };
		cpu2: cpu@2 { device_type = "cpu"; compatible = "arm,neoverse-n1"; reg = <2>; };
	};
	dev0: virtio@a000000 {
		compatible = "virtio,mmio";
		reg = <0x0 0x0a000000 0x0 0x200>;
		interrupts = <0 16 1>;
	};
	vms {
		a { compatible = "monadic,vm"; vm-name = "a"; cpus = <&cpu1 &cpu2>;
		    memory = <0x0 0x40000000 0x0 0x10000000>; image = "IMG";
		    bootargs = "console=ttyAMA0"; devices = <&dev0>; };
		b { compatible = "monadic,vm"; vm-name = "b"; cpus = <&cpu0>;
		    memory = <0x0 0x40000000 0x0 0x4000000>; image = "IMG"; console = "none"; };
	};
};
"""


class GenVMs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        self.image = os.path.join(d, "guest.bin")
        with open(self.image, "wb") as f:
            f.write(b"\x00" * 4096)
        src, self.dtb = os.path.join(d, "b.dts"), os.path.join(d, "b.dtb")
        with open(src, "w") as f:
            f.write(BOARD.replace("IMG", self.image))
        subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", self.dtb, src],
                       check=True)
        self.dt = DeviceTree(self.dtb)
        self.vms = gen_vms.find_vms(self.dt)
        gen_vms.check(self.dt, self.vms, 16 << 20, 4)
        for vm in self.vms:
            gen_vms.resolve_image(vm, d, d, need_file=True)

    def tearDown(self):
        self.tmp.cleanup()

    def test_ram_is_placed_after_the_hypervisor_not_at_its_ipa(self):
        a, b = self.vms
        self.assertEqual(a.ram_pa, 0x41000000)            # 16 MiB of hypervisor first
        self.assertEqual(b.ram_pa, 0x41000000 + 0x10000000)
        self.assertNotEqual(a.ram_pa, a.ram_ipa)

    def test_guest_dtb_describes_the_vm(self):
        a = self.vms[0]
        dts = gen_vms.guest_dts(self.dt, a)
        self.assertEqual(dts.count('enable-method = "psci"'), 2)
        self.assertIn('method = "hvc"', dts)
        self.assertIn("reg = <0x0 0x8000000 0x0 0x10000>,", dts)
        self.assertIn("<0x0 0x80a0000 0x0 0x40000>;", dts)   # 2 redistributors
        self.assertIn('bootargs = "console=ttyAMA0";', dts)
        self.assertIn("virtio@a000000", dts)                 # passed-through device
        out = os.path.join(self.tmp.name, "a.dts")
        with open(out, "w") as f:
            f.write(dts)
        subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out + ".dtb", out],
                       check=True)
        self.assertNotIn("pl011", gen_vms.guest_dts(self.dt, self.vms[1]))  # console none

    def test_tables_and_images(self):
        out = os.path.join(self.tmp.name, "out")
        gen_vms.write_outputs(self.dt, self.vms, out)
        with open(os.path.join(out, "vm_config_generated.c")) as f:
            c = f.read()
        self.assertIn(".pcpus = { 1, 2 },", c)
        self.assertIn(".ram_pa = 0x41000000,", c)
        self.assertIn(".irqs = { 48 }", c)                    # SPI 16 = INTID 48
        self.assertIn(".console = VM_CONSOLE_NONE,", c)
        self.assertIn("const unsigned int vm_count = 2;", c)
        with open(os.path.join(out, "vm_images.S")) as f:
            self.assertIn(f'.incbin "{self.image}"', f.read())


if __name__ == "__main__":
    unittest.main()
