# SPDX-License-Identifier: BSD-2-Clause-Patent
"""A read-only view of a flattened devicetree (pylibfdt) plus where each
node and property came from (dtc -T annotations), for error messages that
name the source file and line."""

import os
import re

import libfdt

NODE_OPEN = re.compile(r"^\s*(?:[\w-]+:\s*)*(\S+) \{(?: /\* (.*) \*/)?$")
NODE_CLOSE = re.compile(r"^\s*\};")
PROP_LINE = re.compile(r"^\s*([^\s=;]+)(?: = .*)?;(?: /\* (.*) \*/)?$")


class Node:
    def __init__(self, path, name, parent):
        self.path = path
        self.name = name
        self.parent = parent
        self.children = []
        self.props = {}          # name -> bytes
        self.labels = []

    @property
    def unit_name(self):
        return self.name.split("@")[0]

    def prop_u32s(self, name):
        raw = self.props[name]
        return [int.from_bytes(raw[i:i + 4], "big") for i in range(0, len(raw), 4)]

    def prop_u32(self, name, default=None):
        if name not in self.props:
            return default
        return self.prop_u32s(name)[0]

    def prop_strings(self, name):
        raw = self.props.get(name)
        if raw is None:
            return []
        return [s.decode() for s in raw.rstrip(b"\0").split(b"\0")]

    def prop_string(self, name, default=None):
        strings = self.prop_strings(name)
        return strings[0] if strings else default

    @property
    def compatibles(self):
        return self.prop_strings("compatible")

    @property
    def okay(self):
        return self.prop_string("status", "okay") in ("okay", "ok")

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class DeviceTree:
    """All nodes of a DTB, by path, with phandles and labels resolved."""

    def __init__(self, dtb_path, annotated_dts_path=None):
        with open(dtb_path, "rb") as f:
            self.fdt = libfdt.Fdt(f.read())
        self.nodes = {}
        self.by_phandle = {}
        self.root = self._load(0, "/", "", None)
        self.labels = {}
        symbols = self.nodes.get("/__symbols__")
        if symbols:
            for label, raw in symbols.props.items():
                path = raw.rstrip(b"\0").decode()
                self.labels[label] = self.nodes[path]
                self.nodes[path].labels.append(label)
        self.node_origin, self.prop_origin = ({}, {})
        if annotated_dts_path:
            self._load_origins(annotated_dts_path)

    def _load(self, offset, path, name, parent):
        node = Node(path, name, parent)
        self.nodes[path] = node
        poff = self.fdt.first_property_offset(offset, libfdt.QUIET_NOTFOUND)
        while poff >= 0:
            prop = self.fdt.get_property_by_offset(poff)
            node.props[prop.name] = bytes(prop)
            poff = self.fdt.next_property_offset(poff, libfdt.QUIET_NOTFOUND)
        if "phandle" in node.props:
            self.by_phandle[node.prop_u32("phandle")] = node
        child = self.fdt.first_subnode(offset, libfdt.QUIET_NOTFOUND)
        while child >= 0:
            cname = self.fdt.get_name(child)
            cpath = (path.rstrip("/") + "/" + cname)
            node.children.append(self._load(child, cpath, cname, node))
            child = self.fdt.next_subnode(child, libfdt.QUIET_NOTFOUND)
        return node

    def _load_origins(self, path):
        """Map node paths and properties to 'file:line' from dtc -T output."""
        stack = []
        base = os.path.dirname(os.path.abspath(path))
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = NODE_OPEN.match(line)
                if m:
                    name = m.group(1)
                    npath = "/" if name == "/" else (stack[-1].rstrip("/") + "/" + name)
                    stack.append(npath)
                    if m.group(2):
                        self.node_origin[npath] = [first_origin(a, base)
                                                   for a in m.group(2).split(",")]
                    continue
                if NODE_CLOSE.match(line):
                    if stack:
                        stack.pop()
                    continue
                m = PROP_LINE.match(line)
                if m and stack and m.group(2):
                    self.prop_origin[(stack[-1], m.group(1))] = first_origin(m.group(2), base)

    def where(self, node, prop=None):
        """The source location of a node (or one of its properties)."""
        if prop and (node.path, prop) in self.prop_origin:
            return self.prop_origin[(node.path, prop)]
        return self.node_origin.get(node.path, ["<merged devicetree>"])[0]

    def changed_by(self, node):
        """Where overlays touched a node after its definition."""
        return self.node_origin.get(node.path, [])[1:]

    def interrupt_parent(self, node):
        for n in [node] + list(node.ancestors()):
            if "interrupt-parent" in n.props:
                return self.by_phandle.get(n.prop_u32("interrupt-parent"))
        return None


def first_origin(annotation, base):
    """dtc -T lists every place that touched a node or property; the first
    is its definition. Paths are relative to the preprocessed file's folder:
    make them relative to the current directory (the tree) when inside it."""
    where = annotation.split(",")[0].strip()
    path, sep, line = where.rpartition(":")
    if not sep:
        return where
    full = os.path.normpath(os.path.join(base, path))
    rel = os.path.relpath(full)
    return f"{full if rel.startswith('..') else rel}:{line}"


def address_cells(node):
    return node.parent.prop_u32("#address-cells", 2) if node.parent else 2


def size_cells(node):
    return node.parent.prop_u32("#size-cells", 1) if node.parent else 1


def cells_to_int(cells):
    value = 0
    for c in cells:
        value = (value << 32) | c
    return value


def translate(node, addr):
    """Translate a bus address to a CPU address through the parents' ranges.
    Returns None when a parent is not memory-mapped (no 'ranges')."""
    for bus in node.ancestors():
        if bus.parent is None:
            return addr
        if "ranges" not in bus.props:
            return None
        raw = bus.prop_u32s("ranges")
        if not raw:
            continue  # empty ranges: identity
        ca, pa, sz = bus.prop_u32("#address-cells", 2), address_cells(bus), bus.prop_u32("#size-cells", 1)
        step = ca + pa + sz
        for i in range(0, len(raw) - step + 1, step):
            cbase = cells_to_int(raw[i:i + ca])
            pbase = cells_to_int(raw[i + ca:i + ca + pa])
            size = cells_to_int(raw[i + ca + pa:i + step])
            if cbase <= addr < cbase + size:
                addr = addr - cbase + pbase
                break
        else:
            return None
    return addr


def on_pci_bus(node):
    return any(a.prop_string("device_type") == "pci" for a in node.ancestors())


def regs(node):
    """[(cpu address or None, size, bus address)] of a node's reg property.
    A PCI function's reg is a config-space address: no CPU address."""
    if "reg" not in node.props:
        return []
    ac, sc = address_cells(node), size_cells(node)
    cells = node.prop_u32s("reg")
    out = []
    step = ac + sc
    for i in range(0, len(cells) - step + 1, step):
        addr = cells_to_int(cells[i:i + ac])
        size = cells_to_int(cells[i + ac:i + step])
        cpu = None if on_pci_bus(node) else translate(node, addr)
        out.append((cpu, size, addr))
    return out
