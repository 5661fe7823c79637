# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Configuring and building one app for one board, shared by `mhv` and the
test runner so both build exactly the same way."""

import json
import os
import re
import shutil
import subprocess
import sys

import boards as boardlib

MONADIC_BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BOARD = "graviton2/qemu"
DEFAULT_APP = os.path.join(MONADIC_BASE, "samples", "linux")


class BuildError(Exception):
    pass


def python():
    return os.environ.get("MHV_PYTHON") or sys.executable


def cache_value(build_dir, key):
    """A CMakeCache.txt entry of a configured build dir, or None."""
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt"), encoding="utf-8") as f:
            for line in f:
                m = re.match(rf"^{re.escape(key)}:[A-Z]+=(.*)$", line.strip())
                if m:
                    return m.group(1)
    except OSError:
        pass
    return None


def cross_tool(cross_gcc, name):
    """The binutils tool 'name' beside a cross gcc ('.../aarch64-linux-gnu-gcc'),
    or None when there is none."""
    if cross_gcc and cross_gcc.endswith("gcc"):
        tool = cross_gcc[:-3] + name
        if shutil.which(tool):
            return tool
    return None


def configured_app(build_dir):
    return cache_value(build_dir, "CMAKE_HOME_DIRECTORY")


def configured_board(build_dir):
    return cache_value(build_dir, "BOARD")


def check_app(app):
    app = os.path.abspath(app)
    if not os.path.isdir(app):
        raise BuildError(f"error: app folder not found: {app}")
    if not os.path.isfile(os.path.join(app, "CMakeLists.txt")):
        raise BuildError(f"error: {app} is not an app: it has no CMakeLists.txt")
    return app


def configure(app, board, build_dir, cmake_args=(), quiet=False):
    """cmake -G Ninja for app/board into build_dir. Raises BuildError with
    CMake's own message on failure."""
    cmd = ["cmake", "-S", app, "-B", build_dir, "-G", "Ninja",
           f"-DBOARD={board}", f"-DMHV_PYTHON={python()}"] + list(cmake_args)
    env = dict(os.environ, MONADIC_BASE=MONADIC_BASE)
    proc = subprocess.run(cmd, env=env, text=True,
                          stdout=subprocess.PIPE if quiet else None,
                          stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise BuildError(cmake_error(proc.stderr))
    if not quiet and proc.stderr:
        sys.stderr.write(proc.stderr)


def cmake_error(stderr):
    """The message of a CMake FATAL_ERROR without CMake's frame around it."""
    lines = []
    for line in stderr.splitlines():
        if line.startswith("CMake Error at") or line.startswith("Call Stack") or \
           re.match(r"^\s+\S+\.(cmake|txt):\d+ \(", line) or \
           line.strip() == "-- Configuring incomplete, errors occurred!":
            continue
        lines.append(line.strip())
    text = "\n".join(l for l in lines if l).strip()
    return text or stderr.strip()


def build(build_dir, target=None, quiet=False):
    cmd = ["ninja", "-C", build_dir] + ([target] if target else [])
    if target in ("run", "debug", "menuconfig", "guiconfig"):
        return subprocess.run(cmd).returncode  # interactive: the terminal is theirs
    proc = subprocess.run(cmd, text=True, stdout=subprocess.PIPE if quiet else None,
                          stderr=subprocess.STDOUT if quiet else None)
    if proc.returncode != 0:
        raise BuildError("error: build failed" + (":\n" + proc.stdout[-4000:] if quiet else ""))
    return 0


def qemu_args(build_dir):
    path = os.path.join(build_dir, "monadic", "qemu.args")
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def board_roots(cmake_args=()):
    """The folders boards are searched in: the tree's, then each
    -DBOARD_ROOT= folder's boards/ (as cmake/boards.cmake searches)."""
    roots = [os.path.join(MONADIC_BASE, "boards")]
    for arg in cmake_args:
        m = re.match(r"^-DBOARD_ROOT(?::\w+)?=(.*)$", arg)
        if m:
            roots += [os.path.join(r, "boards") for r in m.group(1).split(";") if r]
    return roots


def canonical_board(board, cmake_args=()):
    """The full target of a board name ('graviton2' -> 'graviton2/qemu'),
    so two spellings of one board are one board. BuildError for an unknown
    board, raised before a build dir is touched."""
    try:
        found = boardlib.find_boards(board_roots(cmake_args))
        b, qualifier = boardlib.resolve(found, board)
    except boardlib.BoardError as e:
        raise BuildError(f"error: {e}") from e
    return "/".join(filter(None, [b["name"], qualifier]))


def same_board(a, b, cmake_args=()):
    """Whether two board names are one board. A name that does not resolve
    (a dir left by an older failed configure) is no board."""
    try:
        return canonical_board(a, cmake_args) == canonical_board(b, cmake_args)
    except BuildError:
        return False


def holds_other_build(build_dir, app, board):
    """True when build_dir is configured, but for another app or board
    (CMake refuses to configure it for this one: 'does not match')."""
    have_app = configured_app(build_dir)
    board_root = cache_value(build_dir, "BOARD_ROOT")
    roots = [f"-DBOARD_ROOT={board_root}"] if board_root else []
    return have_app is not None and (os.path.realpath(have_app) != os.path.realpath(app)
                                     or not same_board(configured_board(build_dir), board, roots))


def cmake_args_file(build_dir):
    return os.path.join(build_dir, "monadic", "mhv_cmake_args.json")


def last_cmake_args(build_dir):
    """The CMake arguments of the dir's last successful configure by mhv."""
    try:
        with open(cmake_args_file(build_dir), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def prepare(app, board, build_dir, pristine, cmake_args=(), quiet=False):
    """Configure when needed: a new dir, another app or board (auto-pristine),
    -p always, or CMake arguments other than the last ones (the same ones
    again are already in CMake's cache). Returns the (app, board) built.
    The board and app are checked first, so a typo leaves the dir as it was."""
    have_app, have_board = configured_app(build_dir), configured_board(build_dir)
    app = check_app(app) if app else (have_app or DEFAULT_APP)
    board = canonical_board(board or have_board or DEFAULT_BOARD, cmake_args)
    changed = holds_other_build(build_dir, app, board)
    if pristine == "always" or (changed and pristine == "auto"):
        shutil.rmtree(build_dir, ignore_errors=True)
    elif changed:
        raise BuildError(f"error: {build_dir} holds a build of {have_app} for {have_board}; "
                         f"use -p to rebuild it for {app} on {board}")
    other_args = bool(cmake_args) and list(cmake_args) != last_cmake_args(build_dir)
    if other_args or not os.path.isfile(os.path.join(build_dir, "build.ninja")):
        configure(app, board, build_dir, cmake_args, quiet)
        with open(cmake_args_file(build_dir), "w", encoding="utf-8") as f:
            json.dump(list(cmake_args), f)
    return app, board
