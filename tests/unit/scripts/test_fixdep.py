#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""scripts/fixdep.py: autoconf.h in a depfile becomes the files of the
Kconfig symbols the source and its headers use; other depfiles and failed
compiles are left alone."""

import os
import sys
import tempfile
import unittest

BASE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(BASE, "scripts"))

import fixdep  # noqa: E402

# A stand-in compiler: writes the depfile it is given with -MF, then exits
# with the status it is given.
FAKE_CC = ("import sys; a = sys.argv; open(a[a.index('-MF') + 1], 'w').write(a[1]); "
           "sys.exit(int(a[2]))")


class Fixdep(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.deps_dir = self.path("kconfig_deps")
        os.mkdir(self.deps_dir)
        for name in ("FOO", "BAR", "UNUSED"):
            self.write(os.path.join("kconfig_deps", name), f"CONFIG_{name}=y\n")
        self.autoconf = self.write("autoconf.h", "#define CONFIG_FOO 1\n#define CONFIG_BAR 1\n")
        self.source = self.write("my dir/a.c", "#if CONFIG_FOO\nint a;\n#endif\n")
        self.header = self.write("b.h", "#ifdef CONFIG_BAR\n#endif\n/* CONFIG_NOT_KCONFIG */\n")
        self.depfile = self.path("a.o.d")

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def write(self, name, text):
        os.makedirs(os.path.dirname(self.path(name)), exist_ok=True)
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def depfile_text(self, *prereqs):
        return "a.o: " + " \\\n ".join(p.replace(" ", "\\ ") for p in prereqs) + "\n"

    def compile(self, depfile_text, status=0):
        return fixdep.main(["--deps-dir", self.deps_dir, "--autoconf", self.autoconf, "--",
                            sys.executable, "-c", FAKE_CC, depfile_text, str(status),
                            "-MF", self.depfile])

    def test_autoconf_becomes_the_symbols_used(self):
        self.assertEqual(self.compile(self.depfile_text(self.source, self.autoconf,
                                                        self.header)), 0)
        self.assertEqual(fixdep.read_depfile(self.depfile), ("a.o", [
            self.source, self.header, os.path.join(self.deps_dir, "BAR"),
            os.path.join(self.deps_dir, "FOO")]))

    def test_depfile_without_autoconf_is_left_alone(self):
        text = self.depfile_text(self.source, self.header)
        self.compile(text)
        with open(self.depfile) as f:
            self.assertEqual(f.read(), text)

    def test_failed_compile_keeps_its_status_and_depfile(self):
        text = self.depfile_text(self.source, self.autoconf)
        self.assertEqual(self.compile(text, status=3), 3)
        with open(self.depfile) as f:
            self.assertEqual(f.read(), text)

    def test_bad_command_line_says_how_to_call_it(self):
        with self.assertRaises(SystemExit) as ctx:
            fixdep.main(["--deps-dir", self.deps_dir, "gcc"])
        self.assertIn("fixdep.py --deps-dir DIR --autoconf AUTOCONF_H -- COMPILER", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
