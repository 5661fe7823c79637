#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""What the test runner prints when a console test times out: every CPU's
exception level and PC from QEMU's monitor, EL2 addresses named by
addr2line."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts"))

import qemu_cpus  # noqa: E402

# QEMU 7.2's `info registers -a` for aarch64, cut to what matters.
REGISTERS = """info registers -a\r
CPU#0\r
 PC=0000000040002664 X00=0000000000000000 X01=000000004017add0\r
X29=000000004001ff40 X30=0000000040008ae4  SP=000000004001ff40\r
PSTATE=600003c9 -ZC- EL2h     FPCR=00000000 FPSR=00000000\r
Q00=0000000000000000:0000000000000000 Q01=0000000000000000:0000000000000000\r
\r
CPU#1\r
 PC=0000000040003148 X00=0000000050010080 X01=000000000000c2e1\r
X29=0000000040ff0000 X30=0000000040000100  SP=0000000040ff0000\r
PSTATE=20000005 --C- EL1h     FPCR=00000000 FPSR=00000000\r
(qemu) """

CROSS_GCC = shutil.which("aarch64-linux-gnu-gcc")
QEMU = shutil.which("qemu-system-aarch64")


class Parse(unittest.TestCase):
    def test_every_cpu_with_its_level_pc_and_lr(self):
        self.assertEqual(qemu_cpus.parse_cpus(REGISTERS),
                         [(0, "EL2", 0x40002664, 0x40008ae4), (1, "EL1", 0x40003148, 0x40000100)])

    def test_no_cpus_in_other_text(self):
        self.assertEqual(qemu_cpus.parse_cpus("unknown command: 'info registers'\r\n(qemu) "), [])

    def test_format_names_el2_addresses_only(self):
        lines = qemu_cpus.format_cpus(qemu_cpus.parse_cpus(REGISTERS),
                                      {0x40002664: "spin_lock (console.c:70)"})
        self.assertEqual(lines, [
            "CPU0 EL2 pc 0x40002664 spin_lock (console.c:70), lr 0x40008ae4 ?",
            "CPU1 EL1 pc 0x40003148 (in a guest)"])

    def test_addr2line_beside_the_cross_gcc(self):
        self.assertIsNone(qemu_cpus.addr2line_for(None))
        self.assertIsNone(qemu_cpus.addr2line_for("/nowhere/aarch64-none-gcc"))
        if CROSS_GCC:
            self.assertEqual(qemu_cpus.addr2line_for(CROSS_GCC), CROSS_GCC[:-3] + "addr2line")


@unittest.skipUnless(CROSS_GCC, "needs aarch64-linux-gnu-gcc")
class Symbolize(unittest.TestCase):
    def test_function_file_and_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            src, elf = os.path.join(tmp, "hang.c"), os.path.join(tmp, "hang.elf")
            with open(src, "w") as f:
                f.write("void wait_forever(void)\n{\n\tfor (;;)\n\t\t;\n}\n")
            subprocess.run([CROSS_GCC, "-g", "-O0", "-nostdlib", "-static",
                            "-Wl,-e,wait_forever", "-o", elf, src], check=True)
            nm = subprocess.run([CROSS_GCC[:-3] + "nm", elf], check=True, text=True,
                                stdout=subprocess.PIPE).stdout
            address = int(next(l.split()[0] for l in nm.splitlines()
                                if l.endswith(" wait_forever")), 16)
            names = qemu_cpus.symbolize(qemu_cpus.addr2line_for(CROSS_GCC), elf, [address])
            self.assertRegex(names[address], r"^wait_forever \(hang\.c:\d\)$")
            # An address outside the image gets no name.
            self.assertEqual(qemu_cpus.symbolize(qemu_cpus.addr2line_for(CROSS_GCC), elf,
                                                 [0x10]), {})


@unittest.skipUnless(QEMU, "needs qemu-system-aarch64")
class LiveMonitor(unittest.TestCase):
    def test_a_halted_machine_reports_its_cpus_at_el2(self):
        with tempfile.TemporaryDirectory() as tmp:
            sock = os.path.join(tmp, "monitor")
            qemu = subprocess.Popen(
                [QEMU, "-machine", "virt,gic-version=3,virtualization=on", "-cpu", "max",
                 "-smp", "2", "-nographic", "-S", "-nic", "none"]
                + qemu_cpus.monitor_args(sock),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                for _ in range(100):
                    if os.path.exists(sock):
                        break
                    time.sleep(0.05)
                lines = qemu_cpus.describe(sock, os.path.join(tmp, "none.elf"), CROSS_GCC)
            finally:
                qemu.kill()
                qemu.wait()
            self.assertEqual(len(lines), 2, lines)
            for cpu, line in enumerate(lines):
                self.assertRegex(line, rf"^CPU{cpu} EL2 pc 0x[0-9a-f]+ \?, lr 0x0 \?$")

    def test_a_silent_monitor_says_qemu_may_be_stuck(self):
        # A QEMU that holds its big lock forever greets but never answers.
        with tempfile.TemporaryDirectory() as tmp:
            sock = os.path.join(tmp, "monitor")
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
                server.bind(sock)
                server.listen(1)
                conns = []

                def greet():
                    conns.append(server.accept()[0])
                    conns[0].sendall(b"(qemu) ")

                greeter = threading.Thread(target=greet)
                greeter.start()
                start = time.monotonic()
                lines = qemu_cpus.describe(sock, "x.elf", None)
                greeter.join()
                conns[0].close()
        self.assertLess(time.monotonic() - start, 10)
        self.assertEqual(lines, ["QEMU monitor: no CPU registers in its answer "
                                 "(QEMU itself may be stuck)"])

    def test_no_monitor_says_so(self):
        lines = qemu_cpus.describe("/nonexistent/monitor", "x.elf", None)
        self.assertEqual(len(lines), 1)
        self.assertIn("QEMU monitor /nonexistent/monitor:", lines[0])


if __name__ == "__main__":
    unittest.main()
