# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# QEMU command line for a board on the 'virt' machine. The board.cmake sets
# QEMU_CPU; core count and RAM come from the devicetree (DT_NUM_CPUS,
# DT_RAM_SIZE_MB), so nothing is typed twice. The SMMUv3 and the NVMe
# function match boards/common/qemu-virt.overlay.
#
# QEMU_VIRTUALIZATION=off starts the CPUs at EL1 instead of EL2 (a test
# uses it to check that the hypervisor refuses to run there).

set(QEMU_VIRTUALIZATION on CACHE STRING "QEMU virt 'virtualization=' (on: boot at EL2)")
# A board.cmake sets QEMU_GIC_VERSION 4 for a GICv4; QEMU has one only
# with virtualization on.
if(NOT DEFINED QEMU_GIC_VERSION OR NOT QEMU_VIRTUALIZATION)
  set(QEMU_GIC_VERSION 3)
endif()
set(QEMU_NVME_IMAGE ${CMAKE_BINARY_DIR}/nvme0.img)

set(QEMU_FLAGS
  -machine virt,gic-version=${QEMU_GIC_VERSION},virtualization=${QEMU_VIRTUALIZATION},iommu=smmuv3
  -cpu ${QEMU_CPU}
  -smp ${DT_NUM_CPUS}
  -m ${DT_RAM_SIZE_MB}M
  # Ctrl-] is QEMU's escape key, so Ctrl-A reaches the hypervisor's console
  # switch (Ctrl-A x3); quit QEMU with Ctrl-] x.
  -nographic -echr 0x1d -no-reboot -nic none
  -drive file=${QEMU_NVME_IMAGE},if=none,format=raw,id=nvme0
  -device nvme,serial=monadic0,drive=nvme0,addr=1
)
