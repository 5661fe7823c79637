#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""`mhv build` as a user types it: -p/--pristine parsing, what
buildlib.prepare does with an existing build dir (start afresh, refuse,
keep it), and what `-t menuconfig` and `mhv debug` start, without running
CMake, ninja, QEMU or gdb: those are replaced by recorders."""

import os
import sys
import tempfile
import unittest
from unittest import mock

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts"))

import buildlib  # noqa: E402
import mhv  # noqa: E402

HELLO = os.path.join(BASE, "samples", "hello")
LINUX = os.path.join(BASE, "samples", "linux")


class PristineOption(unittest.TestCase):
    def parsed(self, *argv):
        return mhv.parse(list(argv))[1]

    def test_default_is_auto(self):
        args = self.parsed("build", "samples/hello")
        self.assertEqual((args.pristine, args.app), ("auto", "samples/hello"))

    def test_p_takes_its_value(self):
        for value in ("auto", "always", "never"):
            args = self.parsed("build", "-p", value, "samples/hello")
            self.assertEqual((args.pristine, args.app), (value, "samples/hello"))

    def test_long_option_takes_its_value(self):
        args = self.parsed("build", "--pristine", "never", "samples/hello")
        self.assertEqual((args.pristine, args.app), ("never", "samples/hello"))

    def test_bare_p_is_always_and_the_next_word_is_the_app(self):
        args = self.parsed("build", "-p", "samples/hello")
        self.assertEqual((args.pristine, args.app), ("always", "samples/hello"))
        args = self.parsed("build", "-b", "graviton3", "-p")
        self.assertEqual((args.pristine, args.app, args.board), ("always", None, "graviton3"))
        args = self.parsed("run", "-p", "-b", "graviton3")
        self.assertEqual((args.pristine, args.board), ("always", "graviton3"))

    def test_cmake_arguments_after_double_dash(self):
        args = self.parsed("build", "samples/hello", "--", "-DCONFIG_LOG_LEVEL=4", "-p")
        self.assertEqual((args.pristine, args.cmake_args), ("auto", ["-DCONFIG_LOG_LEVEL=4", "-p"]))


class PrepareBuildDir(unittest.TestCase):
    """A fake configured dir: CMakeCache.txt + build.ninja + a marker that
    only survives when the dir is kept."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.bdir = os.path.join(self.tmp.name, "build")
        self.configured = []
        patcher = mock.patch.object(buildlib, "configure", side_effect=self.fake_configure)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.addCleanup(self.tmp.cleanup)

    def fake_configure(self, app, board, build_dir, cmake_args=(), quiet=False):
        self.configured.append((app, board, list(cmake_args)))
        self.write_cache(app, board)

    def write_cache(self, app, board):
        os.makedirs(os.path.join(self.bdir, "monadic"), exist_ok=True)
        with open(os.path.join(self.bdir, "CMakeCache.txt"), "w") as f:
            f.write(f"CMAKE_HOME_DIRECTORY:INTERNAL={app}\nBOARD:STRING={board}\n")
        open(os.path.join(self.bdir, "build.ninja"), "w").close()

    def make_dir(self, app, board):
        """A dir configured earlier, with a build in it (the marker)."""
        self.write_cache(app, board)
        open(os.path.join(self.bdir, "marker"), "w").close()

    def kept(self):
        return os.path.exists(os.path.join(self.bdir, "marker"))

    def prepare(self, app, board, pristine="auto", cmake_args=()):
        return buildlib.prepare(app, board, self.bdir, pristine, cmake_args)

    def test_new_dir_is_configured_with_the_full_board_name(self):
        self.assertEqual(self.prepare(HELLO, "graviton3"), (HELLO, "graviton3/qemu"))
        self.assertEqual(self.configured, [(HELLO, "graviton3/qemu", [])])

    def test_auto_starts_afresh_for_another_board(self):
        self.make_dir(HELLO, "graviton2/qemu")
        self.prepare(HELLO, "graviton3/qemu")
        self.assertFalse(self.kept())
        self.assertEqual(self.configured, [(HELLO, "graviton3/qemu", [])])

    def test_auto_starts_afresh_for_another_app_on_the_remembered_board(self):
        self.make_dir(HELLO, "graviton3/qemu")
        self.prepare(LINUX, None)
        self.assertFalse(self.kept())
        self.assertEqual(self.configured, [(LINUX, "graviton3/qemu", [])])

    def test_never_refuses_another_board(self):
        self.make_dir(HELLO, "graviton2/qemu")
        with self.assertRaisesRegex(buildlib.BuildError,
                                    "holds a build of .*hello for graviton2/qemu; use -p"):
            self.prepare(HELLO, "graviton3", pristine="never")
        self.assertTrue(self.kept())
        self.assertEqual(self.configured, [])

    def test_short_board_name_is_the_same_board(self):
        self.make_dir(HELLO, "graviton2/qemu")
        self.prepare(HELLO, "graviton2", pristine="never")
        self.make_dir(HELLO, "graviton2")  # configured by hand with cmake -DBOARD=graviton2
        self.prepare(HELLO, "graviton2/qemu", pristine="never")
        self.assertTrue(self.kept())
        self.assertEqual(self.configured, [])

    def test_unknown_board_leaves_the_dir_as_it_was(self):
        self.make_dir(HELLO, "graviton2/qemu")
        with self.assertRaisesRegex(buildlib.BuildError,
                                    r"unknown board 'typo/qemu'\..*Known boards: "):
            self.prepare(HELLO, "typo/qemu")
        self.assertTrue(self.kept())
        self.assertEqual(buildlib.configured_board(self.bdir), "graviton2/qemu")
        # The next plain `mhv build` rebuilds what was there.
        self.assertEqual(self.prepare(None, None, pristine="never"), (HELLO, "graviton2/qemu"))
        self.assertEqual(self.configured, [])

    def test_dir_left_by_an_unknown_board_is_replaced(self):
        self.make_dir(HELLO, "typo/qemu")  # what older mhv left after a failed -b typo
        self.prepare(HELLO, "graviton2")
        self.assertFalse(self.kept())
        self.assertEqual(self.configured, [(HELLO, "graviton2/qemu", [])])

    def test_the_same_cmake_arguments_again_do_not_reconfigure(self):
        args = ["-DCONFIG_LOG_LEVEL=4"]
        self.prepare(HELLO, "graviton2", cmake_args=args)
        self.prepare(HELLO, "graviton2", cmake_args=list(args))
        self.prepare(HELLO, None)  # none: what the cache holds
        self.assertEqual(self.configured, [(HELLO, "graviton2/qemu", args)])
        self.prepare(HELLO, None, cmake_args=["-DCONFIG_LOG_LEVEL=3"])
        self.assertEqual(len(self.configured), 2)

    def test_failed_configure_is_retried_with_the_same_arguments(self):
        self.make_dir(HELLO, "graviton2/qemu")
        with mock.patch.object(buildlib, "configure", side_effect=buildlib.BuildError("bad")):
            with self.assertRaises(buildlib.BuildError):
                self.prepare(HELLO, None, cmake_args=["-DCONFIG_LOG_LEVEL=9"])
        self.prepare(HELLO, None, cmake_args=["-DCONFIG_LOG_LEVEL=9"])
        self.assertEqual(len(self.configured), 1)

    def test_always_starts_afresh_even_for_the_same_build(self):
        self.make_dir(HELLO, "graviton2/qemu")
        self.prepare(HELLO, "graviton2", pristine="always")
        self.assertFalse(self.kept())
        self.assertEqual(self.configured, [(HELLO, "graviton2/qemu", [])])


class Commands(unittest.TestCase):
    """What mhv runs for a command once the build dir is prepared."""

    def setUp(self):
        for name, value in (("prepare", None), ("qemu_args", ["qemu-system-aarch64", "-kernel",
                                                               "monadic.elf"])):
            patcher = mock.patch.object(buildlib, name, return_value=value)
            patcher.start()
            self.addCleanup(patcher.stop)
        self.built = []
        patcher = mock.patch.object(buildlib, "build",
                                    side_effect=self.record_build)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.ensure = mock.patch.object(mhv.requirements, "ensure", return_value=True).start()
        self.addCleanup(mock.patch.stopall)
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def record_build(self, build_dir, target=None, quiet=False):
        self.built.append(target)
        return 0

    def test_menuconfig_opens_without_compiling(self):
        self.assertEqual(mhv.main(["build", "-d", self.tmp.name, "-t", "menuconfig"]), 0)
        self.assertEqual(self.built, ["menuconfig"])

    def test_debug_attaches_gdb_multiarch_to_halted_qemu(self):
        qemu = mock.Mock()
        with mock.patch.object(mhv.subprocess, "Popen", return_value=qemu) as popen, \
             mock.patch.object(mhv.subprocess, "run",
                               return_value=mock.Mock(returncode=0)) as run:
            self.assertEqual(mhv.main(["debug", "-d", self.tmp.name]), 0)
        self.ensure.assert_called_once_with(["build", "run", "debug"])
        self.assertEqual(self.built, ["monadic_image"])
        qemu_argv = popen.call_args.args[0]
        self.assertEqual(qemu_argv[-3:], ["-gdb", "tcp::1234", "-S"])
        self.assertTrue(popen.call_args.kwargs["start_new_session"])
        elf = os.path.join(self.tmp.name, "monadic.elf")
        self.assertEqual(run.call_args.args[0], ["gdb-multiarch", "-q", "-ex", f"file {elf}",
                                                 "-ex", "target remote :1234"])
        qemu.terminate.assert_called_once_with()  # gdb quit: QEMU goes too

    def test_debug_stops_when_gdb_cannot_be_installed(self):
        self.ensure.return_value = False
        with mock.patch.object(mhv.subprocess, "Popen") as popen:
            self.assertEqual(mhv.main(["debug", "-d", self.tmp.name]), 1)
        popen.assert_not_called()


if __name__ == "__main__":
    unittest.main()
