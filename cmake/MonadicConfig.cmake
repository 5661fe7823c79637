# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# find_package(Monadic) entry point for applications, as Zephyr's
# find_package(Zephyr): an app's CMakeLists.txt calls it before project()
# and gets the board, Kconfig, devicetree, the cross toolchain and the
# `app` library to add its sources to.

get_filename_component(MONADIC_BASE ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
include(${MONADIC_BASE}/cmake/monadic.cmake)
