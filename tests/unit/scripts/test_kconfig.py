#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/kconfig/kconfig.py: merge order, rejected values, .config kept
across runs (menuconfig edits) until an input changes."""

import os
import subprocess
import sys
import tempfile
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SCRIPT = os.path.join(BASE, "scripts", "kconfig", "kconfig.py")

KCONFIG = """
mainmenu "test"
config A
	bool "a"
config LEVEL
	int "level"
	range 0 4
	default 3
	depends on A
config NAME
	string "name"
	default "x"
config HIDDEN
	bool
config B
	bool "b"
config C
	bool "c"
config DEEP
	int "deep"
	depends on A && (B || C)
choice WAIT
	prompt "wait"
	default WAIT_PORTABLE
config WAIT_SPIN
	bool "spin"
config WAIT_WFE
	bool "wfe"
	depends on B
config WAIT_PORTABLE
	bool "portable"
endchoice
"""


class KconfigMerge(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.kconfig = self.write("Kconfig", KCONFIG)
        self.dotconfig = os.path.join(self.dir, ".config")
        self.autoconf = os.path.join(self.dir, "autoconf.h")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def run_kconfig(self, fragments, cmdline=()):
        cmd = [sys.executable, SCRIPT, self.kconfig, self.dotconfig, self.autoconf,
               "--deps-dir", os.path.join(self.dir, "deps")]
        for f in fragments:
            cmd += ["--fragment", f]
        for c in cmdline:
            cmd += ["--set", c]
        return subprocess.run(cmd, text=True, capture_output=True)

    def config(self):
        with open(self.dotconfig) as f:
            return f.read()

    def test_later_fragments_and_command_line_win(self):
        board = self.write("board_defconfig", "CONFIG_A=y\nCONFIG_LEVEL=1\nCONFIG_NAME=\"board\"\n")
        prj = self.write("prj.conf", "CONFIG_LEVEL=2\nCONFIG_NAME=\"prj\"\n")
        extra = self.write("extra.conf", "CONFIG_LEVEL=4\n")
        r = self.run_kconfig([board, prj, extra], ["CONFIG_NAME=cmdline"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("CONFIG_LEVEL=4\n", self.config())
        self.assertIn('CONFIG_NAME="cmdline"\n', self.config())
        with open(self.autoconf) as f:
            self.assertIn("#define CONFIG_LEVEL 4", f.read())

    def test_symbol_files_change_only_with_their_symbol(self):
        """What scripts/fixdep.py makes objects depend on."""
        deps = os.path.join(self.dir, "deps")
        self.assertEqual(self.run_kconfig([self.write("prj.conf", "CONFIG_A=y\n")]).returncode, 0)
        with open(os.path.join(deps, "LEVEL")) as f:
            self.assertEqual(f.read(), "CONFIG_LEVEL=3\n")
        for name in os.listdir(deps):  # an old time, to see which are rewritten
            os.utime(os.path.join(deps, name), (1, 1))
        prj = self.write("prj.conf", "CONFIG_A=y\nCONFIG_LEVEL=2\n")
        self.assertEqual(self.run_kconfig([prj]).returncode, 0)
        rewritten = sorted(n for n in os.listdir(deps)
                           if os.path.getmtime(os.path.join(deps, n)) != 1)
        self.assertEqual(rewritten, ["LEVEL"])

    def test_unknown_symbol_names_fragment_line_and_suggests(self):
        prj = self.write("prj.conf", "CONFIG_A=y\nCONFIG_LEVL=2\n")
        r = self.run_kconfig([prj])
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("prj.conf:2: CONFIG_LEVL is not a known Kconfig symbol "
                      "(did you mean CONFIG_LEVEL?)", r.stderr)
        self.assertFalse(os.path.exists(self.autoconf))

    def test_unmet_dependency(self):
        prj = self.write("prj.conf", "CONFIG_LEVEL=2\n")
        r = self.run_kconfig([prj])
        self.assertIn("CONFIG_LEVEL was assigned '2' but got '': its dependencies are not "
                      "met: depends on A; unmet: A is n\n", r.stderr)

    def test_unmet_dependency_names_each_unmet_term_and_its_value(self):
        prj = self.write("prj.conf", "CONFIG_C=n\nCONFIG_DEEP=2\n")
        r = self.run_kconfig([prj])
        self.assertIn("prj.conf:2: CONFIG_DEEP was assigned '2' but got '': its dependencies "
                      "are not met: depends on A && (B || C); unmet: A is n, "
                      "B || C is n (B is n, C is n)\n", r.stderr)
        # A term that holds is not named.
        prj = self.write("prj.conf", "CONFIG_A=y\nCONFIG_DEEP=2\n")
        self.assertIn("depends on A && (B || C); unmet: B || C is n (B is n, C is n)\n",
                      self.run_kconfig([prj]).stderr)

    def test_later_fragment_picks_another_choice_member(self):
        board = self.write("board_defconfig", "CONFIG_WAIT_SPIN=y\n")
        prj = self.write("prj.conf", "CONFIG_WAIT_PORTABLE=y\n")
        r = self.run_kconfig([board, prj])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("CONFIG_WAIT_PORTABLE=y\n", self.config())
        self.assertIn("# CONFIG_WAIT_SPIN is not set\n", self.config())
        # ... and the command line beats both.
        r = self.run_kconfig([board, prj], ["CONFIG_WAIT_SPIN=y"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("CONFIG_WAIT_SPIN=y\n", self.config())

    def test_tree_dataplane_wait_spin_then_portable(self):
        """The case of issue #12 on the real tree: a board-like fragment picks
        the spin wait, the app's picks the portable one."""
        board_dir = os.path.join(BASE, "boards", "amazon", "graviton2")
        env = dict(os.environ, srctree=BASE, MONADIC_BASE=BASE, BOARD="graviton2",
                   BOARD_TARGET="graviton2/qemu", BOARD_DIR=board_dir)
        spin = self.write("spin.conf", "CONFIG_DATAPLANE=y\nCONFIG_DATAPLANE_WAIT_SPIN=y\n")
        portable = self.write("portable.conf", "CONFIG_DATAPLANE_WAIT_PORTABLE=y\n")
        r = subprocess.run([sys.executable, SCRIPT, os.path.join(BASE, "Kconfig"), self.dotconfig,
                            self.autoconf, "--fragment",
                            os.path.join(board_dir, "graviton2_qemu_defconfig"),
                            "--fragment", spin, "--fragment", portable],
                           text=True, capture_output=True, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("CONFIG_DATAPLANE_WAIT_PORTABLE=y\n", self.config())

    def test_choice_member_with_unmet_dependency(self):
        prj = self.write("prj.conf", "CONFIG_WAIT_SPIN=y\nCONFIG_WAIT_WFE=y\n")
        r = self.run_kconfig([prj])
        self.assertIn("prj.conf:2: CONFIG_WAIT_WFE was assigned 'y' but is not chosen: its "
                      "dependencies are not met: depends on B && <choice WAIT>; unmet: B is n",
                      r.stderr)

    def test_every_error_is_reported(self):
        prj = self.write("prj.conf", "CONFIG_LEVL=2\nCONFIG_LEVEL=many\nCONFIG_DEEP=1\n"
                         "LEVEL=2\nCONFIG_HIDDEN=y\n")
        r = self.run_kconfig([prj], ["CONFIG_NAM=x", "NAME"])
        self.assertNotEqual(r.returncode, 0)
        errors = [line for line in r.stderr.splitlines() if line.startswith("error: Kconfig: ")]
        self.assertEqual(len(errors), 7, r.stderr)
        for what in ("prj.conf:1: CONFIG_LEVL is not a known", "prj.conf:2: CONFIG_LEVEL: 'many'",
                     "prj.conf:3: CONFIG_DEEP was assigned", "prj.conf:4: not a Kconfig assignment",
                     "prj.conf:5: CONFIG_HIDDEN was assigned",
                     "command line (-DCONFIG_NAM): CONFIG_NAM is not a known",
                     "command line: not a CONFIG_ assignment: 'NAME'"):
            self.assertIn(what, r.stderr)
        self.assertFalse(os.path.exists(self.autoconf))

    def test_out_of_range(self):
        prj = self.write("prj.conf", "CONFIG_A=y\nCONFIG_LEVEL=9\n")
        r = self.run_kconfig([prj])
        self.assertIn("outside the allowed range [0, 4]", r.stderr)

    def test_promptless_symbol(self):
        prj = self.write("prj.conf", "CONFIG_HIDDEN=y\n")
        r = self.run_kconfig([prj])
        self.assertIn("CONFIG_HIDDEN was assigned 'y' but got 'n': the symbol has no prompt",
                      r.stderr)

    def test_bad_value_and_bad_line(self):
        self.assertIn("'many' is not a valid int value",
                      self.run_kconfig([self.write("a.conf", "CONFIG_A=y\nCONFIG_LEVEL=many\n")]).stderr)
        self.assertIn("b.conf:1: not a Kconfig assignment",
                      self.run_kconfig([self.write("b.conf", "LEVEL=2\n")]).stderr)

    def test_edited_config_survives_until_inputs_change(self):
        prj = self.write("prj.conf", "CONFIG_A=y\n")
        self.assertEqual(self.run_kconfig([prj]).returncode, 0)
        # What menuconfig does on save: rewrite .config.
        with open(self.dotconfig) as f:
            edited = f.read().replace("CONFIG_LEVEL=3", "CONFIG_LEVEL=1")
        with open(self.dotconfig, "w") as f:
            f.write(edited)
        self.assertEqual(self.run_kconfig([prj]).returncode, 0)
        self.assertIn("CONFIG_LEVEL=1\n", self.config())
        with open(self.autoconf) as f:
            self.assertIn("#define CONFIG_LEVEL 1", f.read())
        # A changed fragment is merged afresh: the fragment wins again.
        self.write("prj.conf", "CONFIG_A=y\nCONFIG_NAME=\"new\"\n")
        self.assertEqual(self.run_kconfig([prj]).returncode, 0)
        self.assertIn("CONFIG_LEVEL=3\n", self.config())


if __name__ == "__main__":
    unittest.main()
