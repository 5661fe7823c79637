#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""The test runner's host-side check after a console scenario
(harness_config.post_check): placeholders, environment, working directory,
and how a failing or missing command fails the scenario. When a kept
scenario build dir must be wiped: it was configured for another app or
board. And the console verdict: a failure printed after the last expected
line fails the scenario, and waiting for QEMU to exit is bounded."""

import os
import queue
import re
import sys
import tempfile
import time
import unittest
from unittest import mock

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts"))

import buildlib  # noqa: E402
import run_tests  # noqa: E402


class PostCheck(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.bdir = self.tmp.name
        self.log = os.path.join(self.bdir, "console.log")
        with open(self.log, "w") as f:
            f.write("[linux] token 1234\n")

    def tearDown(self):
        self.tmp.cleanup()

    def check(self, argv):
        return run_tests.post_check(argv, self.bdir, "/some/app", "graviton2/qemu", self.log)

    def test_placeholders_cwd_and_environment(self):
        script = ("import os, sys; assert os.getcwd() == os.path.realpath(sys.argv[2]); "
                  "assert os.environ['MHV_CONSOLE_LOG'] == sys.argv[1]; "
                  "assert os.environ['MHV_BOARD'] == sys.argv[3]; "
                  "assert os.environ['MHV_APP_DIR'] == sys.argv[4]; "
                  "print(open(sys.argv[1]).read().split()[-1])")
        ok, out = self.check(["{python}", "-c", script, "{log}", "{build}", "{board}", "{app}"])
        self.assertTrue(ok, out)
        self.assertEqual(out, "1234")

    def test_nonzero_exit_fails_with_the_output(self):
        ok, why = self.check(["sh", "-c", "echo image lacks the pattern; exit 3"])
        self.assertFalse(ok)
        self.assertIn("exited 3", why)
        self.assertIn("image lacks the pattern", why)

    def test_missing_command_fails(self):
        ok, why = self.check([os.path.join(self.bdir, "no-such-checker")])
        self.assertFalse(ok)
        self.assertIn("no-such-checker", why)

    def test_not_a_list_is_refused(self):
        ok, why = self.check("check.py {log}")
        self.assertFalse(ok)
        self.assertIn("must be a list", why)

    def test_timeout_fails(self):
        ok, why = run_tests.post_check(["sleep", "5"], self.bdir, "/a", "b", self.log, timeout=0.5)
        self.assertFalse(ok)
        self.assertIn("timed out", why)


def timed_out():
    return (False, "timed out")


class TypedInput(unittest.TestCase):
    """harness_config.input: each step typed once, in order, after its line."""

    def test_steps_in_order_after_their_lines(self):
        typed = []
        keys = run_tests.ConsoleInput([{"after": "login:", "send": "root\n"},
                                       {"after": "^# ", "send": "poweroff\n"}], typed.append)
        for line in ["# early prompt", "Debian login: ", "# ", "# again"]:
            keys.feed(line)
        self.assertEqual(typed, ["root\n", "poweroff\n"])

    def test_watch_console_types_as_lines_arrive(self):
        typed = []
        q = queue.Queue()
        for line in ["waiting for input\n", "got: hello\n", None]:
            q.put(line)
        match = run_tests.ConsoleMatch([re.compile("got: hello")], [], True)
        keys = run_tests.ConsoleInput([{"after": "waiting", "send": "hello\r"}], typed.append)
        verdict = run_tests.watch_console(q, match, [], 5.0, True, timed_out, keys.feed)
        self.assertEqual(verdict, (True, "QEMU exited"))
        self.assertEqual(typed, ["hello\r"])


class WatchConsole(unittest.TestCase):
    """watch_console with a fake console: lines, then None when QEMU exits."""

    def watch(self, console, wait_for_exit=True, timeout=5.0, ordered=True):
        q = queue.Queue()
        for line in console:
            q.put(line)
        match = run_tests.ConsoleMatch(
            [re.compile(r) for r in ("boot", "done")],
            [re.compile(r, re.M) for r in run_tests.DEFAULT_FAIL_REGEX], ordered)
        lines = []
        verdict = run_tests.watch_console(q, match, lines, timeout, wait_for_exit, timed_out)
        return verdict, lines

    def test_failure_after_the_last_expected_line_fails(self):
        (ok, why), lines = self.watch(["boot\n", "done\n", "[vm] FAIL: late check\n", None])
        self.assertFalse(ok)
        self.assertEqual(why, "console printed a failure: [vm] FAIL: late check")
        self.assertEqual(lines[-1], "[vm] FAIL: late check")

    def test_failure_after_the_last_line_fails_unordered_too(self):
        (ok, why), _ = self.watch(["done", "boot", "FAIL: late", None], ordered=False)
        self.assertFalse(ok)
        self.assertIn("FAIL: late", why)

    def test_output_up_to_the_exit_is_read(self):
        (ok, why), lines = self.watch(["boot", "done", "powering off", None])
        self.assertTrue(ok, why)
        self.assertEqual(lines, ["boot", "done", "powering off"])

    def test_exit_before_the_expected_lines_fails(self):
        (ok, why), _ = self.watch(["boot", None])
        self.assertFalse(ok)
        self.assertEqual(why, "QEMU exited before /done/")

    def test_waiting_for_the_exit_is_bounded_by_the_timeout(self):
        start = time.monotonic()
        (ok, why), _ = self.watch(["boot", "done"], timeout=0.5)
        self.assertFalse(ok)
        self.assertEqual(why, "timed out")
        self.assertLess(time.monotonic() - start, 2)

    def test_without_wait_for_exit_a_failure_just_after_still_fails(self):
        (ok, why), _ = self.watch(["boot", "done", "FAIL: late"], wait_for_exit=False)
        self.assertFalse(ok)
        self.assertIn("FAIL: late", why)

    def test_without_wait_for_exit_a_halted_machine_passes_soon_after(self):
        start = time.monotonic()
        with mock.patch.object(run_tests, "AFTER_MATCH_S", 0.3):
            (ok, why), _ = self.watch(["boot", "done"], wait_for_exit=False, timeout=30)
        self.assertTrue(ok, why)
        self.assertLess(time.monotonic() - start, 2)


FAKE_QEMU = """
for line in ("*** Monadic hypervisor", "All VMs have stopped: powering off"{late}):
    print(line, flush=True)
"""


class RunConsole(unittest.TestCase):
    """run_console end to end, with a script in QEMU's place."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.spec = {"harness_config": {"regex": ["Monadic hypervisor", "powering off"]}}

    def tearDown(self):
        self.tmp.cleanup()

    def run_fake(self, late):
        script = os.path.join(self.tmp.name, "fake_qemu.py")
        with open(script, "w") as f:
            f.write(FAKE_QEMU.format(late=late))

        def configure(app, board, bdir, *args, **kwargs):
            os.makedirs(os.path.join(bdir, "monadic"), exist_ok=True)
            with open(os.path.join(bdir, "monadic", "qemu.args"), "w") as f:
                f.write(f"{sys.executable}\n{script}\n")

        with mock.patch.object(buildlib, "configure", configure), \
                mock.patch.object(buildlib, "build", lambda *a, **k: 0):
            return run_tests.run_console("fake", self.tmp.name, self.spec, "graviton2/qemu",
                                         self.tmp.name)

    def test_failure_after_the_last_expected_line_fails(self):
        ok, why = self.run_fake(late=', "[linux] FAIL: printed after the last expected line"')
        self.assertFalse(ok)
        self.assertIn("console printed a failure: [linux] FAIL: printed after", why)

    def test_clean_run_passes(self):
        ok, why = self.run_fake(late="")
        self.assertTrue(ok, why)


class StaleBuildDir(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.bdir = self.tmp.name
        self.hello = os.path.join(BASE, "samples", "hello")

    def tearDown(self):
        self.tmp.cleanup()

    def configured(self, app, board):
        with open(os.path.join(self.bdir, "CMakeCache.txt"), "w") as f:
            f.write(f"CMAKE_HOME_DIRECTORY:INTERNAL={app}\nBOARD:STRING={board}\n")

    def test_unconfigured_dir_is_kept(self):
        self.assertFalse(buildlib.holds_other_build(self.bdir, self.hello, "graviton2/qemu"))

    def test_same_app_and_board_is_kept(self):
        self.configured(self.hello, "graviton2/qemu")
        self.assertFalse(buildlib.holds_other_build(self.bdir, self.hello + "/", "graviton2/qemu"))

    def test_other_app_or_board_is_wiped(self):
        self.configured(os.path.join(BASE, "samples", "linux"), "graviton2/qemu")
        self.assertTrue(buildlib.holds_other_build(self.bdir, self.hello, "graviton2/qemu"))
        self.configured(self.hello, "graviton3/qemu")
        self.assertTrue(buildlib.holds_other_build(self.bdir, self.hello, "graviton2/qemu"))


if __name__ == "__main__":
    unittest.main()
