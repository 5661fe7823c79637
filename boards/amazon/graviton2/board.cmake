# SPDX-License-Identifier: BSD-2-Clause-Patent
# QEMU 7.2 models this core exactly.
set(QEMU_CPU neoverse-n1)
include(${MONADIC_BASE}/boards/common/qemu-virt.cmake)
