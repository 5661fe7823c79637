#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Find boards (boards/**/board.yml, Zephyr HWMv2 style) and resolve a board
target such as 'graviton2/qemu' or 'graviton2' to its folder and files.

Used by `mhv` and by the CMake build (which takes a CMake snippet on
stdout), so both resolve names the same way and suggest the same
alternatives for a typo.
"""

import argparse
import difflib
import os
import re
import sys

import yaml


class BoardError(Exception):
    pass


def find_boards(roots):
    """[{name, vendor, full_name, soc, qualifiers, dir}] for every board.yml."""
    boards = []
    for root in roots:
        for dirpath, _, files in os.walk(root):
            if "board.yml" not in files:
                continue
            path = os.path.join(dirpath, "board.yml")
            with open(path, encoding="utf-8") as f:
                data = (yaml.safe_load(f) or {}).get("board")
            if not data or "name" not in data:
                raise BoardError(f"{path}: missing 'board: name:'")
            socs = data.get("socs") or [{}]
            boards.append({
                "name": data["name"],
                "vendor": data.get("vendor", ""),
                "full_name": data.get("full_name", data["name"]),
                "soc": socs[0].get("name", ""),
                "qualifiers": data.get("qualifiers") or [],
                "dir": os.path.abspath(dirpath),
            })
    return sorted(boards, key=lambda b: b["name"])


def targets(board):
    return [f"{board['name']}/{q}" for q in board["qualifiers"]] or [board["name"]]


def resolve(boards, target):
    """(board, qualifier) for a target; BoardError naming close matches."""
    name, _, qualifier = target.partition("/")
    for board in boards:
        if board["name"] != name:
            continue
        if not qualifier and len(board["qualifiers"]) == 1:
            qualifier = board["qualifiers"][0]
        if qualifier in board["qualifiers"] or (not qualifier and not board["qualifiers"]):
            return board, qualifier
    every = [t for b in boards for t in targets(b)]
    close = difflib.get_close_matches(target, every, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise BoardError(f"unknown board '{target}'.{hint} "
                     f"Known boards: {', '.join(every)} (./mhv boards)")


def file_stem(board, qualifier):
    """graviton2 + qemu -> graviton2_qemu: the stem of the board's .dts,
    _defconfig and .overlay files."""
    return "_".join([board["name"]] + ([qualifier] if qualifier else []))


def qemu_cpu(board):
    """The QEMU -cpu the board.cmake sets (for listings)."""
    path = os.path.join(board["dir"], "board.cmake")
    try:
        with open(path, encoding="utf-8") as f:
            m = re.search(r"set\(QEMU_CPU\s+([^\s)]+)\)", f.read())
    except OSError:
        return "-"
    return m.group(1) if m else "-"


def cmake_escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", action="append", required=True, help="a folder to search")
    ap.add_argument("--cmake", metavar="TARGET", help="resolve TARGET, print CMake set() lines")
    args = ap.parse_args()
    try:
        boards = find_boards(args.root)
        board, qualifier = resolve(boards, args.cmake)
    except BoardError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    stem = file_stem(board, qualifier)
    values = {"BOARD_NAME": board["name"], "BOARD_QUALIFIERS": qualifier,
              "BOARD_TARGET": "/".join(filter(None, [board["name"], qualifier])),
              "BOARD_DIR": board["dir"], "BOARD_FILE_STEM": stem,
              "BOARD_SOC": board["soc"], "BOARD_FULL_NAME": board["full_name"]}
    for key, value in values.items():
        print(f'set({key} "{cmake_escape(value)}")')
    return 0


if __name__ == "__main__":
    sys.exit(main())
