# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# The user-facing targets of a build folder: run, debug, menuconfig,
# guiconfig, savedefconfig, footprint, rom_report, ram_report. QEMU's command line is also written
# to monadic/qemu.args (one argument a line) for `mhv run` and the test
# runner.

find_program(MHV_QEMU qemu-system-aarch64)
set(MHV_ELF ${CMAKE_BINARY_DIR}/monadic.elf)
set(qemu_cmd ${MHV_QEMU} ${QEMU_FLAGS} -kernel ${MHV_ELF})
string(REPLACE ";" "\n" qemu_args_text "${qemu_cmd}")
file(WRITE ${MHV_BINARY_DIR}/qemu.args "${qemu_args_text}\n")

if(NOT MHV_QEMU)
  # Without QEMU the image still builds; run/debug say what to install.
  set(qemu_cmd ${CMAKE_COMMAND} -E echo
      "qemu-system-aarch64 is not installed: sudo apt-get install qemu-system-arm (or ./mhv setup)"
      COMMAND ${CMAKE_COMMAND} -E false)
endif()

add_custom_target(run
  COMMAND ${qemu_cmd}
  DEPENDS monadic_image USES_TERMINAL VERBATIM
  COMMENT "Booting ${BOARD_TARGET} in QEMU (exit: Ctrl-] x)")

set(gdb_hint "gdb-multiarch -ex 'file ${MHV_ELF}' -ex 'target remote :1234'")
add_custom_target(debug
  COMMAND ${CMAKE_COMMAND} -E echo "QEMU is halted at the first instruction with a gdb stub on :1234. Attach with:"
  COMMAND ${CMAKE_COMMAND} -E echo "  ${gdb_hint}"
  COMMAND ${qemu_cmd} -s -S
  DEPENDS monadic_image USES_TERMINAL VERBATIM)

set(kconfig_env ${CMAKE_COMMAND} -E env ${MHV_KCONFIG_ENV})
add_custom_target(menuconfig
  COMMAND ${kconfig_env} ${MHV_PYTHON} -m menuconfig ${MONADIC_BASE}/Kconfig
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR} USES_TERMINAL VERBATIM)
add_custom_target(guiconfig
  COMMAND ${kconfig_env} ${MHV_PYTHON} -m guiconfig ${MONADIC_BASE}/Kconfig
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR} USES_TERMINAL VERBATIM)
add_custom_target(savedefconfig
  COMMAND ${kconfig_env} ${MHV_PYTHON} ${MONADIC_BASE}/scripts/kconfig/savedefconfig.py
          ${MONADIC_BASE}/Kconfig ${DOTCONFIG} ${CMAKE_BINARY_DIR}/defconfig
  USES_TERMINAL VERBATIM)
add_custom_target(footprint
  COMMAND ${MHV_PYTHON} ${MONADIC_BASE}/scripts/footprint.py ${CMAKE_BINARY_DIR}/monadic.map
  DEPENDS monadic_image USES_TERMINAL VERBATIM)
# Bytes per source file and symbol of the read-only (rom) and writable
# (ram) sections, from the ELF (scripts/size_report.py).
foreach(kind rom ram)
  add_custom_target(${kind}_report
    COMMAND ${MHV_PYTHON} ${MONADIC_BASE}/scripts/size_report.py ${kind} ${MHV_ELF}
            --cross ${CROSS_COMPILE} --base ${MONADIC_BASE}
    DEPENDS monadic_image USES_TERMINAL VERBATIM)
endforeach()
