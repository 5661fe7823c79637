#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Write the minimal fragment that reproduces a .config (only the values
that differ from the defaults), like Zephyr's `west build -t savedefconfig`."""

import sys

import kconfiglib


def main():
    if len(sys.argv) != 4:
        print("usage: savedefconfig.py KCONFIG DOTCONFIG OUTPUT", file=sys.stderr)
        return 2
    kconf = kconfiglib.Kconfig(sys.argv[1], warn_to_stderr=False)
    kconf.load_config(sys.argv[2])
    print(kconf.write_min_config(sys.argv[3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
