#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/dts/gen_vms.py: RAM placement, the static table and the guest DTB,
and the VM descriptions it refuses (phys-base, consoles, build:... images
that the build does not make)."""

import os
import subprocess
import sys
import tempfile
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts", "dts"))

import gen_vms  # noqa: E402
from dtlib import DeviceTree  # noqa: E402

BOARD_WITHOUT_VMS = """
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
VMS
	};
};
"""

BOARD = BOARD_WITHOUT_VMS.replace("VMS", """
		a { compatible = "monadic,vm"; vm-name = "a"; cpus = <&cpu1 &cpu2>;
		    memory = <0x0 0x40000000 0x0 0x10000000>; image = "IMG";
		    bootargs = "console=ttyAMA0"; devices = <&dev0>; };
		b { compatible = "monadic,vm"; vm-name = "b"; cpus = <&cpu0>;
		    memory = <0x0 0x40000000 0x0 0x4000000>; image = "IMG"; console = "none"; };
""")


def compile_dt(folder, text, annotated=False):
    """The devicetree of text (dtc in folder); annotated: with the source
    lines of nodes and properties (dtc -T), as the build has them."""
    src, dtb = os.path.join(folder, "b.dts"), os.path.join(folder, "b.dtb")
    with open(src, "w") as f:
        f.write(text)
    subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", dtb, src], check=True)
    if not annotated:
        return DeviceTree(dtb)
    ann = src + ".annotated"
    subprocess.run(["dtc", "-q", "-@", "-T", "-I", "dts", "-O", "dts", "-o", ann, src], check=True)
    return DeviceTree(dtb, ann)


class GenVMs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        self.image = os.path.join(d, "guest.bin")
        with open(self.image, "wb") as f:
            f.write(b"\x00" * 4096)
        self.dt = compile_dt(d, BOARD.replace("IMG", self.image))
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


def vm_node(name, cpu, extra=""):
    return (f'{name} {{ compatible = "monadic,vm"; vm-name = "{name}"; cpus = <&{cpu}>; '
            f'memory = <0x0 0x40000000 0x0 0x2000000>; image = "img"; {extra} }};')


class Refused(unittest.TestCase):
    """Descriptions that would boot into silence or fail to map stop the
    check with the VM node and what to do."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def vms(self, *nodes):
        dt = compile_dt(self.tmp.name, BOARD_WITHOUT_VMS.replace("VMS", "\n".join(nodes)))
        return dt, gen_vms.find_vms(dt)

    def check(self, *nodes, **kconfig):
        dt, vms = self.vms(*nodes)
        gen_vms.check(dt, vms, 16 << 20, 4, **kconfig)
        return vms

    def test_unaligned_phys_base_says_what_alignment_it_needs(self):
        with self.assertRaises(gen_vms.VMError) as e:
            self.vms(vm_node("a", "cpu1", "phys-base = <0x0 0x48100000>;"))
        msg = str(e.exception)
        self.assertIn("VM node /vms/a: phys-base 0x48100000 is not a multiple of 2 MiB", msg)
        self.assertIn("(e.g. 0x48000000 or 0x48200000)", msg)

    def test_page_aligned_phys_base_is_still_refused(self):
        with self.assertRaisesRegex(gen_vms.VMError, "not a multiple of 2 MiB"):
            self.vms(vm_node("a", "cpu1", "phys-base = <0x0 0x48001000>;"))

    def test_aligned_phys_base_places_the_ram_there(self):
        a, = self.check(vm_node("a", "cpu1", "phys-base = <0x0 0x48200000>;"))
        self.assertEqual(a.ram_pa, 0x48200000)

    def test_emulated_console_without_vuart(self):
        with self.assertRaises(gen_vms.VMError) as e:
            self.check(vm_node("a", "cpu1"), vuart=False)
        msg = str(e.exception)
        self.assertIn('VM node /vms/a: console "emulated" (the default) needs CONFIG_VUART=y: '
                      'enable it, or set', msg)
        self.assertNotIn("GICV3", msg)

    def test_emulated_console_without_gic_names_both_options(self):
        with self.assertRaisesRegex(gen_vms.VMError, "VM node /vms/b: console \"emulated\" "
                                    "\\(the default\\) needs CONFIG_VUART=y and "
                                    "CONFIG_GICV3=y: enable them"):
            self.check(vm_node("a", "cpu1", 'console = "none";'), vm_node("b", "cpu2"),
                       vuart=False, gicv3=False)

    def test_other_consoles_need_neither_option(self):
        vms = self.check(vm_node("a", "cpu1", 'console = "none";'),
                         vm_node("b", "cpu2", 'console = "passthrough";'),
                         vuart=False, gicv3=False)
        self.assertEqual([vm.console for vm in vms], ["none", "passthrough"])

    def test_second_passthrough_console(self):
        with self.assertRaises(gen_vms.VMError) as e:
            self.check(vm_node("a", "cpu1", 'console = "passthrough";'),
                       vm_node("b", "cpu2", 'console = "passthrough";'))
        msg = str(e.exception)
        self.assertIn("VM node /vms/b: console \"passthrough\": the board's UART is already "
                      "passed through to VM 'a'", msg)
        self.assertIn("give VM 'b' console \"emulated\" or \"none\"", msg)

    def test_command_line_takes_kconfig_values_as_cmake_has_them(self):
        """cmake/vms.cmake passes --vuart=${CONFIG_VUART}: empty when off."""
        with open(os.path.join(self.tmp.name, "img"), "wb") as f:
            f.write(b"\x00" * 64)
        self.vms(vm_node("a", "cpu1"))
        argv = [sys.executable, os.path.join(BASE, "scripts", "dts", "gen_vms.py"),
                "--dtb", os.path.join(self.tmp.name, "b.dtb"), "--hv-ram-size", "0x1000000",
                "--max-vms", "4", "--app-dir", self.tmp.name, "--build-dir", self.tmp.name,
                "--check", "--pci-passthrough=", "--gicv3=y"]
        off = subprocess.run(argv + ["--vuart="], capture_output=True, text=True)
        self.assertEqual(off.returncode, 1)
        self.assertIn("needs CONFIG_VUART=y", off.stderr)
        on = subprocess.run(argv + ["--vuart=y"], capture_output=True, text=True)
        self.assertEqual(on.returncode, 0, on.stderr)


class MadeImages(unittest.TestCase):
    """A VM's build:... image or initrd must be one the build makes: the
    error names the property's line and the images there are."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.build = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def vms(self, images):
        node = vm_node("a", "cpu1").replace('image = "img";', images)
        return gen_vms.find_vms(compile_dt(self.tmp.name, BOARD_WITHOUT_VMS.replace("VMS", node),
                                           annotated=True))

    def made(self, *names):
        return [os.path.join(self.build, n) for n in names]

    def refusal(self, images, made):
        with self.assertRaises(gen_vms.VMError) as e:
            gen_vms.check_made_images(self.vms(images), made, self.build)
        return str(e.exception)

    def vm_line(self):
        """Where the VM node (and each of its properties) is in b.dts."""
        with open(os.path.join(self.tmp.name, "b.dts")) as f:
            line = next(n for n, text in enumerate(f, 1) if "monadic,vm" in text)
        return f"{os.path.join(self.tmp.name, 'b.dts')}:{line}"

    def test_image_not_made_names_its_line_and_the_images_made(self):
        msg = self.refusal('image = "build:foo.bin";',
                           self.made("hello_guest.bin", "guest/Image", "guest/initrd.gz"))
        self.assertEqual(msg, f'{self.vm_line()}: VM node /vms/a: image "build:foo.bin" is '
                              f"not made by this build, which makes build:guest/Image, "
                              f"build:guest/initrd.gz, build:hello_guest.bin")

    def test_initrd_not_made_is_refused_too(self):
        msg = self.refusal('image = "build:guest/Image"; initrd = "build:initrd.gz";',
                           self.made("guest/Image"))
        self.assertIn('VM node /vms/a: initrd "build:initrd.gz" is not made by this build, '
                      'which makes build:guest/Image', msg)

    def test_build_without_guests_says_how_to_make_images(self):
        msg = self.refusal('image = "build:foo.bin";', [])
        self.assertIn("which makes no images (an app makes them with mhv_add_guest() or "
                      "mhv_debian_linux_guest())", msg)

    def test_images_made_and_images_from_the_app_pass(self):
        vms = self.vms('image = "build:guest/Image"; initrd = "rootfs.gz";')
        gen_vms.check_made_images(vms, self.made("guest/Image"), self.build)

    def test_command_line_with_no_images_made(self):
        """cmake/vms.cmake passes --made-images and nothing after it when the
        app has no guests."""
        self.vms('image = "build:foo.bin";')
        argv = [sys.executable, os.path.join(BASE, "scripts", "dts", "gen_vms.py"),
                "--dtb", os.path.join(self.tmp.name, "b.dtb"), "--hv-ram-size", "0x1000000",
                "--max-vms", "4", "--app-dir", self.tmp.name, "--build-dir", self.build,
                "--made-images"]
        proc = subprocess.run(argv, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('image "build:foo.bin" is not made by this build, which makes no images',
                      proc.stderr)


if __name__ == "__main__":
    unittest.main()
