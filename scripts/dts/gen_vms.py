#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Turn the devicetree's monadic,vm nodes into the hypervisor's static VM
table, each VM's guest DTB, and the assembly that embeds the images.

  --check     validate only (configure time): CPUs and devices given to one
              VM each, RAM inside the board's RAM and clear of the
              hypervisor and of the other VMs, at most CONFIG_MAX_VMS VMs,
              an interrupt mapping for every passed-through device, and for
              every assigned PCI function (vm_pci.py) CONFIG_PCI_PASSTHROUGH
              and an iommu-map entry, a 2 MiB-aligned phys-base, CONFIG_VUART
              and CONFIG_GICV3 for an emulated console, and the board's UART
              passed through to one VM at most
  (default)   also require every image to exist and not be empty, then
              write the outputs (build time, once guest images are built)
  --made-images FILE...
              only check that each image the VMs name as build:... is one
              of these, the images the build makes (configure time, once
              the app has declared its guests)

Every error names the VM node, its source file and line. The placement of
each VM's RAM is printed ("VM 'a': RAM IPA ... at PA ...").
"""

import argparse
import os
import subprocess
import sys

from dtlib import DeviceTree, regs
import vm_pci

# The guest's machine, shaped like QEMU virt so unmodified guests boot.
GUEST_RAM_IPA_DEFAULT = 0x4000_0000
GUEST_GICD = (0x0800_0000, 0x1_0000)
GUEST_GICR = 0x080A_0000
GUEST_GICR_STRIDE = 0x2_0000
GUEST_ITS = (0x0808_0000, 0x2_0000)     # between them, as on QEMU virt
GUEST_UART = (0x0900_0000, 0x1000)
GUEST_UART_SPI = 1
GUEST_STATS = (0x0901_0000, 0x1000)   # read-only exit counters (monadic,vm-stats)
BLOCK = 2 << 20          # VM RAM is placed on 2 MiB boundaries (stage-2 blocks)
RING_HEADER = 192        # struct mhv_ring_hdr: geometry, consumer and producer lines
ARM64_IMAGE_MAGIC = 0x644D5241  # "ARM\x64" at offset 56 of an arm64 Image


class VMError(Exception):
    pass


def cells(node, prop):
    c = node.prop_u32s(prop)
    return [(c[i] << 32) | c[i + 1] for i in range(0, len(c) - 1, 2)]


def ident(s):
    return "".join(ch if ch.isalnum() else "_" for ch in s)


class VM:
    def __init__(self, dt, node, index):
        self.node, self.dt, self.index = node, dt, index
        self.where = f"{dt.where(node)}: VM node {node.path}"
        self.name = node.prop_string("vm-name")
        mem = cells(node, "memory")
        if len(mem) != 2 or mem[1] == 0:
            raise VMError(f"{self.where}: 'memory' must be <IPA-hi IPA-lo size-hi size-lo> "
                          f"with a non-zero size")
        self.ram_ipa, self.ram_size = mem
        if self.ram_ipa % BLOCK or self.ram_size % BLOCK:
            raise VMError(f"{self.where}: memory IPA and size must be multiples of 2 MiB")
        fixed = cells(node, "phys-base") if "phys-base" in node.props else []
        self.ram_pa = fixed[0] if fixed else None
        if self.ram_pa is not None and self.ram_pa % BLOCK:
            raise VMError(self.unaligned_phys_base())
        self.cpus = [dt.by_phandle[p] for p in node.prop_u32s("cpus")]
        named = [dt.by_phandle[p] for p in node.prop_u32s("devices")] \
            if "devices" in node.props else []
        # Memory-mapped devices, and PCI functions (children of a PCIe host).
        self.devices = [d for d in named if not vm_pci.is_pci_function(d)]
        self.pci_nodes = [d for d in named if vm_pci.is_pci_function(d)]
        self.pci = []
        self.its = False   # a virtual ITS: CONFIG_VITS and every function has an ITS DeviceID
        self.image = node.prop_string("image")
        self.initrd = node.prop_string("initrd", "")
        self.image_format = node.prop_string("image-format", "raw")
        self.bootargs = node.prop_string("bootargs", "")
        self.console = node.prop_string("console", "emulated")
        self.stop_on_reset = node.prop_string("reset-action", "restart") == "stop"

    def where_prop(self, prop):
        """Where one of the VM's properties is set, for errors about its value."""
        return f"{self.dt.where(self.node, prop)}: VM node {self.node.path}"

    def unaligned_phys_base(self):
        # Stage-2 maps the RAM with 2 MiB blocks, which needs the PA as
        # aligned as the IPA; 4 KiB pages instead would take one table per
        # 2 MiB, far more than CONFIG_MM_STAGE2_POOL_PAGES holds.
        below = self.ram_pa // BLOCK * BLOCK
        return (f"{self.where}: phys-base {self.ram_pa:#x} is not a multiple of 2 MiB: "
                f"Stage-2 maps VM RAM in 2 MiB blocks, so its physical base must be "
                f"2 MiB-aligned (e.g. {below:#x} or {below + BLOCK:#x}), or leave "
                f"phys-base out and let the build place the RAM")


class Channel:
    def __init__(self, dt, node, index, vms_by_path):
        self.node, self.index = node, index
        self.where = f"{dt.where(node)}: channel node {node.path}"
        self.name = node.prop_string("channel-name")
        ends = []
        for role in ("producer", "consumer"):
            target = dt.by_phandle.get(node.prop_u32(role))
            if target is None or target.path not in vms_by_path:
                raise VMError(f"{self.where}: '{role}' names "
                              f"{target.path if target else 'nothing'}, which is not a VM")
            ends.append(vms_by_path[target.path])
        self.producer, self.consumer = ends
        if self.producer is self.consumer:
            raise VMError(f"{self.where}: producer and consumer are the same VM")
        self.size = node.prop_u32("size")
        if self.size < 4096 or self.size & (self.size - 1):
            raise VMError(f"{self.where}: size {self.size:#x} is not a power of two "
                          f"of at least 4 KiB")
        self.ipa = cells(node, "ipa")[0]
        if self.ipa % self.size:
            raise VMError(f"{self.where}: ipa {self.ipa:#x} is not aligned to its size")
        self.slot_size = node.prop_u32("slot-size", 8)
        room = self.size - RING_HEADER
        if self.slot_size == 0 or self.slot_size % 8 or room < self.slot_size:
            raise VMError(f"{self.where}: slot-size {self.slot_size} must be a non-zero "
                          f"multiple of 8 that fits the region")
        self.capacity = 1 << ((room // self.slot_size).bit_length() - 1)
        self.doorbell = node.prop_string("doorbell", "wfe")
        self.doorbell_irq = node.prop_u32("doorbell-irq", 8)


def find_channels(dt, vms):
    by_path = {vm.node.path: vm for vm in vms}
    nodes = sorted((n for n in dt.nodes.values()
                    if "monadic,channel" in n.compatibles and n.okay), key=lambda n: n.path)
    return [Channel(dt, n, i, by_path) for i, n in enumerate(nodes)]


def check_channels(vms, channels):
    """A channel's IPA window must not overlap either VM's RAM, devices or
    other channels."""
    for ch in channels:
        for vm in (ch.producer, ch.consumer):
            windows = [(vm.ram_ipa, vm.ram_ipa + vm.ram_size, "its RAM")]
            windows += [(a, a + sz, d.path) for d in vm.devices for a, sz, _ in regs(d) if a]
            windows += [(o.ipa, o.ipa + o.size, f"channel '{o.name}'") for o in channels
                        if o is not ch and vm in (o.producer, o.consumer)]
            for start, end, what in windows:
                if overlaps(ch.ipa, ch.ipa + ch.size, start, end):
                    raise VMError(f"{ch.where}: IPA {ch.ipa:#x}-{ch.ipa + ch.size:#x} overlaps "
                                  f"{what} in VM '{vm.name}'")


def find_vms(dt):
    return [VM(dt, n, i) for i, n in enumerate(
        sorted((n for n in dt.nodes.values() if "monadic,vm" in n.compatibles and n.okay),
               key=lambda n: n.path))]


def cpu_index(dt, cpu):
    cpus = [c for c in dt.nodes["/cpus"].children
            if c.prop_string("device_type") == "cpu" and c.okay]
    return cpus.index(cpu)


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def check_consoles(vms, vuart, gicv3):
    """An emulated console is the vUART's PL011, whose interrupt goes
    through the GIC: without both the VM would boot into silence. The
    board's UART can be handed to one VM only."""
    missing = [name for name, on in (("CONFIG_VUART", vuart), ("CONFIG_GICV3", gicv3))
               if not on]
    owner = None
    for vm in vms:
        if vm.console == "emulated" and missing:
            raise VMError(f"{vm.where}: console \"emulated\" (the default) needs "
                          f"{' and '.join(m + '=y' for m in missing)}: enable "
                          f"{'them' if len(missing) > 1 else 'it'}, or set the VM's "
                          f"console to \"passthrough\" or \"none\"")
        if vm.console != "passthrough":
            continue
        if owner:
            raise VMError(f"{vm.where}: console \"passthrough\": the board's UART is "
                          f"already passed through to VM '{owner.name}', and only one VM "
                          f"can own it: give VM '{vm.name}' console \"emulated\" or "
                          f"\"none\"")
        owner = vm


def check(dt, vms, hv_size, max_vms, channels=(), pci_passthrough=True, vuart=True,
          gicv3=True, vits=False):
    """Validate and place every VM's RAM; raise VMError on the first problem.
    pci_passthrough, vuart, gicv3, vits: whether those Kconfig options are on."""
    if len(vms) > max_vms:
        raise VMError(f"{vms[max_vms].where}: {len(vms)} VMs, but CONFIG_MAX_VMS is {max_vms}")
    owner = {}
    for vm in vms:
        if not vm.cpus:
            raise VMError(f"{vm.where}: 'cpus' lists no CPU")
        for cpu in vm.cpus:
            if cpu.prop_string("device_type") != "cpu":
                raise VMError(f"{vm.where}: 'cpus' names {cpu.path}, which is not a CPU")
            if cpu.path in owner:
                raise VMError(f"{vm.where}: CPU {cpu.path} is already given to VM "
                              f"'{owner[cpu.path]}'")
            owner[cpu.path] = vm.name
        for dev in vm.devices + vm.pci_nodes:
            if dev.path in owner:
                raise VMError(f"{vm.where}: device {dev.path} is already given to VM "
                              f"'{owner[dev.path]}'")
            owner[dev.path] = vm.name
        try:
            vm_pci.check_enabled(vm, pci_passthrough)
            vm.pci = [vm_pci.PciFunction(dt, vm, n) for n in vm.pci_nodes]
            vm.its = vits and bool(vm.pci) and all(f.its_devid is not None for f in vm.pci)
        except vm_pci.PciError as e:
            raise VMError(str(e)) from e
        for dev in vm.devices:
            if "interrupts" not in dev.props:
                raise VMError(f"{vm.where}: device {dev.path} has no interrupt mapping "
                              f"('interrupts'): the VM could not be told about its events")
            if not any(addr is not None for addr, _, _ in regs(dev)):
                raise VMError(f"{vm.where}: device {dev.path} has no memory-mapped registers")
    names = [vm.name for vm in vms]
    for vm in vms:
        if names.count(vm.name) > 1:
            raise VMError(f"{vm.where}: another VM is also named '{vm.name}'")
    check_consoles(vms, vuart, gicv3)

    ram = dt.nodes[chosen_ram_path(dt)]
    ram_base, ram_size, _ = regs(ram)[0]
    ram_end = ram_base + ram_size
    taken = [(ram_base, ram_base + hv_size, "the hypervisor")]
    for vm in vms:  # fixed placements first
        if vm.ram_pa is not None:
            place(vm, vm.ram_pa, taken, ram_base, ram_end)
    for vm in vms:
        if vm.ram_pa is None:
            pa = free_range(taken, ram_base + hv_size, vm.ram_size, BLOCK)
            if pa + vm.ram_size > ram_end:
                raise VMError(f"{vm.where}: {vm.ram_size >> 20} MiB of RAM does not fit in "
                              f"the board's RAM {ram_base:#x}-{ram_end:#x} after the "
                              f"hypervisor and the other VMs")
            place(vm, pa, taken, ram_base, ram_end)
    for vm in vms:
        try:
            vm_pci.check_vm(vm)
        except vm_pci.PciError as e:
            raise VMError(str(e)) from e
    check_channels(vms, channels)
    for ch in channels:
        ch.pa = free_range(taken, ram_base + hv_size, ch.size, max(ch.size, 4096))
        if ch.pa + ch.size > ram_end:
            raise VMError(f"{ch.where}: no room left in the board's RAM for {ch.size} bytes")
        taken.append((ch.pa, ch.pa + ch.size, f"channel '{ch.name}'"))


def free_range(taken, start, size, align):
    """The lowest aligned address from start where size bytes overlap nothing taken."""
    cursor = (start + align - 1) // align * align
    moved = True
    while moved:
        moved = False
        for lo, hi, _ in taken:
            if overlaps(cursor, cursor + size, lo, hi):
                cursor = (hi + align - 1) // align * align
                moved = True
    return cursor


def chosen_ram_path(dt):
    chosen = dt.nodes.get("/chosen")
    raw = chosen.props.get("monadic,ram") if chosen else None
    if raw and len(raw) == 4 and int.from_bytes(raw, "big") in dt.by_phandle:
        return dt.by_phandle[int.from_bytes(raw, "big")].path   # <&label>
    path = raw.rstrip(b"\0").decode() if raw else ""
    if path not in dt.nodes:                                     # &label: a path string
        raise VMError("/chosen has no monadic,ram: the build can't place VM memory")
    return path


def place(vm, pa, taken, ram_base, ram_end):
    end = pa + vm.ram_size
    if pa < ram_base or end > ram_end:
        raise VMError(f"{vm.where}: RAM at PA {pa:#x}-{end:#x} leaves the board's RAM "
                      f"{ram_base:#x}-{ram_end:#x}")
    for start, stop, who in taken:
        if overlaps(pa, end, start, stop):
            raise VMError(f"{vm.where}: RAM at PA {pa:#x}-{end:#x} overlaps {who} "
                          f"({start:#x}-{stop:#x})")
    vm.ram_pa = pa
    taken.append((pa, end, f"VM '{vm.name}'"))


def resolve_path(path, app_dir, build_dir):
    if path.startswith("build:"):
        path = os.path.join(build_dir, path[len("build:"):])
    elif not os.path.isabs(path):
        path = os.path.join(app_dir, path)
    return os.path.abspath(path)


def check_made_images(vms, made, build_dir):
    """Every build:... image and initrd must be one that this build makes:
    otherwise ninja would only say, once the build runs, that nothing makes
    the file. made: the paths of the images the app's guests make."""
    made_paths = {os.path.abspath(p) for p in made}
    for vm in vms:
        for prop in ("image", "initrd"):
            value = vm.node.prop_string(prop, "")
            if value.startswith("build:") and \
                    resolve_path(value, "", build_dir) not in made_paths:
                raise VMError(f"{vm.where_prop(prop)}: {prop} "
                              f"\"{value}\" is not made by this build, which makes "
                              f"{made_images_text(made, build_dir)}")


def made_images_text(made, build_dir):
    """The images the build makes as a VM node names them (build:...)."""
    if not made:
        return ("no images (an app makes them with mhv_add_guest() or "
                "mhv_debian_linux_guest())")
    return ", ".join(sorted("build:" + os.path.relpath(p, build_dir) for p in made))


def file_size(vm, what, path):
    if not os.path.isfile(path):
        raise VMError(f"{vm.where_prop(what)}: {what} not found: {path}")
    size = os.path.getsize(path)
    if size == 0:
        raise VMError(f"{vm.where_prop(what)}: {what} is empty: {path}")
    return size


def resolve_image(vm, app_dir, build_dir, need_file):
    vm.image_path = resolve_path(vm.image, app_dir, build_dir)
    vm.initrd_path = resolve_path(vm.initrd, app_dir, build_dir) if vm.initrd else None
    if not need_file:
        return
    size = vm.image_size = file_size(vm, "image", vm.image_path)
    vm.initrd_size = file_size(vm, "initrd", vm.initrd_path) if vm.initrd_path else 0
    # Layout from the top of RAM down: the DTB in the last 2 MiB, the
    # initrd below it (2 MiB aligned), the image from the bottom.
    vm.dtb_ipa = vm.ram_ipa + vm.ram_size - BLOCK
    vm.initrd_ipa = vm.dtb_ipa - (vm.initrd_size + BLOCK - 1) // BLOCK * BLOCK
    vm.entry_offset = 0
    if vm.image_format == "arm64-image":
        check_arm64_image(vm, size)
    elif vm.ram_ipa + size > vm.initrd_ipa:
        raise VMError(f"{vm.where}: image ({size} bytes) is larger than the VM's RAM "
                      f"(less its DTB and initrd)")


def check_arm64_image(vm, size):
    """Linux arm64 boot protocol: header magic, text_offset, image_size."""
    with open(vm.image_path, "rb") as f:
        head = f.read(64)
    if len(head) < 64 or int.from_bytes(head[56:60], "little") != ARM64_IMAGE_MAGIC:
        raise VMError(f"{vm.where}: {vm.image_path} is not an arm64 Image "
                      f"(no 'ARM\\x64' magic at offset 56)")
    text_offset = int.from_bytes(head[8:16], "little")
    image_size = int.from_bytes(head[16:24], "little") or size
    vm.image_offset = text_offset
    if vm.ram_ipa + text_offset + max(image_size, size) > vm.initrd_ipa:
        raise VMError(f"{vm.where}: the Image needs {image_size} bytes at offset "
                      f"{text_offset:#x}: too big for the VM's RAM")


# ---------------------------------------------------------------- guest DTB

def channel_nodes(vm, channels):
    out = []
    for i, ch in enumerate(c for c in channels if vm in (c.producer, c.consumer)):
        role = "producer" if ch.producer is vm else "consumer"
        out += [f"\t{ident(ch.name)}@{ch.ipa:x} {{", '\t\tcompatible = "monadic,channel";',
                f"\t\treg = <{hi_lo(ch.ipa)} {hi_lo(ch.size)}>;",
                f'\t\tchannel-name = "{ch.name}";', f'\t\trole = "{role}";',
                f"\t\tchannel-index = <{i}>;", f"\t\tslot-size = <{ch.slot_size}>;",
                f"\t\tcapacity = <{ch.capacity}>;", f'\t\tdoorbell = "{ch.doorbell}";']
        if ch.doorbell == "hypercall" and role == "consumer":
            out.append(f"\t\tinterrupts = <0 {ch.doorbell_irq} 1>;")
        out += ["\t};", ""]
    return out


def its_node(vm):
    """The virtual ITS as a child of the GIC node (docs/its.md)."""
    if not vm.its:
        return []
    return ["", f"\t\tits: msi-controller@{GUEST_ITS[0]:x} {{",
            '\t\t\tcompatible = "arm,gic-v3-its";', "\t\t\tmsi-controller;",
            "\t\t\t#msi-cells = <1>;",
            f"\t\t\treg = <{hi_lo(GUEST_ITS[0])} {hi_lo(GUEST_ITS[1])}>;", "\t\t};"]


def guest_dts(dt, vm, channels=()):
    ncpu = len(vm.cpus)
    lines = ["/dts-v1/;", "", "/ {",
             f'\tmodel = "Monadic VM {vm.name}";',
             '\tcompatible = "linux,dummy-virt";',
             "\t#address-cells = <2>;", "\t#size-cells = <2>;",
             "\tinterrupt-parent = <&gic>;", "",
             "\tpsci {", '\t\tcompatible = "arm,psci-1.0", "arm,psci-0.2", "arm,psci";',
             '\t\tmethod = "hvc";', "\t};", "",
             "\tcpus {", "\t\t#address-cells = <1>;", "\t\t#size-cells = <0>;"]
    for i in range(ncpu):
        compat = vm.cpus[i].compatibles[0] if vm.cpus[i].compatibles else "arm,armv8"
        lines += [f"\t\tcpu@{i} {{", '\t\t\tdevice_type = "cpu";',
                  f'\t\t\tcompatible = "{compat}", "arm,armv8";',
                  f"\t\t\treg = <{i}>;", '\t\t\tenable-method = "psci";', "\t\t};"]
    lines += ["\t};", "",
              f"\tmemory@{vm.ram_ipa:x} {{", '\t\tdevice_type = "memory";',
              f"\t\treg = <{hi_lo(vm.ram_ipa)} {hi_lo(vm.ram_size)}>;", "\t};", "",
              f"\tgic: interrupt-controller@{GUEST_GICD[0]:x} {{",
              '\t\tcompatible = "arm,gic-v3";', "\t\t#interrupt-cells = <3>;",
              "\t\t#address-cells = <2>;", "\t\t#size-cells = <2>;", "\t\tranges;",
              "\t\tinterrupt-controller;", "\t\t#redistributor-regions = <1>;",
              f"\t\treg = <{hi_lo(GUEST_GICD[0])} {hi_lo(GUEST_GICD[1])}>,",
              f"\t\t      <{hi_lo(GUEST_GICR)} {hi_lo(GUEST_GICR_STRIDE * ncpu)}>;",
              "\t\tinterrupts = <1 9 4>;"] + its_node(vm) + ["\t};", "",
              "\ttimer {", '\t\tcompatible = "arm,armv8-timer";',
              "\t\tinterrupts = <1 13 4>, <1 14 4>, <1 11 4>, <1 10 4>;",
              "\t\talways-on;", "\t};", ""]
    chosen = [f'\t\tbootargs = "{vm.bootargs}";'] if vm.bootargs else []
    if vm.initrd_path:
        chosen += [f"\t\tlinux,initrd-start = <{hi_lo(vm.initrd_ipa)}>;",
                   f"\t\tlinux,initrd-end = <{hi_lo(vm.initrd_ipa + vm.initrd_size)}>;"]
    if vm.console != "none":
        lines += ["\tapb_pclk: apb-pclk {", '\t\tcompatible = "fixed-clock";',
                  "\t\t#clock-cells = <0>;", "\t\tclock-frequency = <24000000>;",
                  '\t\tclock-output-names = "clk24mhz";', "\t};", "",
                  f"\tuart: pl011@{GUEST_UART[0]:x} {{",
                  '\t\tcompatible = "arm,pl011", "arm,primecell";',
                  f"\t\treg = <{hi_lo(GUEST_UART[0])} {hi_lo(GUEST_UART[1])}>;",
                  f"\t\tinterrupts = <0 {GUEST_UART_SPI} 4>;",
                  "\t\tclocks = <&apb_pclk>, <&apb_pclk>;",
                  '\t\tclock-names = "uartclk", "apb_pclk";', "\t};", ""]
        chosen.append(f'\t\tstdout-path = "/pl011@{GUEST_UART[0]:x}";')
    for dev in vm.devices:
        lines += passthrough_node(dev)
    if vm.pci:
        lines += vm_pci.guest_node(vm, hi_lo)
        # Linux keeps the BARs where the hypervisor put them (and mapped them).
        chosen.append("\t\tlinux,pci-probe-only = <1>;")
    lines += [f"\tvm-stats@{GUEST_STATS[0]:x} {{", '\t\tcompatible = "monadic,vm-stats";',
              f"\t\treg = <{hi_lo(GUEST_STATS[0])} {hi_lo(GUEST_STATS[1])}>;", "\t};", ""]
    lines += channel_nodes(vm, channels)
    lines += ["\tchosen {"] + chosen + ["\t};", "};", ""]
    return "\n".join(lines)


def hi_lo(v):
    return f"{v >> 32:#x} {v & 0xffffffff:#x}"


def passthrough_node(dev):
    """A passed-through device appears at its physical address (1:1)."""
    out = [f"\t{dev.name} {{"]
    compats = ", ".join(f'"{c}"' for c in dev.compatibles)
    out.append(f"\t\tcompatible = {compats};")
    reg = ", ".join(f"<{hi_lo(a)} {hi_lo(s)}>" for a, s, _ in regs(dev) if a is not None)
    out.append(f"\t\treg = {reg};")
    ints = dev.prop_u32s("interrupts")
    out.append("\t\tinterrupts = " + ", ".join(
        f"<{ints[i]} {ints[i + 1]} {ints[i + 2]}>" for i in range(0, len(ints), 3)) + ";")
    out += ["\t};", ""]
    return out


# ---------------------------------------------------------------- C tables

def device_entries(dt, vm):
    out = []
    for dev in vm.devices:
        ints = dev.prop_u32s("interrupts")
        spis = [ints[i + 1] + 32 for i in range(0, len(ints), 3) if ints[i] == 0]
        strong = "true" if dev.prop_string("monadic,memory-type") == "nGnRnE" else "false"
        for addr, size, _ in regs(dev):
            if addr is None:
                continue
            irq_list = ", ".join(str(s) for s in spis[:4]) or "0"
            out.append(f'\t{{ .name = "{dev.path}", .ipa = {addr:#x}, .pa = {addr:#x}, '
                       f".size = {size:#x}, .strongly_ordered = {strong}, "
                       f".irqs = {{ {irq_list} }}, .num_irqs = {min(len(spis), 4)} }},")
            spis = []  # interrupts belong to the first register window
    return out


def channel_entries(vm, vms, channels):
    out = []
    for ch in (c for c in channels if vm in (c.producer, c.consumer)):
        producer = ch.producer is vm
        peer = vms.index(ch.consumer if producer else ch.producer)
        out.append(f'\t{{ .name = "{ch.name}", .ipa = {ch.ipa:#x}, .pa = {ch.pa:#x}, '
                   f".size = {ch.size:#x}, .slot_size = {ch.slot_size}, "
                   f".capacity = {ch.capacity}, .producer = {str(producer).lower()}, "
                   f".doorbell_hypercall = {str(ch.doorbell == 'hypercall').lower()}, "
                   f".doorbell_irq = {ch.doorbell_irq + 32}, .peer = {peer} }},")
    return out


def c_tables(dt, vms, channels=()):
    out = ["/* Generated by scripts/dts/gen_vms.py from the devicetree's monadic,vm nodes. */",
           "#include <monadic/vm/vm.h>", ""]
    for vm in vms:
        v = ident(vm.name)
        out += [f"extern const uint8_t vm_image_{v}[], vm_dtb_{v}[], vm_initrd_{v}[];"]
        devs = device_entries(dt, vm)
        if devs:
            out += [f"static const struct vm_device vm_devices_{v}[] = {{"] + devs + ["};"]
        chans = channel_entries(vm, vms, channels)
        if chans:
            out += [f"static const struct vm_channel vm_channels_{v}[] = {{"] + chans + ["};"]
        if vm.pci:
            out += [f"static const struct vm_pci_function vm_pci_{v}[] = {{"] + \
                vm_pci.c_entries(vm) + ["};"]
    out += ["", "const struct vm_config vm_configs[] = {"]
    for vm in vms:
        v = ident(vm.name)
        pcpus = ", ".join(str(cpu_index(dt, c)) for c in vm.cpus)
        image_ipa = vm.ram_ipa + getattr(vm, "image_offset", 0)
        console = {"emulated": "VM_CONSOLE_EMULATED", "passthrough": "VM_CONSOLE_PASSTHROUGH",
                   "none": "VM_CONSOLE_NONE"}[vm.console]
        ndev = len(device_entries(dt, vm))
        nch = len(channel_entries(vm, vms, channels))
        out += ["\t{",
                f'\t\t.name = "{vm.name}",', f"\t\t.vmid = {vm.index + 1},",
                f"\t\t.ram_ipa = {vm.ram_ipa:#x},", f"\t\t.ram_pa = {vm.ram_pa:#x},",
                f"\t\t.ram_size = {vm.ram_size:#x},",
                f"\t\t.image = vm_image_{v},", f"\t\t.image_size = {vm.image_size},",
                f"\t\t.image_ipa = {image_ipa:#x},", f"\t\t.entry_ipa = {image_ipa:#x},",
                f"\t\t.dtb = vm_dtb_{v},", f"\t\t.dtb_size = {vm.dtb_size},",
                f"\t\t.dtb_ipa = {vm.dtb_ipa:#x},",
                f"\t\t.initrd = {'vm_initrd_' + v if vm.initrd_path else 'NULL'},",
                f"\t\t.initrd_size = {vm.initrd_size},",
                f"\t\t.initrd_ipa = {vm.initrd_ipa:#x},",
                f"\t\t.num_vcpus = {len(vm.cpus)},",
                f"\t\t.stop_on_reset = {str(vm.stop_on_reset).lower()},", f"\t\t.pcpus = {{ {pcpus} }},",
                f"\t\t.console = {console},", f"\t\t.console_ipa = {GUEST_UART[0]:#x},",
                f"\t\t.console_irq = {GUEST_UART_SPI + 32},",
                f"\t\t.gicd_ipa = {GUEST_GICD[0]:#x},", f"\t\t.gicr_ipa = {GUEST_GICR:#x},",
                f"\t\t.its_ipa = {GUEST_ITS[0] if vm.its else 0:#x},",
                f"\t\t.devices = {'vm_devices_' + v if ndev else 'NULL'},",
                f"\t\t.num_devices = {ndev},",
                f"\t\t.channels = {'vm_channels_' + v if nch else 'NULL'},",
                f"\t\t.num_channels = {nch},",
                f"\t\t.pci_functions = {'vm_pci_' + v if vm.pci else 'NULL'},",
                f"\t\t.num_pci_functions = {len(vm.pci)},",
                f"\t\t.pci_ecam_ipa = {vm_pci.GUEST_ECAM[0]:#x},",
                f"\t\t.pci_ecam_size = {vm_pci.GUEST_ECAM[1]:#x},",
                f"\t\t.stats_ipa = {GUEST_STATS[0]:#x},", "\t},"]
    out += ["};", f"const unsigned int vm_count = {len(vms)};", ""]
    return "\n".join(out)


def images_asm(vms, dtb_paths):
    out = ["/* Generated by scripts/dts/gen_vms.py: the guest images and DTBs. */",
           '\t.section .rodata.vm_images, "a"']
    for vm in vms:
        v = ident(vm.name)
        blobs = [(f"vm_image_{v}", vm.image_path), (f"vm_dtb_{v}", dtb_paths[vm.name])]
        if vm.initrd_path:
            blobs.append((f"vm_initrd_{v}", vm.initrd_path))
        for sym, path in blobs:
            out += ["\t.balign 4096", f"\t.globl {sym}", f"{sym}:", f'\t.incbin "{path}"']
    return "\n".join(out) + "\n"


def write_outputs(dt, vms, out_dir, channels=()):
    os.makedirs(out_dir, exist_ok=True)
    dtb_paths = {}
    for vm in vms:
        dts = os.path.join(out_dir, f"vm_{ident(vm.name)}.dts")
        dtb = dts[:-4] + ".dtb"
        with open(dts, "w", encoding="utf-8") as f:
            f.write(guest_dts(dt, vm, channels))
        proc = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, dts],
                              text=True, capture_output=True)
        if proc.returncode != 0:
            raise VMError(f"{vm.where}: the generated guest DTB {dts} does not compile:\n"
                          f"{proc.stderr}")
        vm.dtb_size = os.path.getsize(dtb)
        dtb_paths[vm.name] = dtb
    with open(os.path.join(out_dir, "vm_config_generated.c"), "w", encoding="utf-8") as f:
        f.write(c_tables(dt, vms, channels))
    with open(os.path.join(out_dir, "vm_images.S"), "w", encoding="utf-8") as f:
        f.write(images_asm(vms, dtb_paths))


def kconfig_bool(value):
    """A bool Kconfig option as CMake has it: 'y', or empty/'n' when off."""
    return value == "y"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dtb", required=True)
    ap.add_argument("--annotated-dts")
    ap.add_argument("--hv-ram-size", type=lambda s: int(s, 0), required=True)
    ap.add_argument("--max-vms", type=int, required=True)
    ap.add_argument("--app-dir", required=True)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--out-dir")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--cmake", help="with --check: write set(MHV_VM_IMAGES ...) here")
    ap.add_argument("--made-images", nargs="*", metavar="FILE",
                    help="only check that every build:... image is one of these, the "
                         "images the build makes")
    ap.add_argument("--pci-passthrough", type=kconfig_bool, default=False,
                    help="CONFIG_PCI_PASSTHROUGH's value: 'y' lets VMs own PCI functions")
    ap.add_argument("--vuart", type=kconfig_bool, default=False,
                    help="CONFIG_VUART's value: 'y' lets VMs have an emulated console")
    ap.add_argument("--gicv3", type=kconfig_bool, default=False,
                    help="CONFIG_GICV3's value (the emulated console's interrupt needs it)")
    ap.add_argument("--vits", type=kconfig_bool, default=False,
                    help="CONFIG_VITS's value: 'y' gives VMs with PCI functions a virtual ITS")
    args = ap.parse_args()
    try:
        dt = DeviceTree(args.dtb, args.annotated_dts)
        vms = find_vms(dt)
        if args.made_images is not None:
            check_made_images(vms, args.made_images, args.build_dir)
            return 0
        channels = find_channels(dt, vms)
        check(dt, vms, args.hv_ram_size, args.max_vms, channels,
              pci_passthrough=args.pci_passthrough, vuart=args.vuart, gicv3=args.gicv3,
              vits=args.vits)
        for vm in vms:
            # Images from the source tree must exist now; images the build
            # makes (build:...) are checked once they are built.
            built = vm.image.startswith("build:")
            resolve_image(vm, args.app_dir, args.build_dir, need_file=not (args.check and built))
        if args.check:
            if args.cmake:
                with open(args.cmake, "w", encoding="utf-8") as f:
                    files = [p for vm in vms for p in (vm.image_path, vm.initrd_path) if p]
                    f.write("set(MHV_VM_IMAGES " + " ".join(f'"{p}"' for p in files) + ")\n")
            for vm in vms:
                print(f"VM '{vm.name}': {len(vm.cpus)} vCPU(s) on "
                      f"{', '.join(c.path for c in vm.cpus)}; RAM IPA {vm.ram_ipa:#x} "
                      f"+ {vm.ram_size >> 20} MiB at PA {vm.ram_pa:#x}")
            for vm in vms:
                for f in vm.pci:
                    msi = f", MSI DeviceID {f.its_devid:#x}" if vm.its else ", INTx only"
                    print(f"VM '{vm.name}': PCI function {f.label()} ({f.name}), StreamID "
                          f"{f.stream_id:#x}, INTA..D -> INTID "
                          f"{'/'.join(str(i) for i in f.intids)}{msi}")
            for ch in channels:
                print(f"channel '{ch.name}': {ch.producer.name} -> {ch.consumer.name}, "
                      f"{ch.size} bytes at IPA {ch.ipa:#x}, PA {ch.pa:#x}, "
                      f"{ch.capacity} x {ch.slot_size}-byte slots, doorbell {ch.doorbell}")
        else:
            write_outputs(dt, vms, args.out_dir, channels)
    except VMError as e:
        print(f"error: VM: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
