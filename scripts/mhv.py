#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""mhv: build, run, debug and test Monadic, the way `west` drives Zephyr.

  mhv build [-b BOARD] [-d DIR] [-p [auto|always|never]] [-t TARGET] [APP] [-- CMAKE ARGS]
  mhv run   [-b BOARD] [-d DIR] [APP]      build if needed, boot in QEMU
  mhv debug [-b BOARD] [-d DIR] [APP]      QEMU halted with a gdb stub, gdb-multiarch attached
  mhv boards                               what can be targeted
  mhv test  [runner options]               every test, one summary line
  mhv setup                                install the Debian packages

The build dir remembers its board and app: `mhv build` alone rebuilds it.
Defaults: board graviton2/qemu, app samples/linux (the flagship), dir ./build.
"""

import argparse
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import boards as boardlib  # noqa: E402
import buildlib  # noqa: E402
import requirements  # noqa: E402

PRISTINE_CHOICES = ("auto", "always", "never")
GDB_PORT = 1234


def add_build_args(p, with_target):
    p.add_argument("-b", "--board", help=f"board target (default {buildlib.DEFAULT_BOARD}, "
                   "or the build dir's)")
    p.add_argument("-d", "--build-dir", default="build", help="build folder (default ./build)")
    p.add_argument("-p", "--pristine", nargs="?", choices=PRISTINE_CHOICES, const="always",
                   default="auto",
                   help="always (-p alone): start from an empty build dir; auto (default): "
                   "start afresh when the board or app change; never: refuse instead")
    if with_target:
        p.add_argument("-t", "--target", help="ninja target: run, debug, menuconfig, "
                       "guiconfig, savedefconfig, footprint, ...")
    p.add_argument("app", nargs="?", help="app folder (default samples/linux, or the build dir's)")
    p.add_argument("cmake_args", nargs="*", help="after --: extra CMake arguments")


def cmd_build(args, target=None):
    target = target or getattr(args, "target", None)
    groups = ["build"] + {"run": ["run"], "debug": ["run", "debug"]}.get(target, [])
    if not requirements.ensure(groups):
        return 1
    try:
        buildlib.prepare(args.app, args.board, args.build_dir, args.pristine, args.cmake_args)
        # run and debug boot what they built here, with the terminal; other
        # targets (menuconfig right after configuring) are ninja's alone.
        if target in BOOT_TARGETS:
            buildlib.build(args.build_dir, "monadic_image")
            return BOOT_TARGETS[target](args.build_dir)
        return buildlib.build(args.build_dir, target)
    except buildlib.BuildError as e:
        print(f"mhv: {e}", file=sys.stderr)
        return 1


def run_qemu(build_dir, extra=()):
    """QEMU with the terminal attached (Ctrl-] x quits: QEMU runs with -echr 0x1d)."""
    argv = buildlib.qemu_args(build_dir) + list(extra)
    print("mhv: " + " ".join(argv), flush=True)
    print("mhv: Ctrl-] x quits QEMU; Ctrl-A three times switches the console between VMs",
          flush=True)
    try:
        return subprocess.run(argv).returncode
    except KeyboardInterrupt:
        return 130


def gdb_command(elf):
    return ["gdb-multiarch", "-q", "-ex", f"file {elf}", "-ex", f"target remote :{GDB_PORT}"]


def default_sigint():
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def debug(build_dir):
    """QEMU halted at the first instruction with its gdb stub, in the
    background, and gdb-multiarch attached in the foreground. QEMU's console
    goes to a file (the terminal is gdb's); quitting gdb stops QEMU."""
    elf = os.path.join(os.path.abspath(build_dir), "monadic.elf")
    console = os.path.join(os.path.abspath(build_dir), "debug_console.log")
    argv = buildlib.qemu_args(build_dir) + ["-gdb", f"tcp::{GDB_PORT}", "-S"]
    print("mhv: " + " ".join(argv), flush=True)
    print(f"mhv: QEMU is halted with a gdb stub on :{GDB_PORT}; its console goes to "
          f"{console} (tail -f it); quitting gdb stops QEMU", flush=True)
    with open(console, "w", encoding="utf-8") as out:
        # Its own session: the Ctrl-C typed to gdb must not reach QEMU.
        qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    # gdb handles Ctrl-C (it interrupts the guest); mhv must outlive it, and
    # gdb must not inherit mhv's ignoring it.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return subprocess.run(gdb_command(elf), preexec_fn=default_sigint).returncode
    finally:
        signal.signal(signal.SIGINT, previous)
        qemu.terminate()
        qemu.wait()


BOOT_TARGETS = {"run": run_qemu, "debug": debug}


def cmd_boards(_args):
    import dts_facts  # imports libfdt: only needed here
    rows = [("BOARD", "CPU", "CORES", "QEMU -cpu", "NAME")]
    for b in boardlib.find_boards([os.path.join(buildlib.MONADIC_BASE, "boards")]):
        for target in boardlib.targets(b):
            _, qualifier = boardlib.resolve([b], target)
            cores = dts_facts.cpu_count(b, qualifier)
            rows.append((target, b["soc"], str(cores), boardlib.qemu_cpu(b), b["full_name"]))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    return 0


def cmd_test(args):
    if not requirements.ensure(["build", "run", "test"]):
        return 1
    runner = os.path.join(buildlib.MONADIC_BASE, "scripts", "run_tests.py")
    return subprocess.run([buildlib.python(), runner] + args.runner_args).returncode


def cmd_setup(_args):
    groups = list(requirements.NEEDS)
    if requirements.ensure(groups):
        print("mhv: everything Monadic needs is installed")
        return 0
    return 1


def bare_pristine_means_always(argv):
    """`-p` followed by anything but auto/always/never is `-p always`: the
    next word is the app (`mhv build -p samples/hello`), not -p's value."""
    out = []
    for i, arg in enumerate(argv):
        if arg in ("-p", "--pristine") and (i + 1 == len(argv)
                                            or argv[i + 1] not in PRISTINE_CHOICES):
            arg = "--pristine=always"
        out.append(arg)
    return out


def parse(argv):
    """(parser, arguments) of an mhv command line other than `mhv test`."""
    # Everything after "--" goes to CMake untouched.
    cmake_extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, cmake_extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(prog="mhv", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command")
    add_build_args(sub.add_parser("build", help="configure and build an app for a board"), True)
    add_build_args(sub.add_parser("run", help="build if needed and boot in QEMU"), False)
    add_build_args(sub.add_parser("debug", help="boot halted with a gdb stub and attach "
                                  "gdb-multiarch"), False)
    sub.add_parser("boards", help="list the boards")
    t = sub.add_parser("test", help="run every test (host unit tests and QEMU)")
    t.add_argument("runner_args", nargs=argparse.REMAINDER,
                   help="options for scripts/run_tests.py (see --help there)")
    sub.add_parser("setup", help="install the Debian packages Monadic needs")
    args = ap.parse_args(bare_pristine_means_always(argv))
    if hasattr(args, "cmake_args"):
        args.cmake_args = list(args.cmake_args) + cmake_extra
    return ap, args


def main(argv):
    # `mhv test ...`: every option belongs to the runner (scripts/run_tests.py).
    if argv[:1] == ["test"]:
        return cmd_test(argparse.Namespace(runner_args=argv[1:]))
    ap, args = parse(argv)
    if args.command is None:
        ap.print_help()
        return 2
    if args.command == "build":
        return cmd_build(args)
    if args.command in ("run", "debug"):
        return cmd_build(args, target=args.command)
    return {"boards": cmd_boards, "test": cmd_test, "setup": cmd_setup}[args.command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
