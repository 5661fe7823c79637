# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# The test guests, for any build that has included cmake/guest.cmake:
#   mhv_add_test_guests([UNDER_MONADIC] [FAULT_ADDRS <addr>...] [PREFIX <p>])
# UNDER_MONADIC turns on the checks that only hold under Monadic (its
# hypercalls, CPU_ON address checks); FAULT_ADDRS are extra addresses
# fault_guest must not be able to touch (another VM's memory, the
# hypervisor's). Targets are <prefix>hello_guest, <prefix>timer_guest,
# <prefix>smp_guest, <prefix>console_guest, <prefix>pmu_guest,
# <prefix>reset_guest and <prefix>fault_guest.

include_guard(GLOBAL)
set(MHV_TEST_GUESTS_DIR ${CMAKE_CURRENT_LIST_DIR})

function(mhv_add_test_guests)
  cmake_parse_arguments(PARSE_ARGV 0 T "UNDER_MONADIC" "PREFIX" "FAULT_ADDRS")
  set(defines)
  if(T_UNDER_MONADIC)
    list(APPEND defines GUEST_UNDER_MONADIC=1)
  endif()
  foreach(guest hello_guest timer_guest smp_guest console_guest pmu_guest reset_guest)
    mhv_add_guest(${T_PREFIX}${guest} SOURCES ${MHV_TEST_GUESTS_DIR}/${guest}.c
      DEFINES ${defines} GUEST_NAME="${T_PREFIX}${guest}")
  endforeach()
  set(fault_defines ${defines} GUEST_NAME="${T_PREFIX}fault_guest")
  if(T_FAULT_ADDRS)
    string(REPLACE ";" "," addrs "${T_FAULT_ADDRS}")
    list(APPEND fault_defines FAULT_GUEST_EXTRA_ADDRS=${addrs})
  endif()
  mhv_add_guest(${T_PREFIX}fault_guest SOURCES ${MHV_TEST_GUESTS_DIR}/fault_guest.c
    DEFINES ${fault_defines})
endfunction()

# The PCIe passthrough guests (tests/integration/pcie_vm):
#   mhv_add_pcie_test_guests([VITS] [FOREIGN_ADDR <pa>] [WATCH_OFFSET <off>]
#                            [WATCH_SECONDS <s>] [NR_LPIS <n>] [PREFIX <p>])
# <prefix>nvme_guest drives the NVMe function its VM is given (filtered
# config space, DMA into its own RAM) and aims its DMA (data, completion
# queue, submission queue: the three pages from FOREIGN_ADDR) at another
# VM's RAM by physical address, outside its own IPA map. VITS: the VM has
# a virtual ITS (CONFIG_VITS, docs/its.md), so MSI-X is listed and the ITS
# frame is emulated; without it both are hidden.
# <prefix>its_guest drives that virtual ITS on two vCPUs: LPIs, commands,
# the NVMe's MSI-X, and the commands that must stall the queue (one puts
# the queue at FOREIGN_ADDR); NR_LPIS is CONFIG_VITS_NR_LPIS.
# <prefix>memwatch_guest keeps a pattern at RAM + WATCH_OFFSET and checks
# it for WATCH_SECONDS: the other VM, whose RAM is that physical address.
# The NVMe admin-queue code is shared with the hypervisor's own PCIe test.
function(mhv_add_pcie_test_guests)
  cmake_parse_arguments(PARSE_ARGV 0 T "VITS" "PREFIX;FOREIGN_ADDR;WATCH_OFFSET;WATCH_SECONDS;NR_LPIS" "")
  set(common ${MHV_TEST_GUESTS_DIR}/../common)
  set(pcie_sources ${common}/guest_pcie.c ${common}/nvme_admin.c ${common}/nvme_clock_guest.c)
  set(nvme_defines GUEST_NAME="${T_PREFIX}nvme_guest")
  set(its_defines GUEST_NAME="${T_PREFIX}its_guest")
  if(T_FOREIGN_ADDR)
    list(APPEND nvme_defines NVME_GUEST_FOREIGN_ADDR=${T_FOREIGN_ADDR}UL)
    list(APPEND its_defines ITS_GUEST_FOREIGN_ADDR=${T_FOREIGN_ADDR}UL)
  endif()
  if(T_VITS)
    list(APPEND nvme_defines NVME_GUEST_VITS=1)
  endif()
  if(T_NR_LPIS)
    list(APPEND its_defines ITS_GUEST_NR_LPIS=${T_NR_LPIS}U)
  endif()
  mhv_add_guest(${T_PREFIX}nvme_guest
    SOURCES ${MHV_TEST_GUESTS_DIR}/nvme_guest.c ${pcie_sources}
    INCLUDES ${common} DEFINES ${nvme_defines})
  mhv_add_guest(${T_PREFIX}its_guest
    SOURCES ${MHV_TEST_GUESTS_DIR}/its_guest.c ${MHV_TEST_GUESTS_DIR}/its_lpi_cmds.c
            ${MHV_TEST_GUESTS_DIR}/its_bad_cmds.c ${MHV_TEST_GUESTS_DIR}/its_msix.c
            ${pcie_sources}
    INCLUDES ${common} DEFINES ${its_defines})

  set(watch_defines GUEST_NAME="${T_PREFIX}memwatch_guest")
  if(T_WATCH_OFFSET)
    list(APPEND watch_defines MEMWATCH_OFFSET=${T_WATCH_OFFSET}UL)
  endif()
  if(T_WATCH_SECONDS)
    list(APPEND watch_defines MEMWATCH_SECONDS=${T_WATCH_SECONDS}U)
  endif()
  mhv_add_guest(${T_PREFIX}memwatch_guest SOURCES ${MHV_TEST_GUESTS_DIR}/memwatch_guest.c
    DEFINES ${watch_defines})
endfunction()
