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
    """One or more problems, each a line naming where the value came from."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def fragment_assignments(path, problems):
    """[(origin, symbol name, value)] of a fragment's assignments; a line
    that is not one is added to problems."""
    found = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            m = ASSIGNMENT.match(line) or UNSET.match(line)
            if m:
                value = unquote(m.group(2)) if m.re is ASSIGNMENT else "n"
                found.append((f"{path}:{lineno}", m.group(1)[len("CONFIG_"):], value))
            elif line and not line.startswith("#"):
                problems.append(f"{path}:{lineno}: not a Kconfig assignment: '{line}'")
    return found


def cmdline_assignments(items, problems):
    """[(origin, symbol name, value)] of the -DCONFIG_X=value settings."""
    found = []
    for item in items:
        m = ASSIGNMENT.match(item)
        if m:
            found.append((f"command line (-D{m.group(1)})", m.group(1)[len("CONFIG_"):],
                          unquote(m.group(2))))
        else:
            problems.append(f"command line: not a CONFIG_ assignment: '{item}'")
    return found


def unquote(value):
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def symbols_in(expr):
    """The symbols of an expression in the order written (kconfiglib's
    expr_items is a set: its order changes from run to run)."""
    if not isinstance(expr, tuple):
        return [expr]
    return list(dict.fromkeys(s for sub in expr[1:] for s in symbols_in(sub)))


def unmet_terms(dep):
    """Each &&-term of a dependency that is not satisfied, with its value
    ('CONSOLE is n'), and for a compound term the values of its symbols."""
    terms = []
    for term in kconfiglib.split_expr(dep, kconfiglib.AND):
        if kconfiglib.expr_value(term):
            continue
        if isinstance(term, kconfiglib.Symbol):
            terms.append(f"{term.name} is {term.str_value or 'n'}")
            continue
        values = ", ".join(f"{s.name} is {s.str_value or 'n'}" for s in symbols_in(term)
                           if isinstance(s, kconfiglib.Symbol) and not s.is_constant)
        terms.append(f"{kconfiglib.expr_str(term)} is n ({values})")
    return terms


def explain(sym):
    """Why a symbol did not take the value it was given."""
    if not any(node.prompt for node in sym.nodes):
        return ("the symbol has no prompt: it cannot be set by hand, it is "
                "selected or defaulted by other symbols")
    if kconfiglib.expr_value(sym.direct_dep) == 0:
        return (f"its dependencies are not met: depends on "
                f"{kconfiglib.expr_str(sym.direct_dep)}; unmet: "
                + ", ".join(unmet_terms(sym.direct_dep)))
    if sym.ranges:
        ranges = ", ".join(f"[{kconfiglib.expr_str(lo)}, {kconfiglib.expr_str(hi)}]"
                           for lo, hi, _ in sym.ranges)
        return f"the value is outside the allowed range {ranges}"
    if sym.rev_dep is not sym.kconfig.n:
        return f"it is selected by {kconfiglib.expr_str(sym.rev_dep)}"
    return f"the value is not valid for a {kconfiglib.TYPE_TO_STR[sym.orig_type]} symbol"


def same_value(sym, got, want):
    if sym.orig_type in (kconfiglib.INT, kconfiglib.HEX):
        try:
            return int(got, 0) == int(want, 0)
        except ValueError:
            return False
    return got == want


def user_value_str(sym):
    """The value kconfiglib kept from the assignments, as written."""
    value = sym.user_value
    return kconfiglib.TRI_TO_STR[value] if isinstance(value, int) else value


def merge(kconf, fragments, cmdline):
    """Merge the fragments with kconfiglib's own load_config (later wins,
    and a later member of a choice selects it), then the command line.
    Raises ConfigError listing every assignment that did not take."""
    problems = []
    from_cmdline = cmdline_assignments(cmdline, problems)
    requested = [a for path in fragments for a in fragment_assignments(path, problems)]
    last = {}  # symbol name -> (origin, value) of its last assignment
    for origin, name, value in requested + from_cmdline:
        sym = kconf.syms.get(name)
        if sym is None or not sym.nodes:
            problems.append(f"{origin}: CONFIG_{name} is not a known Kconfig symbol"
                            + suggestion(kconf, name))
        else:
            last[name] = (origin, value)

    for path in fragments:
        kconf.load_config(path, replace=False)
    for _, name, value in from_cmdline:
        if name in last:
            kconf.syms[name].set_value(value)

    for name, (origin, value) in last.items():
        problem = not_taken(kconf.syms[name], value)
        if problem:
            problems.append(f"{origin}: CONFIG_{name}{problem}")
    if problems:
        raise ConfigError(problems)


def not_taken(sym, want):
    """Why sym does not have the value last assigned to it ('' if it has).
    A choice member is judged by the choice: an earlier member's y is
    overridden, not refused, when a later fragment picks another member."""
    if not same_value(sym, user_value_str(sym) or "", want):
        return f": '{want}' is not a valid {kconfiglib.TYPE_TO_STR[sym.orig_type]} value"
    if sym.choice:
        if sym is not sym.choice.user_selection or sym is sym.choice.selection:
            return ""
        return f" was assigned 'y' but is not chosen: {explain(sym)}"
    if same_value(sym, sym.str_value, want):
        return ""
    return f" was assigned '{want}' but got '{sym.str_value}': {explain(sym)}"


def suggestion(kconf, name):
    import difflib
    close = difflib.get_close_matches(name, [s.name for s in kconf.unique_defined_syms], n=3)
    return f" (did you mean {', '.join('CONFIG_' + c for c in close)}?)" if close else ""


def write_symbol_files(kconf, deps_dir):
    """One file per symbol holding its .config line, rewritten only when
    that changes: what scripts/fixdep.py makes each object depend on, so a
    changed symbol recompiles only the sources that use it."""
    os.makedirs(deps_dir, exist_ok=True)
    for sym in kconf.unique_defined_syms:
        path = os.path.join(deps_dir, sym.name)
        try:
            with open(path, encoding="utf-8") as f:
                if f.read() == sym.config_string:
                    continue
        except OSError:
            pass
        with open(path, "w", encoding="utf-8") as f:
            f.write(sym.config_string)


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
    ap.add_argument("--deps-dir", help="keep one file per symbol here (scripts/fixdep.py)")
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
            bad = [f"{args.dotconfig}: {w}" for w in kconf.warnings if "undefined symbol" in w]
            if bad:
                raise ConfigError(bad)
        else:
            kconf.load_config(os.devnull)  # start from the defaults
            merge(kconf, args.fragment, args.cmdline)
    except ConfigError as e:
        for problem in e.problems:
            print(f"error: Kconfig: {problem}", file=sys.stderr)
        return 1

    kconf.write_config(args.dotconfig, header="# Generated by scripts/kconfig/kconfig.py\n")
    kconf.write_autoconf(args.autoconf)
    if args.deps_dir:
        write_symbol_files(kconf, args.deps_dir)
    with open(digest_file, "w", encoding="utf-8") as f:
        f.write(digest + "\n")
    if args.sources:
        with open(args.sources, "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(set(kconf.kconfig_filenames))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
