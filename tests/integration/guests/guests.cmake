# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# The test guests, for any build that has included cmake/guest.cmake:
#   mhv_add_test_guests([UNDER_MONADIC] [FAULT_ADDRS <addr>...] [PREFIX <p>])
# UNDER_MONADIC turns on the checks that only hold under Monadic (its
# hypercalls, CPU_ON address checks); FAULT_ADDRS are extra addresses
# fault_guest must not be able to touch (another VM's memory, the
# hypervisor's). Targets are <prefix>hello_guest, <prefix>timer_guest,
# <prefix>smp_guest and <prefix>fault_guest.

include_guard(GLOBAL)
set(MHV_TEST_GUESTS_DIR ${CMAKE_CURRENT_LIST_DIR})

function(mhv_add_test_guests)
  cmake_parse_arguments(PARSE_ARGV 0 T "UNDER_MONADIC" "PREFIX" "FAULT_ADDRS")
  set(defines)
  if(T_UNDER_MONADIC)
    list(APPEND defines GUEST_UNDER_MONADIC=1)
  endif()
  foreach(guest hello_guest timer_guest smp_guest)
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
