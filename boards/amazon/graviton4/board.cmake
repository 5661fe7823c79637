# SPDX-License-Identifier: BSD-2-Clause-Patent
# QEMU 7.2 has no Neoverse V2 model: 'max' implements a superset of its
# features (Armv9 with SVE2, PAuth, BTI, LSE). The Kconfig features stay the
# real core's (arch/arm64/Kconfig), not what 'max' offers.
set(QEMU_CPU max)
# Its GIC-700 is a GICv4.1; QEMU 7.2 models GICv4.0, which Monadic drives
# (Kconfig.* selects GIC_HAS_V4).
set(QEMU_GIC_VERSION 4)
include(${MONADIC_BASE}/boards/common/qemu-virt.cmake)
