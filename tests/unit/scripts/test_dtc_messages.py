#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/dts/dtc_messages.py: dtc's positions in the generated dts.input
made the end of the user's overlay, and braces that do not balance named
by file and line."""

import os
import sys
import tempfile
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts", "dts"))

import dtc_messages  # noqa: E402

UNCLOSED = "this '{' is not closed by the end of the file"


def preprocessed(dts_input, files):
    """The C preprocessor's output for dts.input #including files, a list
    of (path, text), with its line markers."""
    out = [f'# 0 "{dts_input}"', '# 0 "<built-in>"', '# 0 "<command-line>"',
           f'# 1 "{dts_input}"', "/* Generated */"]
    for n, (path, text) in enumerate(files, 2):
        out += [f'# 1 "{path}" 1'] + text.splitlines() + [f'# {n + 1} "{dts_input}" 2']
    return "\n".join(out) + "\n"


class Messages(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dts_input = os.path.join(self.tmp.name, "dts.input")
        self.board = self.write("board.dts", "/dts-v1/;\n/ {\n\tuart0: serial { };\n};\n")
        self.overlay = self.write("app.overlay", "&uart0 {\n\tstatus = \"okay\";\n")
        self.write("dts.input", "/* Generated */\n"
                   f'#include "{self.board}"\n#include "{self.overlay}"\n')

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def check(self, *files):
        return dtc_messages.BraceCheck(self.dts_input).run(
            preprocessed(self.dts_input, list(files)))

    def test_end_of_dts_input_becomes_the_end_of_the_last_overlay(self):
        message, ended = dtc_messages.translate(
            f"Error: {self.dts_input}:3.40-4.1 syntax error\n", self.dts_input,
            dtc_messages.included_files(self.dts_input))
        self.assertEqual(message, f"Error: {self.overlay}:2 (the end of the file) syntax error\n")
        self.assertEqual(ended, [self.overlay])

    def test_positions_in_other_files_are_kept(self):
        text = f"Error: {self.overlay}:2.1-2 syntax error\n"
        message, ended = dtc_messages.translate(text, self.dts_input,
                                                dtc_messages.included_files(self.dts_input))
        self.assertEqual((message, ended), (text, []))

    def test_brace_left_open_is_named_in_its_file(self):
        problems = self.check((self.board, "/ {\n\tuart0: serial { };\n};\n"),
                              (self.overlay, "&uart0 {\n\tstatus = \"okay\";\n"))
        self.assertEqual(problems, [(self.overlay, 1, UNCLOSED)])

    def test_brace_closing_nothing_is_named(self):
        problems = self.check((self.overlay, "&uart0 {\n};\n};\n"))
        self.assertEqual(problems, [(self.overlay, 3, "this '}' closes nothing")])

    def test_open_brace_does_not_blame_the_next_file(self):
        problems = self.check((self.overlay, "/ {\n\ta {\n\t};\n"), (self.board, "/ {\n};\n"))
        self.assertEqual(problems, [(self.overlay, 1, UNCLOSED)])

    def test_nested_include_counts_as_part_of_its_file(self):
        # A .dtsi #included inside a node of the board: balanced as a whole.
        dtsi = os.path.join(self.tmp.name, "part.dtsi")
        text = (f'/ {{\n# 1 "{dtsi}" 1\n\tcpu {{ }};\n\tsoc {{\n'
                f'# 3 "{self.board}" 2\n\t}};\n}};\n')
        self.assertEqual(self.check((self.board, text)), [])

    def test_braces_in_strings_and_path_references_do_not_count(self):
        text = ('/ {\n\tlabel = "{ }";\n\tc = \'{\';\n\tesc = "\\"{";\n};\n'
                "/delete-node/ &{/soc/uart};\n")
        self.assertEqual(self.check((self.overlay, text)), [])

    def test_explain_says_a_brace_is_likely_unbalanced(self):
        text = dtc_messages.explain(
            f"Error: {self.dts_input}:3.40-4.1 syntax error\n"
            "FATAL ERROR: Unable to parse input tree\n", self.dts_input,
            preprocessed(self.dts_input, [(self.board, "/ {\n};\n"),
                                          (self.overlay, "&uart0 {\n\tstatus = \"okay\";\n")]))
        self.assertEqual(text.splitlines(), [
            f"Error: {self.overlay}:2 (the end of the file) syntax error",
            "FATAL ERROR: Unable to parse input tree",
            f"dtc read to the end of {self.overlay}, the last file it read, with a node "
            "still open: a brace is likely unbalanced",
            f"{self.overlay}:1: {UNCLOSED}"])


if __name__ == "__main__":
    unittest.main()
