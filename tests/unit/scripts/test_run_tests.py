#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""The test runner's host-side check after a console scenario
(harness_config.post_check): placeholders, environment, working directory,
and how a failing or missing command fails the scenario. And when a kept
scenario build dir must be wiped: it was configured for another app or
board."""

import os
import sys
import tempfile
import unittest

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
