# SPDX-License-Identifier: BSD-2-Clause-Patent
"""PCI functions assigned to VMs (for gen_vms.py).

A VM's 'devices' may name a child of a pci-host-ecam-generic node (the
PCI devicetree binding: reg's phys.hi holds bus/device/function). Such a
function is given to the VM whole: the build resolves its SMMU StreamID
through the host's iommu-map and the SPIs its INTA..INTD pins raise
through the host's interrupt-map, and describes to the guest a PCIe host
of its own (an emulated ECAM window for bus 0) holding only its functions.
"""

from dtlib import cells_to_int

GUEST_ECAM = (0x3F00_0000, 0x10_0000)   # the guest's bus 0 (QEMU virt's low ECAM)
PCI_SPACE_MEM32 = 0x0200_0000           # phys.hi space code of a 32-bit memory range
PCI_SPACE_MASK = 0x0300_0000
INTX_PINS = (1, 2, 3, 4)                # INTA..INTD
GIC_SPI_BASE = 32
MAX_PER_VM = 4                          # VM_MAX_PCI_FUNCTIONS in monadic/vm/vm.h


class PciError(Exception):
    pass


def is_pci_host(node):
    return node is not None and "pci-host-ecam-generic" in node.compatibles


def is_pci_function(node):
    return is_pci_host(node.parent)


def stream_id(dt, host, rid):
    """The StreamID of requester ID 'rid' by the host's iommu-map
    (<rid-base iommu iommu-base length>...), or None."""
    if "iommu-map" not in host.props:
        return None
    rid &= host.prop_u32("iommu-map-mask", 0xFFFF)
    raw = host.prop_u32s("iommu-map")
    i = 0
    while i + 1 < len(raw):
        smmu = dt.by_phandle.get(raw[i + 1])
        ncells = smmu.prop_u32("#iommu-cells", 1) if smmu else 1
        if i + 3 + ncells > len(raw):
            break
        base, length = raw[i], raw[i + 2 + ncells]
        if base <= rid < base + length and smmu is not None and smmu.okay:
            return raw[i + 2 + ncells - 1] + (rid - base)
        i += 3 + ncells
    return None


def msi_device_id(dt, host, rid):
    """The ITS DeviceID of requester ID 'rid' by the host's msi-map
    (<rid-base msi-controller msi-base length>..., #msi-cells = 1), when it
    names an enabled arm,gic-v3-its; otherwise None."""
    if "msi-map" not in host.props:
        return None
    rid &= host.prop_u32("msi-map-mask", 0xFFFF)
    raw = host.prop_u32s("msi-map")
    for i in range(0, len(raw) - 3, 4):
        base, ctrl, msi_base, length = raw[i:i + 4]
        its = dt.by_phandle.get(ctrl)
        if base <= rid < base + length and its is not None and its.okay and \
                "arm,gic-v3-its" in its.compatibles:
            return msi_base + (rid - base)
    return None


def intx_intids(dt, host, devfn):
    """INTIDs of INTA..INTD of the root-bus function 'devfn' by the host's
    interrupt-map (0 where nothing is mapped), and their trigger flags."""
    if "interrupt-map" not in host.props:
        return [0] * 4, [0] * 4
    child_addr = host.prop_u32("#address-cells", 3)
    child_int = host.prop_u32("#interrupt-cells", 1)
    mask = host.prop_u32s("interrupt-map-mask") if "interrupt-map-mask" in host.props \
        else [0xFFFF_FFFF] * (child_addr + child_int)
    raw = host.prop_u32s("interrupt-map")
    entries, i = [], 0
    while i < len(raw):
        child = raw[i:i + child_addr + child_int]
        parent = dt.by_phandle.get(raw[i + child_addr + child_int]) if \
            i + child_addr + child_int < len(raw) else None
        if parent is None:
            raise PciError(f"{host.path}: interrupt-map names no interrupt controller")
        paddr = parent.prop_u32("#address-cells", 0)
        pint = parent.prop_u32("#interrupt-cells", 3)
        start = i + child_addr + child_int + 1 + paddr
        entries.append((child, raw[start:start + pint]))
        i = start + pint
    intids, flags = [], []
    for pin in INTX_PINS:
        want = [c & m for c, m in zip([devfn << 8, 0, 0, pin], mask)]
        spec = next((p for c, p in entries if [a & m for a, m in zip(c, mask)] == want), None)
        if spec is None or len(spec) != 3 or spec[0] != 0:
            intids.append(0)     # not mapped, or not an SPI
            flags.append(0)
        else:
            intids.append(spec[1] + GIC_SPI_BASE)
            flags.append(spec[2])
    return intids, flags


def mem32_window(host):
    """(CPU base, size) of the host's first 32-bit memory range."""
    raw = host.prop_u32s("ranges") if "ranges" in host.props else []
    parent_cells = host.parent.prop_u32("#address-cells", 2) if host.parent else 2
    step = 3 + parent_cells + 2
    for i in range(0, len(raw) - step + 1, step):
        if raw[i] & PCI_SPACE_MASK == PCI_SPACE_MEM32:
            return (cells_to_int(raw[i + 3:i + 3 + parent_cells]),
                    cells_to_int(raw[i + 3 + parent_cells:i + step]))
    return None


class PciFunction:
    def __init__(self, dt, vm, node):
        where = f"{vm.where}: device {node.path}"
        host = node.parent
        self.node, self.name = node, node.path
        reg = node.prop_u32s("reg") if "reg" in node.props else []
        if not reg:
            raise PciError(f"{where}: a PCI function needs 'reg' = <phys.hi 0 0 0 0> "
                           f"(bus << 16 | device << 11 | function << 8)")
        self.bdf = (reg[0] >> 8) & 0xFFFF
        first_bus = host.prop_u32s("bus-range")[0] if "bus-range" in host.props else 0
        if self.bdf >> 8 != first_bus:
            raise PciError(f"{where}: only functions on the host's root bus ({first_bus}) can "
                           f"be assigned; this one is on bus {self.bdf >> 8}")
        self.devfn = self.bdf & 0xFF
        self.stream_id = stream_id(dt, host, self.bdf)
        if self.stream_id is None:
            raise PciError(f"{where}: no 'iommu-map' entry of {host.path} (to an enabled "
                           f"SMMU) covers requester ID {self.bdf:#06x}: the function's DMA "
                           f"could not be confined to the VM")
        self.intids, self.intx_flags = intx_intids(dt, host, self.devfn)
        self.its_devid = msi_device_id(dt, host, self.bdf)
        self.window = mem32_window(host)
        if self.window is None:
            raise PciError(f"{where}: {host.path} has no 32-bit memory range in 'ranges' "
                           f"for the function's BARs")

    def label(self):
        return f"{self.bdf >> 8:02x}:{self.devfn >> 3:02x}.{self.devfn & 7}"


def check_enabled(vm, enabled):
    if vm.pci_nodes and not enabled:
        raise PciError(f"{vm.where}: device {vm.pci_nodes[0].path} is a PCI function: "
                       f"assigning it needs CONFIG_PCI_PASSTHROUGH=y")


def check_vm(vm):
    """The VM's PCI functions fit the VM: no two share a slot, the guest's
    PCI windows miss its RAM."""
    if not vm.pci:
        return
    if len(vm.pci) > MAX_PER_VM:
        raise PciError(f"{vm.where}: {len(vm.pci)} PCI functions, at most {MAX_PER_VM} per VM")
    seen = {}
    for f in vm.pci:
        if f.devfn in seen:
            raise PciError(f"{vm.where}: {f.name} and {seen[f.devfn]} are both at "
                           f"device/function {f.label()[3:]} of the VM's bus")
        seen[f.devfn] = f.name
    ram = (vm.ram_ipa, vm.ram_ipa + vm.ram_size)
    base, size = vm.pci[0].window
    for what, (lo, n) in (("ECAM window", GUEST_ECAM), ("PCI memory window", (base, size))):
        if lo < ram[1] and ram[0] < lo + n:
            raise PciError(f"{vm.where}: RAM IPA {ram[0]:#x}-{ram[1]:#x} overlaps the guest's "
                           f"{what} {lo:#x}-{lo + n:#x}")


def guest_node(vm, hi_lo):
    """The guest's PCIe host: its ECAM window, the host's 32-bit window 1:1
    (BARs keep the address the hypervisor gave them), INTx of its functions
    only, and with a virtual ITS an msi-map giving each function its real
    DeviceID (docs/its.md)."""
    base, size = vm.pci[0].window
    imap = []
    for f in vm.pci:
        for pin, intid, flags in zip(INTX_PINS, f.intids, f.intx_flags):
            if intid:
                # The GIC node has #address-cells = <2>: two cells of
                # parent unit address before its three interrupt cells.
                imap.append(f"<{f.devfn << 8:#x} 0x0 0x0 {pin} &gic 0x0 0x0 0x0 "
                            f"{intid - GIC_SPI_BASE} {flags}>")
    out = [f"\tpcie@{GUEST_ECAM[0]:x} {{", '\t\tcompatible = "pci-host-ecam-generic";',
           '\t\tdevice_type = "pci";', "\t\t#address-cells = <3>;", "\t\t#size-cells = <2>;",
           "\t\t#interrupt-cells = <1>;",
           f"\t\treg = <{hi_lo(GUEST_ECAM[0])} {hi_lo(GUEST_ECAM[1])}>;",
           "\t\tbus-range = <0x0 0x0>;", "\t\tlinux,pci-domain = <0>;",
           f"\t\tranges = <{PCI_SPACE_MEM32:#x} {hi_lo(base)} {hi_lo(base)} {hi_lo(size)}>;",
           "\t\tdma-coherent;"]
    if imap:
        out += ["\t\tinterrupt-map-mask = <0xff00 0x0 0x0 0x7>;",
                "\t\tinterrupt-map = " + ",\n\t\t\t".join(imap) + ";"]
    if vm.its:
        out.append("\t\tmsi-map = " + ",\n\t\t\t".join(
            f"<{f.devfn:#x} &its {f.its_devid:#x} 0x1>" for f in vm.pci) + ";")   # RID: bus 0
    return out + ["\t};", ""]


def c_entries(vm):
    out = []
    for f in vm.pci:
        irqs = ", ".join(str(i) for i in f.intids)
        out.append(f'\t{{ .name = "{f.name}", .bdf = {f.bdf:#x}, .guest_devfn = {f.devfn:#x}, '
                   f".stream_id = {f.stream_id:#x}, .intx_irqs = {{ {irqs} }}, "
                   f".its_devid = {f.its_devid or 0:#x} }},")
    return out
