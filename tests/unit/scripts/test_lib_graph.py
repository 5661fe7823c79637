#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""lib_graph.py: which library uses which, and the cycles among them."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                                "scripts"))
import lib_graph  # noqa: E402

NM_TEXT = """
vm.c.obj:
0000000000000000 T vm_start
                 U printk
                 U vgic_inject
                 U memset
helper.c.obj:
0000000000000010 t local_helper
0000000000000020 D vm_count
                 U vm_start
"""


class ParseNm(unittest.TestCase):
    def test_globals_defined_and_used(self):
        defined, undefined = lib_graph.parse_nm(NM_TEXT)
        self.assertEqual(defined, {"vm_start", "vm_count"})
        self.assertEqual(undefined, {"printk", "vgic_inject", "memset"},
                         "a symbol one object defines is not undefined for the library")


class Graph(unittest.TestCase):
    SYMS = {
        "vm": ({"vm_start"}, {"printk", "vgic_inject"}),
        "vgic": ({"vgic_inject"}, {"printk"}),
        "console": ({"printk"}, set()),
    }

    def test_edges_name_the_symbols(self):
        uses = lib_graph.edges(self.SYMS)
        self.assertEqual(uses, {("vm", "console"): ["printk"], ("vm", "vgic"): ["vgic_inject"],
                                ("vgic", "console"): ["printk"]})

    def test_layers_have_no_cycle(self):
        self.assertEqual(lib_graph.cycles(self.SYMS, lib_graph.edges(self.SYMS)), [])

    def test_a_call_back_up_is_a_cycle(self):
        syms = dict(self.SYMS, console=({"printk"}, {"vm_start"}))
        found = lib_graph.cycles(syms, lib_graph.edges(syms))
        self.assertEqual(found, [["console", "vgic", "vm"]])


if __name__ == "__main__":
    unittest.main()
