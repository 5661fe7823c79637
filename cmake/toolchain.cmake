# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# The bare-metal arm64 cross toolchain. Debian's gcc-aarch64-linux-gnu
# (a Linux-targeted gcc) builds freestanding EL2 code fine with
# -ffreestanding -nostdlib -static. CROSS_COMPILE picks another one.

if(NOT CROSS_COMPILE)
  set(CROSS_COMPILE aarch64-linux-gnu-)
endif()
find_program(MHV_CROSS_GCC ${CROSS_COMPILE}gcc)
if(NOT MHV_CROSS_GCC)
  message(FATAL_ERROR
    "the arm64 cross compiler ${CROSS_COMPILE}gcc is not installed.\n"
    "Install it: sudo apt-get install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu\n"
    "(or run ./mhv setup)")
endif()

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER ${MHV_CROSS_GCC})
set(CMAKE_ASM_COMPILER ${MHV_CROSS_GCC})
set(CMAKE_OBJCOPY ${CROSS_COMPILE}objcopy)
set(CMAKE_SIZE ${CROSS_COMPILE}size)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
