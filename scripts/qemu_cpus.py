# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Where a QEMU's CPUs are, for a console test that timed out: a hang then
says which pCPU waits where instead of only that the console fell silent.

The test runner gives QEMU a human monitor on a unix socket
(`monitor_args`); on a timeout, `describe` asks it for every CPU's
registers (`info registers -a`) and names the hypervisor function, with
file and line, of each CPU at EL2 (its PC and its link register, through
the cross toolchain's addr2line). A CPU at EL1 is in a guest: its PC is
printed as it is (a guest address)."""

import os
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import buildlib  # noqa: E402

_CPU = re.compile(r"^CPU#(\d+)", re.M)
_REG = re.compile(r"\b(PC|X30)=([0-9a-f]{16})")
_EL = re.compile(r"PSTATE=[0-9a-f]+ \S+ (EL\d)[ht]")


def monitor_args(sock_path):
    return ["-monitor", f"unix:{sock_path},server=on,wait=off"]


def _read_to_prompt(s, deadline):
    out = b""
    while not out.rstrip().endswith(b"(qemu)") and time.monotonic() < deadline:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            break
        out += chunk
    return out


def query(sock_path, command, timeout=3.0):
    """The monitor's answer to one command: its text up to the next prompt,
    or whatever came within 'timeout' seconds."""
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(sock_path)
        _read_to_prompt(s, deadline)  # the greeting
        s.sendall(command.encode() + b"\n")
        return _read_to_prompt(s, deadline).decode(errors="replace")


def parse_cpus(text):
    """[(cpu index, exception level, pc, lr)] from `info registers -a`."""
    starts = [(int(m.group(1)), m.start()) for m in _CPU.finditer(text)]
    cpus = []
    for i, (cpu, start) in enumerate(starts):
        block = text[start:starts[i + 1][1] if i + 1 < len(starts) else len(text)]
        regs = {name: int(value, 16) for name, value in _REG.findall(block)}
        el = _EL.search(block)
        if "PC" in regs:
            cpus.append((cpu, el.group(1) if el else "EL?", regs["PC"], regs.get("X30")))
    return cpus


def addr2line_for(cross_gcc):
    """The addr2line beside a cross gcc ('.../aarch64-linux-gnu-gcc')."""
    return buildlib.cross_tool(cross_gcc, "addr2line")


def symbolize(addr2line, elf, addresses):
    """{address: 'function (file:line)'} for the addresses addr2line knows."""
    if not addresses or not addr2line or not os.path.isfile(elf):
        return {}
    proc = subprocess.run([addr2line, "-f", "-s", "-e", elf] + [hex(a) for a in addresses],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                          timeout=30, check=False)
    lines = proc.stdout.splitlines()
    names = {}
    for i, address in enumerate(addresses):
        if 2 * i + 1 < len(lines) and lines[2 * i] != "??":
            where = lines[2 * i + 1].split(" (discriminator")[0]
            names[address] = f"{lines[2 * i]} ({where})"
    return names


def format_cpus(cpus, names):
    out = []
    for cpu, el, pc, lr in cpus:
        line = f"CPU{cpu} {el} pc 0x{pc:x}"
        if el == "EL2":
            line += f" {names.get(pc, '?')}"
            if lr is not None:
                line += f", lr 0x{lr:x} {names.get(lr, '?')}"
        else:
            line += " (in a guest)"
        out.append(line)
    return out


def describe(sock_path, elf, cross_gcc):
    """One line per CPU, or why the CPUs could not be read."""
    try:
        cpus = parse_cpus(query(sock_path, "info registers -a"))
    except OSError as e:
        return [f"QEMU monitor {sock_path}: {e}"]
    if not cpus:
        return ["QEMU monitor: no CPU registers in its answer (QEMU itself may be stuck)"]
    el2 = sorted({a for _, el, pc, lr in cpus if el == "EL2" for a in (pc, lr) if a is not None})
    return format_cpus(cpus, symbolize(addr2line_for(cross_gcc), elf, el2))
