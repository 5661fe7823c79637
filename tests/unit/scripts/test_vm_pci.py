#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/dts/vm_pci.py through gen_vms.py: a PCI function given to a VM
(StreamID, INTx, the guest's PCIe host) and the assignments refused."""

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
		cpu0: cpu@0 { device_type = "cpu"; reg = <0>; };
		cpu1: cpu@1 { device_type = "cpu"; reg = <1>; };
	};
	gic: interrupt-controller@8000000 {
		compatible = "arm,gic-v3";
		#interrupt-cells = <3>;
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		interrupt-controller;
		reg = <0x0 0x8000000 0x0 0x10000>;
		its: msi-controller@8080000 { compatible = "arm,gic-v3-its"; msi-controller;
			#msi-cells = <1>; reg = <0x0 0x8080000 0x0 0x20000>; ITS_STATUS };
	};
	smmu: iommu@9050000 { compatible = "arm,smmu-v3"; reg = <0x0 0x9050000 0x0 0x20000>;
		#iommu-cells = <1>; SMMU_STATUS };
	pcie: pcie@4010000000 {
		compatible = "pci-host-ecam-generic";
		device_type = "pci";
		reg = <0x40 0x10000000 0x0 0x10000000>;
		bus-range = <0x0 0xff>;
		#address-cells = <3>;
		#size-cells = <2>;
		#interrupt-cells = <1>;
		ranges = <0x01000000 0x0 0x0 0x0 0x3eff0000 0x0 0x10000>,
			 <0x02000000 0x0 0x10000000 0x0 0x10000000 0x0 0x2eff0000>;
		interrupt-map-mask = <0x1800 0x0 0x0 0x7>;
		interrupt-map = <0x0800 0x0 0x0 1 &gic 0x0 0x0 0 4 4>,
				<0x0800 0x0 0x0 2 &gic 0x0 0x0 0 5 4>,
				<0x0800 0x0 0x0 3 &gic 0x0 0x0 0 6 4>,
				<0x0800 0x0 0x0 4 &gic 0x0 0x0 0 3 4>;
		IOMMU_MAP
		MSI_MAP
		nvme0: nvme@1,0 { reg = <0x0800 0x0 0x0 0x0 0x0>; };
		far: nvme@0,0 { reg = <0x10000 0x0 0x0 0x0 0x0>; };   /* bus 1 */
		twin: disk@1,0 { reg = <0x0800 0x0 0x0 0x0 0x0>; };  /* nvme0's slot again */
		f2: f@2,0 { reg = <0x1000 0x0 0x0 0x0 0x0>; };
		f3: f@3,0 { reg = <0x1800 0x0 0x0 0x0 0x0>; };
		f4: f@4,0 { reg = <0x2000 0x0 0x0 0x0 0x0>; };
		f5: f@5,0 { reg = <0x2800 0x0 0x0 0x0 0x0>; };
	};
	vms {
		a { compatible = "monadic,vm"; vm-name = "a"; cpus = <&cpu0>;
		    memory = <A_MEMORY>; image = "IMG"; devices = <A_DEVICES>; };
		b { compatible = "monadic,vm"; vm-name = "b"; cpus = <&cpu1>;
		    memory = <0x0 0x40000000 0x0 0x4000000>; image = "IMG"; B_DEVICES };
	};
};
"""

DEFAULTS = {"SMMU_STATUS": 'status = "okay";', "IOMMU_MAP": "iommu-map = <0x0 &smmu 0x0 0x10000>;",
            "ITS_STATUS": 'status = "okay";', "MSI_MAP": "msi-map = <0x0 &its 0x0 0x10000>;",
            "A_DEVICES": "&nvme0", "B_DEVICES": "", "A_MEMORY": "0x0 0x40000000 0x0 0x4000000"}


class VmPci(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.image = os.path.join(self.tmp.name, "guest.bin")
        with open(self.image, "wb") as f:
            f.write(b"\x00" * 4096)

    def tearDown(self):
        self.tmp.cleanup()

    def build(self, enabled=True, vits=False, **subst):
        text = BOARD.replace("IMG", self.image)
        for key, value in {**DEFAULTS, **subst}.items():
            text = text.replace(key, value)
        src, dtb = os.path.join(self.tmp.name, "b.dts"), os.path.join(self.tmp.name, "b.dtb")
        with open(src, "w") as f:
            f.write(text)
        subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", dtb, src], check=True)
        dt = DeviceTree(dtb)
        vms = gen_vms.find_vms(dt)
        gen_vms.check(dt, vms, 16 << 20, 4, pci_passthrough=enabled, vits=vits)
        for vm in vms:
            gen_vms.resolve_image(vm, self.tmp.name, self.tmp.name, need_file=True)
        return dt, vms

    def compiles(self, dts):
        """The guest DTS goes through dtc."""
        out = os.path.join(self.tmp.name, "guest.dts")
        with open(out, "w") as f:
            f.write(dts)
        subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out + ".dtb", out],
                       check=True)

    def refused(self, want, **kw):
        with self.assertRaises(gen_vms.VMError) as e:
            self.build(**kw)
        self.assertIn(want, str(e.exception))

    def test_function_resolved(self):
        _, vms = self.build()
        f = vms[0].pci[0]
        self.assertEqual((f.bdf, f.devfn, f.stream_id), (0x8, 0x8, 0x8))
        self.assertEqual(f.intids, [36, 37, 38, 35])   # slot 1 swizzle: SPI 4, 5, 6, 3
        self.assertEqual(f.window, (0x10000000, 0x2eff0000))
        self.assertEqual(vms[0].devices, [])           # not an MMIO device

    def test_guest_dtb_has_only_its_function(self):
        dt, vms = self.build()
        dts = gen_vms.guest_dts(dt, vms[0])
        self.assertIn("pcie@3f000000 {", dts)
        self.assertIn('compatible = "pci-host-ecam-generic";', dts)
        self.assertIn("reg = <0x0 0x3f000000 0x0 0x100000>;", dts)
        self.assertIn("ranges = <0x2000000 0x0 0x10000000 0x0 0x10000000 0x0 0x2eff0000>;", dts)
        self.assertIn("<0x800 0x0 0x0 1 &gic 0x0 0x0 0x0 4 4>", dts)   # GIC: 2 address cells
        self.assertNotIn("msi", dts)                    # INTx only: no MSI controller
        self.assertIn("linux,pci-probe-only = <1>;", dts)
        self.assertIn('compatible = "monadic,vm-stats";', dts)
        self.compiles(dts)
        self.assertNotIn("pcie@", gen_vms.guest_dts(dt, vms[1]))

    def test_c_table(self):
        dt, vms = self.build()
        for vm in vms:
            vm.dtb_size = 0   # write_outputs sets it once the DTB is compiled
        c = gen_vms.c_tables(dt, vms)
        self.assertIn('{ .name = "/pcie@4010000000/nvme@1,0", .bdf = 0x8, .guest_devfn = 0x8, '
                      '.stream_id = 0x8, .intx_irqs = { 36, 37, 38, 35 }, .its_devid = 0x8 },',
                      c)
        self.assertIn(".its_ipa = 0x0,", c)           # CONFIG_VITS off: no virtual ITS
        self.assertIn(".num_pci_functions = 1,", c)
        self.assertIn(".pci_ecam_ipa = 0x3f000000,", c)
        self.assertIn(".stats_ipa = 0x9010000,", c)

    def test_virtual_its(self):
        dt, vms = self.build(vits=True)
        self.assertEqual((vms[0].its, vms[1].its), (True, False))   # b has no function
        dts = gen_vms.guest_dts(dt, vms[0])
        self.assertIn("its: msi-controller@8080000 {", dts)
        self.assertIn('compatible = "arm,gic-v3-its";', dts)
        self.assertIn("#msi-cells = <1>;", dts)
        self.assertIn("reg = <0x0 0x8080000 0x0 0x20000>;", dts)
        self.assertIn("msi-map = <0x8 &its 0x8 0x1>;", dts)       # RID 00:01.0 -> DeviceID 8
        self.compiles(dts)
        self.assertNotIn("msi", gen_vms.guest_dts(dt, vms[1]))
        for vm in vms:
            vm.dtb_size = 0
        c = gen_vms.c_tables(dt, vms)
        self.assertEqual(c.count(".its_ipa = 0x8080000,"), 1)

    def test_device_id_from_the_msi_map(self):
        _, vms = self.build(vits=True, MSI_MAP="msi-map = <0x0 &its 0x10000 0x10000>;")
        self.assertEqual(vms[0].pci[0].its_devid, 0x10008)

    def test_no_msi_map_means_intx_only(self):
        for subst in ({"MSI_MAP": ""}, {"ITS_STATUS": 'status = "disabled";'},
                      {"MSI_MAP": "msi-map = <0x100 &its 0x100 0x100>;"}):
            dt, vms = self.build(vits=True, **subst)
            self.assertEqual((vms[0].pci[0].its_devid, vms[0].its), (None, False), subst)
            self.assertNotIn("msi", gen_vms.guest_dts(dt, vms[0]))

    def test_function_given_to_two_vms(self):
        self.refused("device /pcie@4010000000/nvme@1,0 is already given to VM 'a'",
                     B_DEVICES="devices = <&nvme0>;")

    def test_no_iommu_map(self):
        self.refused("no 'iommu-map' entry of /pcie@4010000000 (to an enabled SMMU) covers "
                     "requester ID 0x0008", IOMMU_MAP="")

    def test_iommu_map_not_covering_the_function(self):
        self.refused("covers requester ID 0x0008",
                     IOMMU_MAP="iommu-map = <0x100 &smmu 0x100 0x100>;")

    def test_smmu_disabled(self):
        self.refused("to an enabled SMMU", SMMU_STATUS='status = "disabled";')

    def test_feature_off(self):
        self.refused("assigning it needs CONFIG_PCI_PASSTHROUGH=y", enabled=False)

    def test_behind_a_bridge(self):
        self.refused("only functions on the host's root bus (0) can be assigned; this one is "
                     "on bus 1", A_DEVICES="&far")

    def test_two_functions_in_one_slot(self):
        self.refused("/pcie@4010000000/disk@1,0 and /pcie@4010000000/nvme@1,0 are both at "
                     "device/function 01.0 of the VM's bus", A_DEVICES="&nvme0 &twin")

    def test_too_many_functions(self):
        self.refused("5 PCI functions, at most 4 per VM", A_DEVICES="&nvme0 &f2 &f3 &f4 &f5")

    def test_ram_over_the_ecam_window(self):
        self.refused("RAM IPA 0x3e000000-0x42000000 overlaps the guest's ECAM window "
                     "0x3f000000-0x3f100000", A_MEMORY="0x0 0x3e000000 0x0 0x4000000")


if __name__ == "__main__":
    unittest.main()
