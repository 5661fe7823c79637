# SPDX-License-Identifier: BSD-2-Clause-Patent
"""What Monadic needs from Debian, and installing it (or saying how).

Each need is a command or a Python module and the Debian package that
provides it. `mhv setup` installs all; other commands install what they
are missing when run as root, or print the exact apt-get line and stop.
"""

import importlib.util
import os
import shutil
import subprocess
import sys

# (kind, name, Debian package)
NEEDS = {
    "build": [
        ("cmd", "cmake", "cmake"),
        ("cmd", "ninja", "ninja-build"),
        ("cmd", "aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu"),
        ("cmd", "aarch64-linux-gnu-objdump", "binutils-aarch64-linux-gnu"),
        ("cmd", "dtc", "device-tree-compiler"),
        ("py", "kconfiglib", "python3-kconfiglib"),
        ("py", "libfdt", "python3-libfdt"),
        ("py", "yaml", "python3-yaml"),
    ],
    "run": [
        ("cmd", "qemu-system-aarch64", "qemu-system-arm"),
    ],
    "test": [
        ("cmd", "gcc", "gcc"),
        ("cmd", "g++", "g++"),
        ("cmd", "ctest", "cmake"),
        ("cmd", "cppcheck", "cppcheck"),
    ],
    "debug": [
        ("cmd", "gdb-multiarch", "gdb-multiarch"),
    ],
}


def missing(groups):
    """Debian packages providing what is not there, in a stable order."""
    pkgs = []
    for group in groups:
        for kind, name, pkg in NEEDS[group]:
            present = (shutil.which(name) is not None if kind == "cmd"
                       else importlib.util.find_spec(name) is not None)
            if not present and pkg not in pkgs:
                pkgs.append(pkg)
    return pkgs


def apt_command(pkgs):
    return ["apt-get", "install", "-y", "--no-install-recommends"] + pkgs


def ensure(groups):
    """Install what `groups` need when root; otherwise print the command.
    Returns True when everything is there afterwards."""
    pkgs = missing(groups)
    if not pkgs:
        return True
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print("mhv: missing Debian packages: " + " ".join(pkgs), file=sys.stderr)
        print("Install them with:\n  sudo apt-get update && sudo "
              + " ".join(apt_command(pkgs)), file=sys.stderr)
        return False
    print("mhv: installing " + " ".join(pkgs), flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    rc = subprocess.run(apt_command(pkgs), env=env).returncode
    importlib.invalidate_caches()
    return rc == 0 and not missing(groups)
