#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Every test of Monadic, one summary: what `mhv test` runs.

1. Host unit tests (tests/unit, a CMake project built for this machine,
   run by ctest under ASan/UBSan or TSan).
2. QEMU and build tests, Twister-style: every sample.yaml / testcase.yaml
   under samples/, tests/integration/ and tests/build_errors/ names test
   scenarios; each runs for every board its platform_allow permits. See
   docs/testing.md for the YAML keys.
Writes build/tests/junit.xml and ends with the line "N passed, N failed".
"""

import argparse
import concurrent.futures
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boards as boardlib  # noqa: E402
import buildlib  # noqa: E402
import qemu_cpus  # noqa: E402

BASE = buildlib.MONADIC_BASE
TEST_ROOTS = ["samples", "tests/integration", "tests/build_errors"]
# A failure report of the hypervisor, or a FAIL: line (possibly tagged with
# a VM's name by the console multiplexer).
DEFAULT_FAIL_REGEX = [r"\*\*\* EL2 EXCEPTION", r"^(\[[^]]+\] )?FAIL:"]


class Result:
    def __init__(self, name, board, ok, seconds, detail="", skipped=False):
        self.name, self.board, self.ok = name, board, ok
        self.seconds, self.detail, self.skipped = seconds, detail, skipped


# ------------------------------------------------------------------ discovery

def all_board_targets():
    return [t for b in boardlib.find_boards([os.path.join(BASE, "boards")])
            for t in boardlib.targets(b)]


def discover(roots, name_filter, platforms):
    """[(scenario name, folder, spec, board)] for every test to run."""
    boards = all_board_targets()
    jobs = []
    for root in roots:
        for dirpath, dirs, files in os.walk(os.path.join(BASE, root)):
            dirs.sort()
            for fname in ("sample.yaml", "testcase.yaml"):
                if fname not in files:
                    continue
                with open(os.path.join(dirpath, fname), encoding="utf-8") as f:
                    data = yaml.safe_load(f) or {}
                common = data.get("common") or {}
                for name, spec in sorted((data.get("tests") or {}).items()):
                    spec = {**common, **(spec or {})}
                    if name_filter and not re.search(name_filter, name):
                        continue
                    # 'app:' (relative to the tree) builds another folder's app.
                    app = os.path.join(BASE, spec["app"]) if "app" in spec else dirpath
                    allowed = spec.get("platform_allow") or boards
                    for board in allowed:
                        if platforms and board not in platforms:
                            continue
                        jobs.append((name, app, spec, board))
    return jobs


# ------------------------------------------------------------------ harnesses

def build_dir_for(out_root, name, board):
    return os.path.join(out_root, board.replace("/", "_"), name)


def cmake_args(spec):
    args = [f"-D{c}" for c in spec.get("extra_configs") or []]
    args += [f"-D{a}" for a in spec.get("extra_args") or []]
    return args


def run_build_error(name, folder, spec, board, out_root):
    """The build must fail, print every expect_error regex, and build nothing."""
    bdir = build_dir_for(out_root, name, board)
    shutil.rmtree(bdir, ignore_errors=True)
    try:
        buildlib.configure(folder, board, bdir, cmake_args(spec), quiet=True)
        buildlib.build(bdir, quiet=True)
    except buildlib.BuildError as e:
        message = str(e)
        missing = [r for r in spec.get("expect_error") or [] if not re.search(r, message, re.M)]
        if missing:
            return False, f"the build failed, but without /{missing[0]}/:\n{message}"
        if os.path.exists(os.path.join(bdir, "monadic.elf")):
            return False, "the build failed but an image was produced anyway"
        return True, message.splitlines()[0] if message else ""
    return False, "the build succeeded; it should have failed"


def run_cli(name, folder, spec, board, out_root):
    """An mhv command that must fail (or, with expect_success, succeed) and
    print every expect_error (or regex) pattern."""
    bdir = build_dir_for(out_root, name, board)
    shutil.rmtree(bdir, ignore_errors=True)
    argv = [a.replace("{app}", folder).replace("{board}", board).replace("{build_dir}", bdir)
            for a in spec["command"]]
    proc = subprocess.run([os.path.join(BASE, "mhv")] + argv, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=spec.get("timeout", 120))
    if spec.get("expect_success"):
        missing = [r for r in spec.get("regex") or [] if not re.search(r, proc.stdout, re.M)]
        if proc.returncode != 0 or missing:
            why = f"exit {proc.returncode}" if proc.returncode else f"output lacks /{missing[0]}/"
            return False, f"mhv {' '.join(argv)}: {why}:\n{proc.stdout[-2000:]}"
        return True, ""
    if proc.returncode == 0:
        return False, f"mhv {' '.join(argv)} succeeded; it should have failed"
    missing = [r for r in spec.get("expect_error") or [] if not re.search(r, proc.stdout, re.M)]
    if missing:
        return False, f"output lacks /{missing[0]}/:\n{proc.stdout[-2000:]}"
    if os.path.exists(os.path.join(bdir, "monadic.elf")):
        return False, "mhv failed but an image was produced anyway"
    return True, proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""


def pump(stream, q):
    for line in iter(stream.readline, ""):
        q.put(line)
    q.put(None)


def post_check(argv, bdir, folder, board, log_path, timeout=120):
    """harness_config.post_check: a host command run after QEMU is gone, in
    the build dir, with {log} {build} {app} {board} {python} substituted
    (also in the environment as MHV_CONSOLE_LOG, MHV_BUILD_DIR, MHV_APP_DIR,
    MHV_BOARD). (ok, why): a non-zero exit fails the test with its output."""
    if not isinstance(argv, list) or not argv:
        return False, f"post_check must be a list (a command's argv), not {argv!r}"
    subst = {"{log}": log_path, "{build}": bdir, "{app}": folder, "{board}": board,
             "{python}": sys.executable}
    cmd = []
    for arg in argv:
        arg = str(arg)
        for key, value in subst.items():
            arg = arg.replace(key, value)
        cmd.append(arg)
    env = dict(os.environ, MHV_CONSOLE_LOG=log_path, MHV_BUILD_DIR=bdir,
               MHV_APP_DIR=folder, MHV_BOARD=board)
    try:
        proc = subprocess.run(cmd, cwd=bdir, env=env, text=True, errors="replace",
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, f"post_check {' '.join(cmd)}: {e}"
    if proc.returncode != 0:
        return False, (f"post_check {' '.join(cmd)} exited {proc.returncode}:\n"
                       + proc.stdout[-4000:].rstrip())
    return True, proc.stdout.strip()


# With wait_for_exit: false (a machine that halts, or a VM that goes on
# printing, instead of powering off), how long the console is still read
# after its last expected line: a failure printed just after still counts.
AFTER_MATCH_S = 2.0


class ConsoleMatch:
    """A scenario's console expectations, fed one line at a time: the
    regexes, in order (ordered) or each on some line, and the fail regexes,
    which fail it wherever they appear."""

    def __init__(self, regexes, fails, ordered=True):
        self.regexes, self.fails, self.ordered = regexes, fails, ordered
        self.seen = [False] * len(regexes)
        self.idx = 0   # the first regex not matched yet

    @property
    def matched(self):
        return self.idx == len(self.regexes)

    def pending(self):
        """The pattern of the first regex not matched yet, or None."""
        return None if self.matched else self.regexes[self.idx].pattern

    def feed(self, line):
        """A failure verdict for a fail line, else None."""
        for fr in self.fails:
            if fr.search(line):
                return (False, f"console printed a failure: {line}")
        if self.ordered:
            if not self.matched and self.regexes[self.idx].search(line):
                self.idx += 1
            return None
        for i, r in enumerate(self.regexes):
            if not self.seen[i] and r.search(line):
                self.seen[i] = True
                break
        self.idx = next((i for i, hit in enumerate(self.seen) if not hit), len(self.regexes))
        return None


class ConsoleInput:
    """harness_config.input: keys typed on QEMU's console, each step once
    a console line matches its 'after' regex (steps in order):
    [{after: regex, send: text}]. write(text) types it."""

    def __init__(self, steps, write):
        self.steps = [(re.compile(s["after"]), s["send"]) for s in steps or []]
        self.write = write
        self.idx = 0

    def feed(self, line):
        if self.idx < len(self.steps) and self.steps[self.idx][0].search(line):
            self.write(self.steps[self.idx][1])
            self.idx += 1


def watch_console(q, match, lines, timeout, wait_for_exit, timed_out, on_line=None):
    """Read QEMU's console lines from q (None: QEMU exited) into lines until
    a verdict (ok, why). Once every regex matched, reading goes on until
    QEMU exits (wait_for_exit), or AFTER_MATCH_S longer, so a failure
    printed after the last expected line still fails. Everything is bounded
    by timeout; timed_out() gives the verdict of running out of it."""
    deadline = time.monotonic() + timeout
    stop_at = deadline   # earlier once matched, without wait_for_exit
    while time.monotonic() < stop_at:
        if match.matched and not wait_for_exit and stop_at == deadline:
            stop_at = min(deadline, time.monotonic() + AFTER_MATCH_S)
        try:
            line = q.get(timeout=max(0.05, stop_at - time.monotonic()))
        except queue.Empty:
            continue
        if line is None:
            pending = match.pending()
            return (pending is None, "QEMU exited" + (f" before /{pending}/" if pending else ""))
        line = line.rstrip("\r\n")
        lines.append(line)
        if on_line:
            on_line(line)
        verdict = match.feed(line)
        if verdict:
            return verdict
    if match.matched and not wait_for_exit:
        return (True, "")
    return timed_out()


def run_console(name, folder, spec, board, out_root):
    """Boot in QEMU; the console must show the regexes in order and no
    failure until QEMU exits; then the post_check command, if any, must
    succeed."""
    bdir = build_dir_for(out_root, name, board)
    # Kept between runs for speed, unless the scenario's app has changed.
    if buildlib.holds_other_build(bdir, folder, board):
        shutil.rmtree(bdir)
    try:
        buildlib.configure(folder, board, bdir, cmake_args(spec), quiet=True)
        buildlib.build(bdir, quiet=True)
    except buildlib.BuildError as e:
        return False, f"build failed:\n{e}"
    hc = spec.get("harness_config") or {}
    # ordered (default): each regex after the previous one's line; unordered:
    # each must match some line (for VMs whose output interleaves).
    match = ConsoleMatch([re.compile(r) for r in hc.get("regex") or []],
                         [re.compile(r, re.M) for r in spec.get("fail_regex", DEFAULT_FAIL_REGEX)],
                         hc.get("ordered", True))
    wait_for_exit = hc.get("wait_for_exit", True)
    timeout = float(spec.get("timeout", 60))
    # A monitor socket, to say where the CPUs are if the console falls
    # silent (short path: unix socket names are limited to 108 bytes).
    mon_dir = tempfile.mkdtemp(prefix="mhv-qemu-")
    mon_sock = os.path.join(mon_dir, "monitor")
    argv = buildlib.qemu_args(bdir) + qemu_cpus.monitor_args(mon_sock)
    log_path = os.path.join(bdir, "console.log")
    steps = hc.get("input")
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if steps else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace")

    def type_keys(text):
        proc.stdin.write(text)
        proc.stdin.flush()

    keys = ConsoleInput(steps, type_keys)
    q = queue.Queue()
    threading.Thread(target=pump, args=(proc.stdout, q), daemon=True).start()
    lines = []

    def timed_out():
        # Silent or still talking, the CPUs' places say what it waits on.
        pending = match.pending()
        waiting = (f" waiting for /{pending}/" if pending
                   else " waiting for QEMU to exit (every line matched)")
        cpus = qemu_cpus.describe(mon_sock, os.path.join(bdir, "monadic.elf"),
                                  buildlib.cache_value(bdir, "MHV_CROSS_GCC"))
        return (False, f"timeout after {timeout:.0f} s{waiting}\n"
                "  where the CPUs were:\n" + "\n".join("    " + c for c in cpus))

    try:
        ok, why = watch_console(q, match, lines, timeout, wait_for_exit, timed_out, keys.feed)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        shutil.rmtree(mon_dir, ignore_errors=True)
        with open(log_path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    if not ok:
        tail = "\n".join("    | " + l for l in lines[-25:])
        why += f"\n  console ({log_path}), last lines:\n{tail}"
    elif hc.get("post_check"):
        # Only once QEMU has exited (killed or not): its files are complete.
        ok, why = post_check(hc["post_check"], bdir, folder, board, log_path)
    return ok, why


HARNESSES = {"console": run_console, "build_error": run_build_error, "cli": run_cli}


def run_job(job, out_root):
    name, folder, spec, board = job
    start = time.monotonic()
    harness = HARNESSES.get(spec.get("harness", "console"))
    if harness is None:
        return Result(name, board, False, 0, f"unknown harness '{spec.get('harness')}'")
    try:
        ok, detail = harness(name, folder, spec, board, out_root)
    except Exception as e:  # a runner bug must show as a failed test, not a crash
        ok, detail = False, f"runner error: {e!r}"
    return Result(name, board, ok, time.monotonic() - start, detail)


# ------------------------------------------------------------------ unit tests

CTEST_LINE = re.compile(r"^\s*\d+/\d+ Test\s+#\d+: (\S+) \.+\s*(\*\*\*)?(\w+).*?([\d.]+) sec")


def run_unit(out_root, jobs):
    """Configure, build and ctest tests/unit. [Result] per ctest test."""
    bdir = os.path.join(out_root, "unit")
    start = time.monotonic()
    steps = [["cmake", "-S", os.path.join(BASE, "tests", "unit"), "-B", bdir, "-G", "Ninja",
              f"-DMHV_PYTHON={buildlib.python()}"],
             ["ninja", "-C", bdir]]
    for cmd in steps:
        proc = subprocess.run(cmd, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            return [Result("unit-tests-build", "host", False, time.monotonic() - start,
                           proc.stdout[-4000:])]
    proc = subprocess.Popen(["ctest", "--test-dir", bdir, "--output-on-failure",
                             "-j", str(jobs), "--output-junit", os.path.join(bdir, "ctest.xml")],
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    results, output = [], []
    for line in proc.stdout:
        output.append(line)
        m = CTEST_LINE.match(line)
        if m:
            status = m.group(3)
            r = Result(m.group(1), "host", status == "Passed", float(m.group(4)),
                       skipped=status == "Not" or "Skipped" in line)
            if not r.ok and not r.skipped:
                r.detail = "see " + os.path.join(bdir, "Testing", "Temporary", "LastTest.log")
            results.append(r)
            print_result(r)
    proc.wait()
    if proc.returncode != 0 and all(r.ok or r.skipped for r in results):
        results.append(Result("ctest", "host", False, 0, "".join(output[-40:])))
    return results


# ------------------------------------------------------------------ reporting

def print_result(r):
    status = "SKIP" if r.skipped else ("PASS" if r.ok else "FAIL")
    print(f"{status}  {r.name} on {r.board} ({r.seconds:.1f} s)"
          + (f"\n  {r.detail}" if r.detail and not r.ok else ""), flush=True)


def write_junit(path, results):
    suite = ET.Element("testsuite", name="monadic", tests=str(len(results)),
                       failures=str(sum(1 for r in results if not r.ok and not r.skipped)),
                       skipped=str(sum(1 for r in results if r.skipped)))
    for r in results:
        case = ET.SubElement(suite, "testcase", classname=r.board, name=r.name,
                             time=f"{r.seconds:.2f}")
        if r.skipped:
            ET.SubElement(case, "skipped")
        elif not r.ok:
            ET.SubElement(case, "failure", message=r.detail.splitlines()[0] if r.detail else "")
            case[-1].text = r.detail
    os.makedirs(os.path.dirname(path), exist_ok=True)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-p", "--platform", action="append", help="only this board (repeatable)")
    ap.add_argument("-T", "--testsuite-root", action="append",
                    help=f"folders to search (default: {', '.join(TEST_ROOTS)})")
    ap.add_argument("-s", "--scenario", help="only scenarios whose name matches this regex")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--unit-only", action="store_true")
    ap.add_argument("--qemu-only", action="store_true", help="skip the host unit tests")
    ap.add_argument("-O", "--outdir", default=os.path.join(BASE, "build", "tests"))
    args = ap.parse_args()

    results = []
    started = time.monotonic()
    if not args.qemu_only:
        print("== host unit tests (tests/unit, ctest)", flush=True)
        results += run_unit(args.outdir, args.jobs)
    if not args.unit_only:
        jobs = discover(args.testsuite_root or TEST_ROOTS, args.scenario, args.platform)
        print(f"== {len(jobs)} QEMU/build test runs", flush=True)
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for r in pool.map(lambda j: run_job(j, args.outdir), jobs):
                print_result(r)
                results.append(r)

    write_junit(os.path.join(args.outdir, "junit.xml"), results)
    passed = sum(1 for r in results if r.ok and not r.skipped)
    failed = sum(1 for r in results if not r.ok and not r.skipped)
    skipped = sum(1 for r in results if r.skipped)
    failures = [r for r in results if not r.ok and not r.skipped]
    if failures:
        print("\nFailed:")
        for r in failures:
            print(f"  {r.name} on {r.board}")
    print(f"\n{skipped} skipped; junit: {os.path.join(args.outdir, 'junit.xml')}; "
          f"{time.monotonic() - started:.0f} s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
