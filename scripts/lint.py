#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Tree-wide checks run as tests:
  lint.py cppcheck   cppcheck over every C file under git; any finding fails
  lint.py spdx       every source file has an SPDX-License-Identifier line
"""

import os
import subprocess
import sys

SOURCE_SUFFIXES = (".c", ".h", ".S", ".py", ".cmake", ".dts", ".dtsi", ".overlay",
                   ".yaml", ".conf", ".sh", ".cpp", ".hpp", "CMakeLists.txt", "Kconfig")
C_DIRS = ("arch", "lib", "subsys", "sdk", "drivers", "include", "samples", "tests")


def tracked(*paths):
    """Files git knows (tracked or new, not ignored)."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                          "--"] + list(paths), text=True, capture_output=True, check=True)
    return [p for p in out.stdout.splitlines() if p]


def cppcheck():
    """cppcheck sees the code as a real build does: with the generated
    autoconf.h and devicetree header of a configured board (Graviton4, the
    board with the most features on)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import buildlib
    bdir = os.path.join(buildlib.MONADIC_BASE, "build", "lint")
    buildlib.configure(os.path.join(buildlib.MONADIC_BASE, "samples", "hello"),
                       "graviton4/qemu", bdir, quiet=True)
    files = [f for f in tracked(*C_DIRS) if f.endswith(".c")]
    cmd = ["cppcheck", "--quiet", "--error-exitcode=1", "--std=c11",
           "--enable=warning,style,performance,portability",
           "--inline-suppr", "--suppress=missingIncludeSystem",
           "--include=" + os.path.join(bdir, "include", "generated", "autoconf.h"),
           "-I" + os.path.join(bdir, "include"), "-D__GNUC__", "-D__aarch64__",
           "-DFAULT_data_abort", "-DMHV_VERSION_STRING=\"0\"",
           "-Iinclude", "-Iarch/arm64/include", "-Itests/unit/include"] + files
    print(f"cppcheck: {len(files)} files", flush=True)
    rc = subprocess.run(cmd).returncode
    print("cppcheck: clean" if rc == 0 else "cppcheck: findings above")
    return rc


def spdx():
    bad = []
    for f in tracked("."):
        if not f.endswith(SOURCE_SUFFIXES) and f not in ("mhv", ".ci/run"):
            continue
        with open(f, encoding="utf-8", errors="replace") as fh:
            head = "".join(fh.readline() for _ in range(3))
        if "SPDX-License-Identifier:" not in head:
            bad.append(f)
    for f in bad:
        print(f"missing SPDX line: {f}")
    print(f"spdx: {len(bad)} files without an SPDX line")
    return 1 if bad else 0


if __name__ == "__main__":
    checks = {"cppcheck": cppcheck, "spdx": spdx}
    if len(sys.argv) != 2 or sys.argv[1] not in checks:
        print(__doc__)
        sys.exit(2)
    sys.exit(checks[sys.argv[1]]())
