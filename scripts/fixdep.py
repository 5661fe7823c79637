#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Compiler launcher that makes an object depend on the Kconfig symbols it
uses instead of on all of autoconf.h (Linux's scripts/basic/fixdep).

Every hypervisor source sees autoconf.h (-imacros), so gcc's depfile names
it and one changed symbol would recompile everything. Once the compiler
has succeeded, this rewrites the depfile (-MF) before ninja reads it:
autoconf.h is replaced by the per-symbol files (written by kconfig.py
--deps-dir, each rewritten only when its symbol's value changes) of every
CONFIG_ name found in the source and the headers it included.

  fixdep.py --deps-dir DIR --autoconf AUTOCONF_H -- COMPILER ARGS...
"""

import os
import re
import sys

CONFIG_NAME = re.compile(rb"\bCONFIG_([A-Za-z0-9_]+)")
# Make syntax: a backslash-newline continues the line, "\ " is a space.
SEPARATOR = re.compile(r"(?<!\\)\s+")


def read_depfile(path):
    """(target, [prerequisites]) of a depfile with one rule."""
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\\\n", " ")
    target, _, prereqs = text.partition(": ")
    return target.strip(), [p.replace("\\ ", " ") for p in SEPARATOR.split(prereqs) if p]


def write_depfile(path, target, prereqs):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{target}: " + " \\\n  ".join(p.replace(" ", "\\ ") for p in prereqs) + "\n")


def config_symbols(paths):
    """The CONFIG_ names (without the prefix) the files mention."""
    names = set()
    for path in paths:
        with open(path, "rb") as f:
            names.update(m.decode() for m in CONFIG_NAME.findall(f.read()))
    return names


def fix(depfile, autoconf, deps_dir):
    """Replace autoconf.h in depfile with the files of the symbols used.
    Names Kconfig does not define (no file) can't change: left out."""
    target, prereqs = read_depfile(depfile)
    autoconf = os.path.abspath(autoconf)
    kept = [p for p in prereqs if os.path.abspath(p) != autoconf]
    if len(kept) == len(prereqs):
        return  # not a hypervisor source (a guest image's, say)
    symbol_files = [os.path.join(deps_dir, name) for name in sorted(config_symbols(kept))]
    write_depfile(depfile, target, kept + [f for f in symbol_files if os.path.isfile(f)])


def split_argv(argv):
    """(deps dir, autoconf.h, compiler command) from our command line."""
    if "--" not in argv:
        raise SystemExit(__doc__)
    i = argv.index("--")
    opts, command = argv[:i], argv[i + 1:]
    if len(opts) != 4 or opts[0] != "--deps-dir" or opts[2] != "--autoconf" or not command:
        raise SystemExit(__doc__)
    return opts[1], opts[3], command


def main(argv):
    deps_dir, autoconf, command = split_argv(argv)
    # os.spawnvp, not subprocess: this runs once per compile, and importing
    # subprocess costs more than the rest of the script.
    rc = os.spawnvp(os.P_WAIT, command[0], command)
    if rc == 0 and "-MF" in command:
        fix(command[command.index("-MF") + 1], autoconf, deps_dir)
    return rc if rc >= 0 else 128 - rc  # killed by signal -rc: as a shell says it


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
