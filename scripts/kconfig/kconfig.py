#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Merge Kconfig fragments into .config and write autoconf.h.

Merge order (later wins), as in Zephyr: board defconfig, app prj.conf,
EXTRA_CONF_FILE fragments, then CONFIG_X=value assignments from the CMake
command line. A value Kconfig does not take (unknown symbol, unmet
dependency, out of range, wrong type) stops the build with the symbol, the
fragment that set it and the reason.

When the inputs are unchanged since the last run and .config exists, .config
is loaded as it is, so edits made with menuconfig survive the next build.
"""

import argparse
import hashlib
import os
import re
import sys

import kconfiglib

ASSIGNMENT = re.compile(r"^(CONFIG_[A-Za-z0-9_]+)=(.*)$")
UNSET = re.compile(r"^# (CONFIG_[A-Za-z0-9_]+) is not set$")


class ConfigError(Exception):
    pass


def fragment_assignments(path):
    """Yield (line number, symbol name, value) for each assignment in a fragment."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            m = ASSIGNMENT.match(line)
            if m:
                yield lineno, m.group(1)[len("CONFIG_"):], m.group(2)
                continue
            m = UNSET.match(line)
            if m:
                yield lineno, m.group(1)[len("CONFIG_"):], "n"
                continue
            if line and not line.startswith("#"):
                raise ConfigError(f"{path}:{lineno}: not a Kconfig assignment: '{line}'")


def unquote(value):
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def explain(sym):
    """Why a symbol did not take the value it was given."""
    if not sym.nodes:
        return "the symbol is not defined in any Kconfig file"
    if not any(node.prompt for node in sym.nodes):
        return ("the symbol has no prompt: it cannot be set by hand, it is "
                "selected or defaulted by other symbols")
    deps = kconfiglib.expr_str(sym.direct_dep)
    if kconfiglib.expr_value(sym.direct_dep) == 0:
        return f"its dependencies are not met: depends on {deps}"
    if sym.ranges:
        ranges = ", ".join(f"[{kconfiglib.expr_str(lo)}, {kconfiglib.expr_str(hi)}]"
                           for lo, hi, _ in sym.ranges)
        return f"the value is outside the allowed range {ranges}"
    if sym.rev_dep is not sym.kconfig.n:
        return f"it is selected by {kconfiglib.expr_str(sym.rev_dep)}"
    return f"the value is not valid for a {kconfiglib.TYPE_TO_STR[sym.orig_type]} symbol"


def merge(kconf, fragments, cmdline):
    """Load every fragment and the command-line values; check each took."""
    requested = []  # (origin, name, value) in merge order
    for path in fragments:
        for lineno, name, value in fragment_assignments(path):
            requested.append((f"{path}:{lineno}", name, unquote(value)))
    for item in cmdline:
        m = ASSIGNMENT.match(item)
        if not m:
            raise ConfigError(f"command line: not a CONFIG_ assignment: '{item}'")
        requested.append(("command line (-D" + m.group(1) + ")",
                          m.group(1)[len("CONFIG_"):], unquote(m.group(2))))

    final = {}
    for origin, name, value in requested:
        sym = kconf.syms.get(name)
        if sym is None or not sym.nodes:
            raise ConfigError(f"{origin}: CONFIG_{name} is not a known Kconfig symbol"
                              + suggestion(kconf, name))
        if not sym.set_value(value):
            raise ConfigError(f"{origin}: CONFIG_{name}: '{value}' is not a valid "
                              f"{kconfiglib.TYPE_TO_STR[sym.orig_type]} value")
        final[name] = (origin, value)

    for name, (origin, value) in final.items():
        sym = kconf.syms[name]
        got = sym.str_value
        want = value
        if sym.orig_type in (kconfiglib.INT, kconfiglib.HEX):
            try:
                same = int(got, 0) == int(want, 0)
            except ValueError:
                same = False
        else:
            same = got == want
        if not same:
            raise ConfigError(f"{origin}: CONFIG_{name} was assigned '{want}' but "
                              f"got '{got}': {explain(sym)}")


def suggestion(kconf, name):
    import difflib
    close = difflib.get_close_matches(name, [s.name for s in kconf.unique_defined_syms], n=3)
    return f" (did you mean {', '.join('CONFIG_' + c for c in close)}?)" if close else ""


def inputs_digest(fragments, cmdline):
    h = hashlib.sha256()
    for path in fragments:
        h.update(path.encode())
        with open(path, "rb") as f:
            h.update(f.read())
    for item in cmdline:
        h.update(item.encode())
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("kconfig_root")
    ap.add_argument("dotconfig")
    ap.add_argument("autoconf")
    ap.add_argument("--fragment", action="append", default=[])
    ap.add_argument("--set", action="append", default=[], dest="cmdline",
                    help="CONFIG_X=value from the command line")
    ap.add_argument("--sources", help="write the Kconfig files read, one per line")
    args = ap.parse_args()

    for path in args.fragment:
        if not os.path.isfile(path):
            print(f"error: Kconfig fragment not found: {path}", file=sys.stderr)
            return 1

    kconf = kconfiglib.Kconfig(args.kconfig_root, warn_to_stderr=False)
    digest_file = args.dotconfig + ".inputs"
    digest = inputs_digest(args.fragment, args.cmdline)
    try:
        with open(digest_file, encoding="utf-8") as f:
            unchanged = f.read().strip() == digest
    except OSError:
        unchanged = False

    try:
        if unchanged and os.path.isfile(args.dotconfig):
            # menuconfig may have edited .config: keep it.
            kconf.load_config(args.dotconfig)
            bad = [w for w in kconf.warnings if "undefined symbol" in w]
            if bad:
                raise ConfigError(f"{args.dotconfig}: {bad[0]}")
        else:
            kconf.load_config(os.devnull)  # start from the defaults
            merge(kconf, args.fragment, args.cmdline)
    except ConfigError as e:
        print(f"error: Kconfig: {e}", file=sys.stderr)
        return 1

    kconf.write_config(args.dotconfig, header="# Generated by scripts/kconfig/kconfig.py\n")
    kconf.write_autoconf(args.autoconf)
    with open(digest_file, "w", encoding="utf-8") as f:
        f.write(digest + "\n")
    if args.sources:
        with open(args.sources, "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(set(kconf.kconfig_filenames))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
