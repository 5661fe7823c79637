#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/dts/gen_defines.py: binding validation and the DT_* macros."""

import os
import subprocess
import sys
import tempfile
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts", "dts"))

import gen_defines  # noqa: E402
from dtlib import DeviceTree  # noqa: E402

BINDINGS = os.path.join(BASE, "dts", "bindings")

GOOD = """
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	model = "Test board";
	interrupt-parent = <&gic>;
	chosen { monadic,console = &uart0; };
	psci: psci { compatible = "arm,psci-1.0"; method = "smc"; };
	gic: interrupt-controller@8000000 {
		compatible = "arm,gic-v3";
		#interrupt-cells = <3>;
		interrupt-controller;
		reg = <0x0 0x08000000 0x0 0x10000>;
	};
	soc {
		compatible = "simple-bus";
		#address-cells = <1>;
		#size-cells = <1>;
		ranges = <0x0 0x0 0x09000000 0x100000>;
		uart0: serial@0 {
			compatible = "arm,pl011";
			reg = <0x0 0x1000>;
			interrupts = <0 1 4>;
			clock-frequency = <24000000>;
		};
	};
	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		cpu@0 { device_type = "cpu"; compatible = "arm,neoverse-n1"; reg = <0>; enable-method = "psci"; };
		cpu@100 { device_type = "cpu"; compatible = "arm,neoverse-n1"; reg = <0x100>; enable-method = "psci"; };
	};
	pcie@4010000000 {
		compatible = "pci-host-ecam-generic";
		device_type = "pci";
		reg = <0x40 0x10000000 0x0 0x10000000>;
		#address-cells = <3>;
		#size-cells = <2>;
		ranges = <0x02000000 0x0 0x10000000 0x0 0x10000000 0x0 0x2eff0000>;
		nvme@1,0 { compatible = "nvme"; reg = <0x0800 0x0 0x0 0x0 0x0>; };
	};
	memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x80000000>; };
};
"""


class GenDefines(unittest.TestCase):
    def generate(self, dts, required_chosen=("monadic,console",)):
        """(header text, cmake text) for a dts source, or raise DTError."""
        with tempfile.TemporaryDirectory() as tmp:
            src, dtb = os.path.join(tmp, "t.dts"), os.path.join(tmp, "t.dtb")
            ann = os.path.join(tmp, "t.dts.annotated")
            with open(src, "w") as f:
                f.write(dts)
            for out, extra in ((dtb, ["-O", "dtb"]), (ann, ["-T", "-O", "dts"])):
                subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-o", out] + extra + [src],
                               check=True)
            dt = DeviceTree(dtb, ann)
            bindings = gen_defines.load_bindings(BINDINGS)
            matched = gen_defines.validate(dt, bindings)
            return (gen_defines.generate(dt, bindings, matched, list(required_chosen)),
                    gen_defines.cmake_facts(dt))

    def macro(self, header, name):
        for line in header.splitlines():
            if line.startswith(f"#define {name} "):
                return line[len(f"#define {name} "):]
        self.fail(f"no macro {name}")

    def test_reg_is_translated_through_ranges(self):
        h, _ = self.generate(GOOD)
        self.assertEqual(self.macro(h, "DT_N_S_soc_S_serial_0_REG_IDX_0_VAL_ADDRESS"), "0x9000000")
        self.assertEqual(self.macro(h, "DT_N_S_soc_S_serial_0_REG_IDX_0_VAL_SIZE"), "0x1000")

    def test_labels_chosen_props_irqs(self):
        h, _ = self.generate(GOOD)
        self.assertEqual(self.macro(h, "DT_N_NODELABEL_uart0"), "DT_N_S_soc_S_serial_0")
        self.assertEqual(self.macro(h, "DT_CHOSEN_monadic_console"), "DT_N_S_soc_S_serial_0")
        self.assertEqual(self.macro(h, "DT_N_S_soc_S_serial_0_P_clock_frequency"), "24000000")
        self.assertEqual(self.macro(h, "DT_N_S_soc_S_serial_0_IRQ_IDX_0_VAL_irq"), "1")
        self.assertEqual(self.macro(h, "DT_N_S_psci_P_method_TOKEN"), "smc")
        self.assertEqual(self.macro(h, "DT_MODEL"), '"Test board"')

    def test_cpus_and_compat_iteration(self):
        h, cm = self.generate(GOOD)
        self.assertEqual(self.macro(h, "DT_NUM_CPUS"), "2")
        self.assertEqual(self.macro(h, "DT_FOREACH_CPU(fn)"),
                         "fn(DT_N_S_cpus_S_cpu_0) fn(DT_N_S_cpus_S_cpu_100)")
        self.assertEqual(self.macro(h, "DT_COMPAT_arm_pl011_FOREACH_OKAY(fn)"),
                         "fn(DT_N_S_soc_S_serial_0)")
        self.assertEqual(self.macro(h, "DT_COMPAT_arm_smmu_v3_NUM_OKAY"), "0")
        self.assertIn("set(DT_NUM_CPUS 2)", cm)
        self.assertIn("set(DT_RAM_SIZE_MB 2048)", cm)

    def test_mmio_list_skips_pci_functions_and_memory(self):
        h, _ = self.generate(GOOD)
        mmio = self.macro(h, "DT_FOREACH_OKAY_MMIO(fn)")
        self.assertIn("fn(0x9000000, 0x1000)", mmio)
        self.assertIn("fn(0x4010000000, 0x10000000)", mmio)
        self.assertIn("fn(0x10000000, 0x2eff0000)", mmio)  # the host's 32-bit BAR window
        self.assertNotIn("0x40000000,", mmio)      # RAM is not MMIO
        self.assertEqual(mmio.count("fn("), 4)     # gic, uart, ecam, window; not the NVMe function

    def test_pci_function_gets_its_bdf_not_an_address(self):
        h, _ = self.generate(GOOD)
        self.assertEqual(self.macro(h, "DT_N_S_pcie_4010000000_S_nvme_1_0_PCI_BDF"), "0x8")
        self.assertNotIn("DT_N_S_pcie_4010000000_S_nvme_1_0_REG_IDX_0_VAL_ADDRESS", h)

    def assertDTError(self, dts, *fragments, **kw):
        with self.assertRaises(gen_defines.DTError) as ctx:
            self.generate(dts, **kw)
        for frag in fragments:
            self.assertIn(frag, str(ctx.exception))

    def test_missing_required_property(self):
        self.assertDTError(GOOD.replace("clock-frequency = <24000000>;", ""),
                           "node /soc/serial@0: missing required property 'clock-frequency'",
                           "t.dts:", "arm,pl011.yaml")

    def test_wrong_type(self):
        self.assertDTError(GOOD.replace("<24000000>", '"fast"'),
                           "property 'clock-frequency' should be int")

    def test_enum(self):
        self.assertDTError(GOOD.replace('method = "smc"', 'method = "svc"'),
                           "property 'method' is 'svc', expected one of smc, hvc")

    def test_unknown_compatible(self):
        self.assertDTError(GOOD.replace('"arm,pl011"', '"acme,uart"'),
                           "no binding in dts/bindings for compatible acme,uart")

    def test_missing_chosen(self):
        self.assertDTError(GOOD.replace("monadic,console = &uart0;", ""),
                           "/chosen has no 'monadic,console' node reference")

    def test_disabled_node_may_lack_required(self):
        h, _ = self.generate(GOOD.replace("clock-frequency = <24000000>;", 'status = "disabled";')
                             .replace("monadic,console = &uart0;", ""), required_chosen=())
        self.assertEqual(self.macro(h, "DT_N_S_soc_S_serial_0_STATUS_OKAY"), "0")
        self.assertEqual(self.macro(h, "DT_COMPAT_arm_pl011_NUM_OKAY"), "0")


if __name__ == "__main__":
    unittest.main()
