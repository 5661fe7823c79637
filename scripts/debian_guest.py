#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""The real guest: Debian's arm64 cloud kernel and busybox, unmodified.

  debian_guest.py fetch --cache DIR --cmake OUT
      Resolve the current kernel through the meta-package
      (apt-cache depends linux-image-cloud-arm64:arm64), apt-get download it
      and busybox-static:arm64 into DIR (outside the source tree), unpack
      them with dpkg -x, and write OUT: CMake set() lines with the kernel
      Image, busybox and their versions. Needs the arm64 architecture in
      dpkg (added when root; otherwise the exact commands are printed).

  debian_guest.py initramfs --busybox BIN --init FILE [--file SRC:DEST ...] --out OUT
      A gzip'd newc cpio: busybox, /init from the sample, /dev/console, and
      the usual mount points. Written without root (device nodes are cpio
      entries, not files).
"""

import argparse
import glob
import gzip
import os
import shutil
import subprocess
import sys

META = "linux-image-cloud-arm64:arm64"
BUSYBOX = "busybox-static:arm64"


class FetchError(Exception):
    pass


def run(cmd, **kw):
    return subprocess.run(cmd, text=True, capture_output=True, **kw)


def how_to(extra=""):
    return ("run as root, or once:\n"
            "  sudo dpkg --add-architecture arm64 && sudo apt-get update\n"
            f"{extra}")


def ensure_arm64():
    if "arm64" in run(["dpkg", "--print-foreign-architectures"]).stdout.split():
        return
    if os.geteuid() != 0:
        raise FetchError("dpkg does not know the arm64 architecture: " + how_to())
    for cmd in (["dpkg", "--add-architecture", "arm64"], ["apt-get", "update", "-qq"]):
        p = run(cmd)
        if p.returncode != 0:
            raise FetchError(f"{' '.join(cmd)} failed:\n{p.stderr}")


def kernel_package():
    p = run(["apt-cache", "depends", META])
    for line in p.stdout.splitlines():
        line = line.strip()
        if line.startswith("Depends:") and "linux-image-" in line:
            return line.split()[1]
    if os.geteuid() == 0 and not getattr(kernel_package, "updated", False):
        kernel_package.updated = True
        run(["apt-get", "update", "-qq"])
        return kernel_package()
    raise FetchError(f"apt-cache can't resolve {META}: " + how_to())


def download(pkg, cache):
    name = pkg.split(":")[0]
    have = glob.glob(os.path.join(cache, f"{name}_*_arm64.deb"))
    if have:
        return have[0]
    p = run(["apt-get", "download", pkg], cwd=cache)
    have = glob.glob(os.path.join(cache, f"{name}_*_arm64.deb"))
    if p.returncode != 0 or not have:
        raise FetchError(f"apt-get download {pkg} failed:\n{p.stderr.strip()}\n"
                         + how_to(f"  (cd {cache} && apt-get download {pkg})"))
    return have[0]


def unpack(deb, cache):
    dest = os.path.join(cache, os.path.basename(deb)[:-len(".deb")])
    if not os.path.isdir(dest):
        p = run(["dpkg", "-x", deb, dest])
        if p.returncode != 0:
            raise FetchError(f"dpkg -x {deb} failed:\n{p.stderr}")
    version = run(["dpkg-deb", "-f", deb, "Version"]).stdout.strip()
    return dest, version


def fetch(cache, cmake_out):
    os.makedirs(cache, exist_ok=True)
    ensure_arm64()
    kpkg = kernel_package()
    kdir, kver = unpack(download(kpkg, cache), cache)
    bdir, bver = unpack(download(BUSYBOX, cache), cache)
    images = glob.glob(os.path.join(kdir, "boot", "vmlinuz-*"))
    busybox = os.path.join(bdir, "bin", "busybox")
    if not images or not os.path.isfile(busybox):
        raise FetchError(f"unexpected package contents in {kdir} / {bdir}")
    with open(cmake_out, "w", encoding="utf-8") as f:
        f.write(f'set(DEBIAN_KERNEL_IMAGE "{images[0]}")\n'
                f'set(DEBIAN_KERNEL_PACKAGE "{kpkg.split(":")[0]}")\n'
                f'set(DEBIAN_KERNEL_VERSION "{kver}")\n'
                f'set(DEBIAN_BUSYBOX "{busybox}")\n'
                f'set(DEBIAN_BUSYBOX_VERSION "{bver}")\n')
    print(f"Debian guest: {kpkg.split(':')[0]} {kver}, busybox {bver} (cache {cache})")


# ---------------------------------------------------------------- initramfs

def cpio_entry(name, mode, data=b"", rdev=(0, 0), ino=[0]):
    """One newc record (see the kernel's Documentation/.../ramfs-rootfs-initramfs)."""
    ino[0] += 1
    name_b = name.encode() + b"\0"
    fields = [ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0]
    hdr = b"070701" + b"".join(f"{v:08x}".encode() for v in fields)
    pad = lambda n: b"\0" * ((4 - n % 4) % 4)  # noqa: E731
    return hdr + name_b + pad(len(hdr) + len(name_b)) + data + pad(len(data))


def initramfs(busybox, init, files, out):
    S_IFDIR, S_IFREG, S_IFCHR, S_IFLNK = 0o040000, 0o100000, 0o020000, 0o120000
    blob = b""
    for d in ("bin", "sbin", "dev", "proc", "sys", "tmp", "etc", "usr", "usr/bin", "usr/sbin"):
        blob += cpio_entry(d, S_IFDIR | 0o755)
    blob += cpio_entry("dev/console", S_IFCHR | 0o600, rdev=(5, 1))
    with open(busybox, "rb") as f:
        blob += cpio_entry("bin/busybox", S_IFREG | 0o755, f.read())
    blob += cpio_entry("bin/sh", S_IFLNK | 0o777, b"busybox")
    with open(init, "rb") as f:
        blob += cpio_entry("init", S_IFREG | 0o755, f.read())
    for spec in files:
        src, dest = spec.split(":", 1)
        with open(src, "rb") as f:
            blob += cpio_entry(dest.lstrip("/"), S_IFREG | 0o755, f.read())
    blob += cpio_entry("TRAILER!!!", 0)
    with gzip.open(out, "wb", compresslevel=6) as f:
        f.write(blob)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fetch")
    f.add_argument("--cache", required=True)
    f.add_argument("--cmake", required=True)
    i = sub.add_parser("initramfs")
    i.add_argument("--busybox", required=True)
    i.add_argument("--init", required=True)
    i.add_argument("--file", action="append", default=[])
    i.add_argument("--out", required=True)
    args = ap.parse_args()
    if args.cmd == "initramfs":
        initramfs(args.busybox, args.init, args.file, args.out)
        return 0
    if shutil.which("apt-get") is None or shutil.which("dpkg") is None:
        print("error: the Debian guest needs apt-get and dpkg (a Debian machine)", file=sys.stderr)
        return 1
    try:
        fetch(args.cache, args.cmake)
    except FetchError as e:
        print(f"error: Debian guest: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
