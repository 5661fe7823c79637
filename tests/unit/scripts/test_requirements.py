#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/requirements.py: what is missing, and the exact command a user
without root is told to run (e.g. when QEMU is not installed)."""

import io
import os
import shutil
import sys
import unittest
from contextlib import redirect_stderr
from unittest import mock

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts"))

import requirements  # noqa: E402

REAL_WHICH = shutil.which


def which_without(*names):
    return lambda cmd, *a, **k: None if cmd in names else REAL_WHICH(cmd, *a, **k)


class Requirements(unittest.TestCase):
    def test_missing_qemu_names_its_package(self):
        with mock.patch("shutil.which", which_without("qemu-system-aarch64")):
            self.assertEqual(requirements.missing(["run"]), ["qemu-system-arm"])

    def test_not_root_prints_the_command_and_installs_nothing(self):
        err = io.StringIO()
        with mock.patch("shutil.which", which_without("qemu-system-aarch64", "dtc")), \
             mock.patch("os.geteuid", return_value=1000), \
             mock.patch("subprocess.run") as run, redirect_stderr(err):
            self.assertFalse(requirements.ensure(["build", "run"]))
        run.assert_not_called()
        self.assertIn("sudo apt-get update && sudo apt-get install -y --no-install-recommends "
                      "device-tree-compiler qemu-system-arm", err.getvalue())

    def test_nothing_missing(self):
        with mock.patch("subprocess.run") as run:
            self.assertTrue(requirements.ensure(["build"]))
        run.assert_not_called()


if __name__ == "__main__":
    unittest.main()
