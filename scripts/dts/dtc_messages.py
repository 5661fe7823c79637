#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Run dtc on the preprocessed devicetree and tell its errors in the terms
of the files the user wrote.

cmake/dts.cmake #includes the board .dts and the overlays one after the
other from a generated file, dts.input, and dtc reads what the C
preprocessor makes of it. Its line markers let dtc name the original
file:line, except at the end of an overlay: a node left open there makes
dtc fail after the last #include, at a position in dts.input, a file the
user never saw. So dtc's messages are passed on with every dts.input
position turned into the end of the overlay #included there, and, when
dtc fails, every overlay whose braces do not balance is named with the
line of its '{' left open or of its '}' that closes nothing.

  dtc_messages.py --dts-input <dts.input> --preprocessed <file.pre> -- <dtc command>

exits with dtc's status.
"""

import argparse
import os
import re
import subprocess
import sys

INCLUDE = re.compile(r'^#include "(.*)"$')
LINE_MARKER = re.compile(r'^# (\d+) "(.*)"((?: \d+)*)$')
# dtc's positions: file:line.col, file:line.col-col, file:line.col-line.col
POSITION = re.compile(r"(\S+):(\d+)\.\d+(?:-(?:\d+\.)?\d+)?")


def included_files(dts_input):
    """{line number in dts.input: the file #included on that line}."""
    with open(dts_input, encoding="utf-8") as f:
        return {n: m.group(1) for n, line in enumerate(f, 1)
                for m in [INCLUDE.match(line.strip())] if m}


def line_count(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return sum(1 for _ in f)


def overlay_at(includes, line):
    """The file #included last at or before a dts.input line: dtc's
    position there is just past that file's end."""
    before = [n for n in includes if n <= line]
    return includes[max(before)] if before else None


def translate(message, dts_input, includes):
    """dtc's message with each dts.input position made the end of the
    overlay #included there. Returns (message, [overlays it ended in])."""
    ended = []

    def to_overlay(m):
        if os.path.abspath(m.group(1)) != os.path.abspath(dts_input):
            return m.group(0)
        overlay = overlay_at(includes, int(m.group(2)))
        if overlay is None:
            return m.group(0)
        ended.append(overlay)
        return f"{overlay}:{line_count(overlay)} (the end of the file)"

    return POSITION.sub(to_overlay, message), ended


def braces(text):
    """(offset, '{' or '}') of every brace of devicetree source text that is
    not inside a string, a character literal or a path reference &{/...}."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = end_of_quoted(text, i)
        elif text.startswith("&{", i):
            close = text.find("}", i)
            i = len(text) if close < 0 else close + 1
        else:
            if c in "{}":
                out.append((i, c))
            i += 1
    return out


def end_of_quoted(text, start):
    """The offset just past the quoted string or character at start."""
    i = start + 1
    while i < len(text) and text[i] != text[start] and text[i] != "\n":
        i += 2 if text[i] == "\\" else 1
    return i + 1


class BraceCheck:
    """Follows the preprocessor's line markers through its output and finds
    where each file #included by dts.input leaves braces unbalanced. A
    file's own #includes count as part of it (a .dtsi may be included
    inside a node)."""

    def __init__(self, dts_input):
        self.dts_input = os.path.abspath(dts_input)
        self.files = []       # the include stack, outermost first
        self.open = []        # (file, line) of each '{' not yet closed
        self.problems = []    # (file, line, what is wrong)

    def marker(self, path, flags):
        """A line marker: enter (1) or return to (2) a file, else a jump."""
        if "1" in flags:
            self.files.append(path)
        elif "2" in flags:
            while self.files and self.files[-1] != path:
                self.files.pop()
            if os.path.abspath(path) == self.dts_input:
                self.file_ended()
        elif self.files:
            self.files[-1] = path
        else:
            self.files.append(path)

    def source_line(self, text, path, line):
        for _, brace in braces(text):
            if brace == "{":
                self.open.append((path, line))
            elif self.open:
                self.open.pop()
            else:
                self.problems.append((path, line, "this '}' closes nothing"))

    def file_ended(self):
        """A file #included by dts.input has ended: a '{' still open there
        was never closed by it (its next file would go on inside it)."""
        self.problems += [(path, line, "this '{' is not closed by the end of the file")
                          for path, line in self.open]
        self.open = []

    def run(self, preprocessed_text):
        path, line = None, 0
        for text in preprocessed_text.splitlines():
            m = LINE_MARKER.match(text)
            if m:
                path, line = m.group(2), int(m.group(1))
                self.marker(path, m.group(3).split())
                continue
            self.source_line(text, path, line)
            line += 1
        self.file_ended()
        return self.problems


def explain(dtc_stderr, dts_input, preprocessed_text):
    """dtc's failure in the user's files: its message translated, then
    what the braces say."""
    message, ended = translate(dtc_stderr, dts_input, included_files(dts_input))
    lines = [message.rstrip("\n")]
    for overlay in dict.fromkeys(ended):
        lines.append(f"dtc read to the end of {overlay}, the last file it read, with a "
                     f"node still open: a brace is likely unbalanced")
    lines += [f"{path}:{line}: {what}" for path, line, what in
              BraceCheck(dts_input).run(preprocessed_text)]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dts-input", required=True, help="the generated file of #includes")
    ap.add_argument("--preprocessed", required=True, help="the C preprocessor's output of it")
    ap.add_argument("dtc", nargs=argparse.REMAINDER, help="-- the dtc command line")
    args = ap.parse_args()
    dtc = args.dtc[1:] if args.dtc[:1] == ["--"] else args.dtc
    proc = subprocess.run(dtc, text=True, stderr=subprocess.PIPE)
    if proc.returncode == 0:
        message, _ = translate(proc.stderr, args.dts_input, included_files(args.dts_input))
        sys.stderr.write(message)
        return 0
    with open(args.preprocessed, encoding="utf-8", errors="replace") as f:
        sys.stderr.write(explain(proc.stderr, args.dts_input, f.read()))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
