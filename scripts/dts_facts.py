# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Facts read from a board's devicetree without a build (for `mhv boards`):
the same preprocessing and dtc the build uses, in a temporary folder."""

import os
import shutil
import subprocess
import tempfile

import boards as boardlib
from buildlib import MONADIC_BASE


def board_dtb(board, qualifier, out_dir):
    stem = boardlib.file_stem(board, qualifier)
    pre = os.path.join(out_dir, "board.dts.pre")
    dtb = os.path.join(out_dir, "board.dtb")
    cpp = shutil.which("aarch64-linux-gnu-gcc") or shutil.which("gcc") or "cpp"
    subprocess.run([cpp, "-E", "-x", "assembler-with-cpp", "-nostdinc", "-undef", "-D__DTS__",
                    "-I", os.path.join(MONADIC_BASE, "dts"),
                    "-I", os.path.join(MONADIC_BASE, "dts", "include"),
                    "-I", os.path.join(MONADIC_BASE, "boards"), "-I", board["dir"],
                    "-o", pre, os.path.join(board["dir"], stem + ".dts")],
                   check=True, stderr=subprocess.DEVNULL)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, pre], check=True)
    return dtb


def cpu_count(board, qualifier):
    import sys
    sys.path.insert(0, os.path.join(MONADIC_BASE, "scripts", "dts"))
    from dtlib import DeviceTree
    with tempfile.TemporaryDirectory() as tmp:
        try:
            dt = DeviceTree(board_dtb(board, qualifier, tmp))
        except (subprocess.CalledProcessError, OSError):
            return "?"
    cpus = dt.nodes.get("/cpus")
    return sum(1 for c in (cpus.children if cpus else [])
               if c.prop_string("device_type") == "cpu" and c.okay)
