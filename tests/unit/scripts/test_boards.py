#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/boards.py: board discovery and target resolution."""

import os
import sys
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts"))

import boards  # noqa: E402


class Boards(unittest.TestCase):
    def setUp(self):
        self.all = boards.find_boards([os.path.join(BASE, "boards")])

    def test_the_four_neoverse_boards(self):
        targets = sorted(t for b in self.all for t in boards.targets(b))
        self.assertEqual(targets, ["cobalt100/qemu", "graviton2/qemu",
                                   "graviton3/qemu", "graviton4/qemu"])
        socs = {b["name"]: b["soc"] for b in self.all}
        self.assertEqual(socs, {"graviton2": "neoverse-n1", "graviton3": "neoverse-v1",
                                "graviton4": "neoverse-v2", "cobalt100": "neoverse-n2"})

    def test_qemu_cpu_model(self):
        cpus = {b["name"]: boards.qemu_cpu(b) for b in self.all}
        # QEMU 7.2 models only N1 of the four; the others run on 'max'.
        self.assertEqual(cpus, {"graviton2": "neoverse-n1", "graviton3": "max",
                                "graviton4": "max", "cobalt100": "max"})

    def test_resolve_with_and_without_qualifier(self):
        board, qual = boards.resolve(self.all, "graviton3")
        self.assertEqual((board["name"], qual), ("graviton3", "qemu"))
        board, qual = boards.resolve(self.all, "cobalt100/qemu")
        self.assertEqual(boards.file_stem(board, qual), "cobalt100_qemu")

    def test_unknown_board_suggests(self):
        with self.assertRaises(boards.BoardError) as ctx:
            boards.resolve(self.all, "graviton5/qemu")
        self.assertIn("unknown board 'graviton5/qemu'. Did you mean: graviton", str(ctx.exception))
        with self.assertRaises(boards.BoardError):
            boards.resolve(self.all, "graviton2/fpga")

    def test_every_board_has_its_files(self):
        for b in self.all:
            stem = boards.file_stem(b, b["qualifiers"][0])
            for f in (f"{stem}.dts", f"{stem}_defconfig", "board.cmake", f"Kconfig.{b['name']}"):
                self.assertTrue(os.path.isfile(os.path.join(b["dir"], f)), f"{b['name']}: {f}")


if __name__ == "__main__":
    unittest.main()
