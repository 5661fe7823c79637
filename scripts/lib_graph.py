#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""The hypervisor's libraries as a graph, from a build dir: library A uses
library B when A's objects leave a symbol undefined that B defines (the
cross toolchain's nm). Prints the graph, and fails when it has a cycle,
naming the libraries of each cycle and the symbols that close it, so
docs/architecture.md's layering stays true.

    lib_graph.py BUILD_DIR [--nm NM]
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import buildlib  # noqa: E402

# nm -g letters of a symbol an object defines (upper case: global; u:
# unique global; i: indirect function).
DEFINED = set("TDRBCGSVWui")


def libraries(build_dir):
    """{library name: path of its .a}: the tree's libraries (monadic_tree)
    and the app's."""
    libs = {}
    for root, _, files in os.walk(build_dir):
        for f in files:
            if f.startswith("lib") and f.endswith(".a") and "guest" not in root:
                libs[f[3:-2]] = os.path.join(root, f)
    return libs


def symbols(nm, archive):
    """(defined, undefined) global symbol names of an archive."""
    out = subprocess.run([nm, "-g", archive], text=True, check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return parse_nm(out)


def parse_nm(text):
    defined, undefined = set(), set()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in DEFINED:
            defined.add(parts[2])
    return defined, undefined - defined


def edges(syms):
    """{(user, provider): [symbols]} from {lib: (defined, undefined)}."""
    owner = {}
    for lib, (defined, _) in syms.items():
        for s in defined:
            owner.setdefault(s, lib)
    uses = {}
    for lib, (_, undefined) in syms.items():
        for s in sorted(undefined):
            provider = owner.get(s)
            if provider is not None and provider != lib:
                uses.setdefault((lib, provider), []).append(s)
    return uses


def cycles(nodes, uses):
    """Strongly connected components of more than one library (Tarjan)."""
    succ = {n: sorted({b for (a, b) in uses if a == n}) for n in nodes}
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(n):
        index[n] = low[n] = len(index)
        stack.append(n)
        on_stack.add(n)
        for m in succ[n]:
            if m not in index:
                visit(m)
                low[n] = min(low[n], low[m])
            elif m in on_stack:
                low[n] = min(low[n], index[m])
        if low[n] == index[n]:
            comp = []
            while True:
                m = stack.pop()
                on_stack.discard(m)
                comp.append(m)
                if m == n:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for n in sorted(nodes):
        if n not in index:
            visit(n)
    return out


def report(nodes, uses):
    lines = []
    for n in sorted(nodes):
        provs = sorted(b for (a, b) in uses if a == n)
        lines.append(f"{n} -> {', '.join(provs) if provs else '(nothing)'}")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build_dir")
    ap.add_argument("--nm", help="nm to use (default: the build's cross nm)")
    args = ap.parse_args()
    nm = args.nm or buildlib.cross_tool(buildlib.cache_value(args.build_dir, "MHV_CROSS_GCC"),
                                        "nm") or "nm"
    libs = libraries(args.build_dir)
    if not libs:
        sys.exit(f"lib_graph: no libraries under {args.build_dir}: build it first")
    syms = {name: symbols(nm, path) for name, path in libs.items()}
    uses = edges(syms)
    print("\n".join(report(libs, uses)))
    found = cycles(libs, uses)
    for comp in found:
        print(f"lib_graph: cycle among {', '.join(comp)}:")
        for (a, b), names in sorted(uses.items()):
            if a in comp and b in comp:
                print(f"  {a} -> {b}: {', '.join(names[:4])}{' ...' if len(names) > 4 else ''}")
    if found:
        sys.exit(1)
    print(f"lib_graph: {len(libs)} libraries, no cycle")


if __name__ == "__main__":
    main()
