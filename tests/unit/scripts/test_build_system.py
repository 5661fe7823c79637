#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""The build pipeline end to end with CMake and Ninja: Kconfig merge order
through CMake, menuconfig edits kept by the next build, savedefconfig,
overlay order, footprint, the image's W^X section layout, dtc runs that
fail stopping the build, and the CMake version every app declares."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts"))

import buildlib  # noqa: E402

import kconfiglib  # noqa: E402


class BuildSystem(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.app = os.path.join(cls.tmp.name, "app")
        shutil.copytree(os.path.join(BASE, "samples", "hello"), cls.app)
        with open(os.path.join(cls.app, "prj.conf"), "a") as f:
            f.write("CONFIG_LOG_LEVEL=2\nCONFIG_STACK_SIZE=8192\n")
        with open(os.path.join(cls.app, "extra.conf"), "w") as f:
            f.write("CONFIG_LOG_LEVEL=1\n")
        with open(os.path.join(cls.app, "app.overlay"), "w") as f:
            f.write("&uart0 { clock-frequency = <1843200>; };\n")
        cls.bdir = os.path.join(cls.tmp.name, "build")
        buildlib.configure(cls.app, "graviton3/qemu", cls.bdir,
                           ["-DEXTRA_CONF_FILE=extra.conf", "-DCONFIG_STACK_SIZE=32768"],
                           quiet=True)
        buildlib.build(cls.bdir, quiet=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def read(self, *parts):
        with open(os.path.join(self.bdir, *parts)) as f:
            return f.read()

    def test_merge_order(self):
        config = self.read(".config")
        self.assertIn("CONFIG_NR_CPUS=4\n", config)        # board defconfig
        self.assertIn("CONFIG_LOG_LEVEL=1\n", config)      # EXTRA_CONF_FILE beats prj.conf
        self.assertIn("CONFIG_STACK_SIZE=32768\n", config)  # -DCONFIG_ beats both
        self.assertIn("CONFIG_SOC_NEOVERSE_V1=y\n", config)  # selected by the board
        self.assertIn("CONFIG_CPU_HAS_SVE=y\n", config)    # selected by the SoC

    def test_app_overlay_applies_after_the_board(self):
        header = self.read("include", "generated", "devicetree_generated.h")
        self.assertIn("#define DT_N_S_serial_9000000_P_clock_frequency 1843200", header)
        # The board overlay is there too: the SMMU is enabled and the NVMe function exists.
        self.assertIn("#define DT_COMPAT_arm_smmu_v3_NUM_OKAY 1", header)
        self.assertIn("#define DT_N_S_pcie_4010000000_S_nvme_1_0_EXISTS 1", header)

    def edit_config(self, name, value):
        """Save .config as menuconfig does (kconfiglib's write_config)."""
        env = dict(os.environ, srctree=BASE, MONADIC_BASE=BASE, BOARD="graviton3",
                   BOARD_TARGET="graviton3/qemu",
                   BOARD_DIR=os.path.join(BASE, "boards", "amazon", "graviton3"))
        os.environ.update(env)
        kconf = kconfiglib.Kconfig(os.path.join(BASE, "Kconfig"), warn_to_stderr=False)
        kconf.load_config(os.path.join(self.bdir, ".config"))
        kconf.syms[name].set_value(value)
        kconf.write_config(os.path.join(self.bdir, ".config"))

    def test_menuconfig_edit_is_used_by_the_next_build(self):
        self.edit_config("MAX_VMS", "7")
        buildlib.build(self.bdir, quiet=True)
        self.assertIn("#define CONFIG_MAX_VMS 7", self.read("include", "generated", "autoconf.h"))
        buildlib.build(self.bdir, "savedefconfig", quiet=True)
        self.assertIn("CONFIG_MAX_VMS=7", self.read("defconfig"))

    def test_one_symbol_rebuilds_only_the_sources_that_use_it(self):
        """fixdep: VM_TRAP_WFI is used by arch/arm64/vm/vcpu.c alone."""
        def ninja():
            return subprocess.run(["ninja", "-C", self.bdir], text=True, capture_output=True,
                                  check=True).stdout
        was = "y" in self.read("monadic", "kconfig_deps", "VM_TRAP_WFI")
        self.edit_config("VM_TRAP_WFI", "n" if was else "y")
        built = re.findall(r"Building (?:C|ASM) object (\S+)", ninja())
        # Nothing else: not even the VM tables generated from the
        # devicetree, which CMake rewrites only when it changed.
        self.assertEqual(built, ["monadic_tree/arch/arm64/vm/CMakeFiles/arch__arm64__vm.dir/"
                                 "vcpu.c.obj"])
        self.assertIn("no work to do", ninja())

    def test_footprint_lists_libraries(self):
        out = subprocess.run(["ninja", "-C", self.bdir, "footprint"], text=True,
                             capture_output=True).stdout
        for lib in ("arch/arm64", "subsys/core", "drivers/serial", "app", "TOTAL"):
            self.assertRegex(out, rf"\n{re.escape(lib)}\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+")

    def test_rom_and_ram_reports_name_symbols_and_files(self):
        def report(kind):
            out = subprocess.run(["ninja", "-C", self.bdir, f"{kind}_report"], text=True,
                                 capture_output=True, check=True).stdout
            rows = [(m.group(2), int(m.group(1)))
                     for m in re.finditer(r"^\s*(\d+)\s+[\d.]+%  (.+)$", out, re.M)]
            sizes = {label.strip(): size for label, size in rows}
            self.assertEqual(sum(size for label, size in rows if not label.startswith(" ")
                                 and label != "TOTAL"), sizes["TOTAL"], f"{kind}: files add up")
            return sizes
        rom, ram = report("rom"), report("ram")
        self.assertIn("lib/os/format.c", rom)
        self.assertGreater(rom["mhv_vsnprintf"], 0)          # code
        self.assertIn("arch/arm64/boot/boot.c", ram)
        self.assertEqual(ram["mhv_stacks"] % 4096, 0)        # bss
        self.assertNotIn("mhv_stacks", rom)
        self.assertNotIn("mhv_vsnprintf", ram)

    def test_compile_commands_by_default(self):
        with open(os.path.join(self.bdir, "compile_commands.json")) as f:
            commands = json.load(f)
        main_c = [c for c in commands if c["file"].endswith("subsys/core/main.c")]
        self.assertEqual(len(main_c), 1)
        self.assertIn("-imacros", main_c[0]["command"])

    def test_image_sections_are_page_aligned_for_wx(self):
        nm = subprocess.run(["aarch64-linux-gnu-nm", os.path.join(self.bdir, "monadic.elf")],
                            text=True, capture_output=True, check=True).stdout
        syms = {parts[2]: int(parts[0], 16) for parts in
                (line.split() for line in nm.splitlines()) if len(parts) == 3}
        for s in ("__image_start", "__text_end", "__rodata_end", "__image_end"):
            self.assertEqual(syms[s] % 4096, 0, s)
        self.assertEqual(syms["__image_start"], 0x40000000)  # the DT's RAM base
        self.assertEqual(syms["vectors_el2"] % 2048, 0)

    def test_qemu_command_line_comes_from_board_and_dt(self):
        args = buildlib.qemu_args(self.bdir)
        joined = " ".join(args)
        self.assertIn("-cpu max", joined)
        self.assertIn("-smp 4", joined)
        self.assertIn("-m 2048M", joined)
        self.assertIn("virtualization=on", joined)
        self.assertIn("iommu=smmuv3", joined)
        self.assertIn("-device nvme", joined)


class DtcOutputs(unittest.TestCase):
    """Every dtc run's exit status is checked, not only the first one's."""

    def test_unwritable_dtc_output_stops_the_build(self):
        for output in ("monadic.dts.annotated", "monadic.dts"):
            with self.subTest(output=output), tempfile.TemporaryDirectory() as bdir:
                # A folder where dtc must write a file: the run fails.
                os.makedirs(os.path.join(bdir, "monadic", output))
                with self.assertRaises(buildlib.BuildError) as err:
                    buildlib.configure(os.path.join(BASE, "samples", "hello"),
                                       "graviton2/qemu", bdir, quiet=True)
                # CMake wraps long lines: compare with single spaces.
                message = " ".join(str(err.exception).split())
                self.assertRegex(message, rf"dtc could not write \S*/monadic/{re.escape(output)} "
                                          rf"\(exit 1\): FATAL ERROR: Couldn't open output file")


def declared_cmake_minimum(path):
    with open(path) as f:
        m = re.search(r"^cmake_minimum_required\(VERSION ([\d.]+)\)", f.read(), re.M)
    return tuple(int(x) for x in m.group(1).split(".")) if m else ()


class CMakeMinimum(unittest.TestCase):
    """An app's cmake_minimum_required() is the first thing a user's CMake
    checks: it must ask for what the Monadic build uses (cmake/monadic.cmake
    says which version that is and why)."""

    def test_every_app_declares_the_version_the_build_needs(self):
        with open(os.path.join(BASE, "cmake", "monadic.cmake")) as f:
            needed = re.search(r"^set\(MHV_CMAKE_MINIMUM ([\d.]+)\)", f.read(), re.M).group(1)
        needed = tuple(int(x) for x in needed.split("."))
        apps = subprocess.run(["git", "grep", "-l", "-e", "^find_package(Monadic", "--",
                               "*CMakeLists.txt"], cwd=BASE, text=True,
                              capture_output=True, check=True).stdout.split()
        self.assertTrue(apps)
        for app in apps:
            with self.subTest(app=app):
                self.assertGreaterEqual(declared_cmake_minimum(os.path.join(BASE, app)), needed)


if __name__ == "__main__":
    unittest.main()
