# SPDX-License-Identifier: BSD-2-Clause-Patent
# QEMU 7.2 has no Neoverse V1 model: 'max' implements a superset of its
# features (Armv9 with SVE2, PAuth, BTI, LSE). The Kconfig features stay the
# real core's (arch/arm64/Kconfig), not what 'max' offers.
set(QEMU_CPU max)
include(${MONADIC_BASE}/boards/common/qemu-virt.cmake)
