#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/size_report.py on canned readelf/nm output: which sections are
ROM and RAM, bytes per file and symbol, aliases counted once, and the
bytes in no symbol making up the sections' total."""

import os
import sys
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts"))

import size_report  # noqa: E402

READELF = """\
Section Headers:
  [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al
  [ 0]                   NULL            0000000000000000 000000 000000 00      0   0  0
  [ 1] .text             PROGBITS        0000000040000000 010000 000100 00  AX  0   0 2048
  [ 2] .rodata           PROGBITS        0000000040001000 011000 000040 00   A  0   0  8
  [ 3] .data             PROGBITS        0000000040002000 012000 000010 00  WA  0   0  8
  [ 4] .bss              NOBITS          0000000040003000 012010 001000 00  WA  0   0 64
  [ 5] .debug_info       PROGBITS        0000000000000000 012010 0002f3 00      0   0  1
"""

NM = """\
0000000040000000 0000000000000080 T main\t/src/app/main.c:10
0000000040000080 0000000000000060 t helper\t/src/subsys/core/util.c:3
0000000040000080 0000000000000060 T helper_alias\t/src/subsys/core/util.c:3
0000000040001000 0000000000000020 r table\t/src/subsys/core/util.c:40
0000000040002000 0000000000000010 D counter\t/src/subsys/core/util.c:50
0000000040003000 0000000000000800 b stacks\t/src/arch/boot.c:18
0000000040003800 0000000000000400 B pool
0000000040000000 T _start
"""


ROM_ROWS = """\
      128  40.0%  app/main.c
      128  40.0%      main
      128  40.0%  subsys/core/util.c
       96  30.0%      helper
       32  10.0%      table
       64  20.0%  (in no sized symbol: assembly, string literals, padding)
      320 100.0%  TOTAL"""

# pool has no file: nm found no debug info for it.
RAM_ROWS = """\
     2048  49.8%  arch/boot.c
     2048  49.8%      stacks
     1024  24.9%  (no debug info)
     1024  24.9%      pool
       16   0.4%  subsys/core/util.c
       16   0.4%      counter
     1024  24.9%  (in no sized symbol: assembly, string literals, padding)
     4112 100.0%  TOTAL"""


class SizeReport(unittest.TestCase):
    def check(self, kind, sections, rows):
        lines = size_report.report(kind, size_report.sections(READELF),
                                   size_report.symbols(NM), "/src")
        self.assertIn(f"sections {sections};", lines[0])
        self.assertEqual("\n".join(lines[2:]), rows)

    def test_rom_is_the_read_only_sections(self):
        # helper_alias is helper (same address and size): counted once.
        self.check("rom", ".text, .rodata", ROM_ROWS)

    def test_ram_is_the_writable_sections(self):
        self.check("ram", ".data, .bss", RAM_ROWS)


if __name__ == "__main__":
    unittest.main()
