#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause-Patent
"""Validate the merged devicetree against dts/bindings and write the C
header of DT_* macros (and a small CMake file of DT facts the build needs).

Every node with a 'compatible' must match a binding; its properties must
have the binding's types and its required properties must be there. An
error names the node, the source file and line it came from, and the
binding. C code reaches hardware facts only through these macros.
"""

import argparse
import os
import re
import sys

import yaml

from dtlib import DeviceTree, address_cells, cells_to_int, on_pci_bus, regs

TYPES = ("int", "array", "uint8-array", "string", "string-array", "boolean",
         "phandle", "phandles", "phandle-array", "compound")


class DTError(Exception):
    pass


# ---------------------------------------------------------------- bindings

def load_bindings(directory):
    """compatible -> binding dict, with 'include'd properties merged in."""
    raw = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".yaml"):
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8") as f:
                try:
                    data = yaml.safe_load(f) or {}
                except yaml.YAMLError as e:
                    raise DTError(f"{path}: not valid YAML: {e}")
            data["__file__"] = os.path.relpath(path)
            raw[name] = data

    def resolved(name, seen=()):
        if name in seen:
            raise DTError(f"{name}: include cycle")
        if name not in raw:
            raise DTError(f"binding include '{name}' not found in {directory}")
        data = raw[name]
        props = {}
        for inc in data.get("include", []) or []:
            props.update(resolved(inc, seen + (name,))["properties"])
        for pname, spec in (data.get("properties") or {}).items():
            merged = dict(props.get(pname, {}))
            merged.update(spec or {})
            props[pname] = merged
        out = dict(data)
        out["properties"] = props
        return out

    bindings = {}
    for name, data in raw.items():
        if "compatible" not in data:
            continue
        b = resolved(name)
        for pname, spec in b["properties"].items():
            if spec.get("type") not in TYPES:
                raise DTError(f"{b['__file__']}: property '{pname}' has type "
                              f"'{spec.get('type')}', expected one of {', '.join(TYPES)}")
        compats = data["compatible"]
        for compat in compats if isinstance(compats, list) else [compats]:
            bindings[compat] = b
    return bindings


def check_type(dt, node, pname, ptype, raw):
    """None when raw fits ptype, else the reason."""
    n = len(raw)
    if ptype == "boolean":
        return None if n == 0 else "a boolean property must be empty"
    if ptype == "int":
        return None if n == 4 else f"expected one 32-bit cell, found {n} bytes"
    if ptype in ("array", "phandles", "phandle-array"):
        if n % 4:
            return f"expected 32-bit cells, found {n} bytes"
        if ptype == "phandles":
            for ph in node.prop_u32s(pname):
                if ph not in dt.by_phandle:
                    return f"phandle {ph:#x} points to no node"
        return None
    if ptype == "phandle":
        if n != 4:
            return f"expected one phandle, found {n} bytes"
        return None if node.prop_u32(pname) in dt.by_phandle else "the phandle points to no node"
    if ptype in ("string", "string-array"):
        if n == 0 or raw[-1] != 0:
            return "expected a string"
        if ptype == "string" and raw.count(b"\0") != 1:
            return "expected one string, found a list"
        return None
    return None  # uint8-array, compound: any bytes


def validate(dt, bindings):
    """Return {node path: binding} for every node with a compatible."""
    matched = {}
    for node in dt.nodes.values():
        compats = node.compatibles
        # The root's compatible names the board, not a device.
        if not compats or node.path == "/" or node.path.startswith("/__"):
            continue
        binding = next((bindings[c] for c in compats if c in bindings), None)
        if binding is None:
            raise DTError(f"{dt.where(node)}: node {node.path}: no binding in "
                          f"dts/bindings for compatible {', '.join(compats)}")
        matched[node.path] = binding
        where_b = binding["__file__"]
        for pname, spec in binding["properties"].items():
            if pname not in node.props:
                if spec.get("required") and node.okay:
                    touched = dt.changed_by(node)
                    also = f"; changed by {', '.join(touched)}" if touched else ""
                    raise DTError(f"{dt.where(node)}: node {node.path}: missing required "
                                  f"property '{pname}' (binding {where_b}){also}")
                continue
            reason = check_type(dt, node, pname, spec["type"], node.props[pname])
            if reason:
                raise DTError(f"{dt.where(node, pname)}: node {node.path}: property "
                              f"'{pname}' should be {spec['type']}: {reason} (binding {where_b})")
            if "enum" in spec and spec["type"] == "string":
                value = node.prop_string(pname)
                if value not in spec["enum"]:
                    raise DTError(f"{dt.where(node, pname)}: node {node.path}: property "
                                  f"'{pname}' is '{value}', expected one of "
                                  f"{', '.join(map(str, spec['enum']))} (binding {where_b})")
    return matched


# ---------------------------------------------------------------- macros

def ident(s):
    return re.sub(r"[^a-z0-9]", "_", s.lower())


def node_id(node):
    if node.path == "/":
        return "DT_N"
    return "DT_N" + "".join("_S_" + ident(part) for part in node.path.strip("/").split("/"))


def interrupt_cells(dt, node, bindings):
    """[(cell name, value)] per interrupt of the node."""
    if "interrupts" not in node.props:
        return []
    parent = dt.interrupt_parent(node)
    if parent is None:
        raise DTError(f"{dt.where(node, 'interrupts')}: node {node.path}: 'interrupts' "
                      f"but no interrupt-parent")
    ncells = parent.prop_u32("#interrupt-cells", 1)
    pbinding = next((bindings[c] for c in parent.compatibles if c in bindings), {})
    names = pbinding.get("interrupt-cells") or [f"cell{i}" for i in range(ncells)]
    cells = node.prop_u32s("interrupts")
    if len(cells) % ncells:
        raise DTError(f"{dt.where(node, 'interrupts')}: node {node.path}: 'interrupts' has "
                      f"{len(cells)} cells, not a multiple of {parent.path}'s #interrupt-cells={ncells}")
    return [list(zip(names, cells[i:i + ncells])) for i in range(0, len(cells), ncells)]


def prop_macros(dt, nid, node, binding):
    out = []
    for pname, spec in binding["properties"].items():
        if pname in ("reg", "interrupts", "compatible", "status", "phandle"):
            continue
        p = f"{nid}_P_{ident(pname)}"
        t = spec["type"]
        present = pname in node.props
        if t == "boolean":
            out.append((p, "1" if present else "0"))
            continue
        if not present:
            continue
        out.append((p + "_EXISTS", "1"))
        if t == "int":
            out.append((p, str(node.prop_u32(pname))))
        elif t == "string":
            out.append((p, '"' + node.prop_string(pname) + '"'))
            out.append((p + "_TOKEN", ident(node.prop_string(pname))))
        elif t == "string-array":
            vals = node.prop_strings(pname)
            out.append((p, "{" + ", ".join(f'"{v}"' for v in vals) + "}"))
            out.append((p + "_LEN", str(len(vals))))
        elif t == "phandle":
            out.append((p, node_id(dt.by_phandle[node.prop_u32(pname)])))
        elif t in ("array", "phandles", "phandle-array"):
            vals = node.prop_u32s(pname)
            out.append((p, "{" + ", ".join(hex(v) for v in vals) + "}"))
            out.append((p + "_LEN", str(len(vals))))
            for i, v in enumerate(vals):
                out.append((f"{p}_IDX_{i}", hex(v)))
    return out


def node_macros(dt, node, binding, bindings):
    nid = node_id(node)
    m = [(f"{nid}_EXISTS", "1"),
         (f"{nid}_PATH", f'"{node.path}"'),
         (f"{nid}_STATUS_OKAY", "1" if node.okay else "0")]
    rl = regs(node)
    m.append((f"{nid}_REG_NUM", str(len(rl))))
    for i, (cpu_addr, size, bus_addr) in enumerate(rl):
        if on_pci_bus(node):
            # A PCI function: reg names its bus/device/function (phys.hi
            # bits [23:8], PCI bus binding), not a CPU address.
            if i == 0:
                m.append((f"{nid}_PCI_BDF", f"{(bus_addr >> 72) & 0xffff:#x}"))
            continue
        # Not memory-mapped (a CPU's MPIDR): the bus address as it is.
        addr = cpu_addr if cpu_addr is not None else bus_addr
        m.append((f"{nid}_REG_IDX_{i}_VAL_ADDRESS", f"{addr:#x}"))
        m.append((f"{nid}_REG_IDX_{i}_VAL_SIZE", f"{size:#x}"))
    irqs = interrupt_cells(dt, node, bindings)
    m.append((f"{nid}_IRQ_NUM", str(len(irqs))))
    for i, cells in enumerate(irqs):
        for cname, value in cells:
            m.append((f"{nid}_IRQ_IDX_{i}_VAL_{ident(cname)}", str(value)))
    m.extend(prop_macros(dt, nid, node, binding))
    return m


def cpu_nodes(dt):
    cpus = dt.nodes.get("/cpus")
    if cpus is None:
        return []
    return [c for c in cpus.children
            if c.prop_string("device_type") == "cpu" and c.okay]


def generate(dt, bindings, matched, required_chosen):
    lines = ["/* Generated by scripts/dts/gen_defines.py from the merged devicetree. */",
             "/* Do not edit: change the board .dts or an overlay instead. */",
             "#ifndef MHV_DEVICETREE_GENERATED_H", "#define MHV_DEVICETREE_GENERATED_H", ""]

    def emit(pairs):
        for name, value in pairs:
            lines.append(f"#define {name} {value}")

    unbound = {"properties": {}}
    for path in sorted(dt.nodes):
        if path.startswith("/__"):
            continue
        node = dt.nodes[path]
        lines.append(f"/* {path} ({dt.where(node)}) */")
        emit(node_macros(dt, node, matched.get(path, unbound), bindings))
        lines.append("")

    lines.append("/* Node labels */")
    emit((f"DT_N_NODELABEL_{ident(label)}", node_id(node))
         for label, node in sorted(dt.labels.items()))
    lines.append("")

    lines.append("/* Chosen nodes */")
    chosen = dt.nodes.get("/chosen")
    chosen_props = {}
    if chosen:
        for pname, raw in chosen.props.items():
            target = None
            if len(raw) == 4 and int.from_bytes(raw, "big") in dt.by_phandle:
                target = dt.by_phandle[int.from_bytes(raw, "big")]
            elif raw.endswith(b"\0"):
                ref = raw.rstrip(b"\0").decode(errors="replace").split(":")[0]
                target = dt.nodes.get(ref) or dt.labels.get(ref.lstrip("&"))
            if target is not None:
                chosen_props[pname] = target
    for pname in required_chosen:
        if pname not in chosen_props:
            where = dt.where(chosen) if chosen else dt.where(dt.root)
            raise DTError(f"{where}: /chosen has no '{pname}' node reference "
                          f"(add: chosen {{ {pname} = &<node label>; }};)")
    for pname, target in sorted(chosen_props.items()):
        emit([(f"DT_CHOSEN_{ident(pname)}", node_id(target)),
              (f"DT_CHOSEN_{ident(pname)}_EXISTS", "1")])
    lines.append("")

    lines.append("/* status = \"okay\" instances per compatible */")
    for compat in sorted(bindings):
        okay = [dt.nodes[p] for p in sorted(matched)
                if dt.nodes[p].okay and compat in dt.nodes[p].compatibles]
        cid = ident(compat)
        emit([(f"DT_COMPAT_{cid}_NUM_OKAY", str(len(okay))),
              (f"DT_COMPAT_{cid}_FOREACH_OKAY(fn)", " ".join(f"fn({node_id(n)})" for n in okay))])
    lines.append("")

    lines.append("/* Register windows (CPU addresses) of every okay device node */")
    mmio = []
    for path in sorted(matched):
        node = dt.nodes[path]
        if not node.okay or node.prop_string("device_type") in ("cpu", "memory"):
            continue
        mmio += [f"fn({addr:#x}, {size:#x})" for addr, size, _ in regs(node) if addr is not None]
        mmio += [f"fn({addr:#x}, {size:#x})" for addr, size in pci_mem32_windows(node)]
    emit([("DT_FOREACH_OKAY_MMIO(fn)", " ".join(mmio))])
    lines.append("")

    model = dt.root.prop_string("model", "")
    emit([("DT_MODEL", '"' + model.replace('"', '\\"') + '"')])
    lines.append("")

    cpus = cpu_nodes(dt)
    lines.append("/* CPUs (device_type = \"cpu\", status okay), in /cpus order */")
    emit([("DT_NUM_CPUS", str(len(cpus))),
          ("DT_FOREACH_CPU(fn)", " ".join(f"fn({node_id(c)})" for c in cpus))])
    lines += ["", "#endif", ""]
    return "\n".join(lines)


def pci_mem32_windows(node):
    """[(cpu address, size)] of a PCI host's 32-bit memory windows: the
    'ranges' entries whose phys.hi space code (bits [25:24]) is 0b10 (PCI
    Bus Binding to IEEE 1275, 2.2.1.1). BARs are placed there, so the
    hypervisor maps them to reach a function's registers. The 64-bit
    window is left out: it usually lies beyond the EL2 VA size."""
    if node.prop_string("device_type") != "pci" or "ranges" not in node.props:
        return []
    cac = node.prop_u32("#address-cells", 3)
    pac = address_cells(node)
    csc = node.prop_u32("#size-cells", 2)
    cells = node.prop_u32s("ranges")
    step = cac + pac + csc
    out = []
    for i in range(0, len(cells) - step + 1, step):
        if (cells[i] >> 24) & 0x3 == 0x2:
            out.append((cells_to_int(cells[i + cac:i + cac + pac]),
                        cells_to_int(cells[i + cac + pac:i + step])))
    return out


def cmake_facts(dt):
    """Facts the CMake side needs (QEMU -smp/-m, the linker script's RAM)."""
    cpus = cpu_nodes(dt)
    mems = [n for n in dt.nodes.values()
            if n.prop_string("device_type") == "memory" and n.okay]
    if not mems:
        raise DTError(f"{dt.where(dt.root)}: no memory node (device_type = \"memory\")")
    base, size, _ = regs(mems[0])[0]
    compat = cpus[0].compatibles[0] if cpus else ""
    return (f"set(DT_NUM_CPUS {len(cpus)})\n"
            f"set(DT_RAM_BASE {base:#x})\n"
            f"set(DT_RAM_SIZE {size:#x})\n"
            f"set(DT_RAM_SIZE_MB {size >> 20})\n"
            f"set(DT_CPU_COMPATIBLE \"{compat}\")\n")


def write_if_changed(path, text):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dtb", required=True)
    ap.add_argument("--annotated-dts", help="dtc -T output, for source locations")
    ap.add_argument("--bindings", required=True)
    ap.add_argument("--header", required=True)
    ap.add_argument("--cmake", required=True)
    ap.add_argument("--require-chosen", action="append", default=[])
    args = ap.parse_args()
    try:
        dt = DeviceTree(args.dtb, args.annotated_dts)
        bindings = load_bindings(args.bindings)
        matched = validate(dt, bindings)
        header = generate(dt, bindings, matched, args.require_chosen)
        facts = cmake_facts(dt)
    except DTError as e:
        print(f"error: devicetree: {e}", file=sys.stderr)
        return 1
    write_if_changed(args.header, header)
    write_if_changed(args.cmake, facts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
