# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Resolve BOARD (-DBOARD=, then the environment, then the default) with
# scripts/boards.py, the same resolver `mhv` uses. BOARD_ROOT adds
# out-of-tree board folders.

set(MHV_DEFAULT_BOARD graviton2/qemu)
if(NOT BOARD)
  if(DEFINED ENV{BOARD})
    set(BOARD $ENV{BOARD})
  else()
    set(BOARD ${MHV_DEFAULT_BOARD})
  endif()
endif()
set(BOARD ${BOARD} CACHE STRING "Board target (./mhv boards)" FORCE)

set(board_roots --root ${MONADIC_BASE}/boards)
foreach(root ${BOARD_ROOT})
  list(APPEND board_roots --root ${root}/boards)
endforeach()
execute_process(
  COMMAND ${MHV_PYTHON} ${MONADIC_BASE}/scripts/boards.py ${board_roots} --cmake ${BOARD}
  OUTPUT_VARIABLE board_cmake RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "board resolution failed (above)")
endif()
cmake_language(EVAL CODE "${board_cmake}")
message(STATUS "Board: ${BOARD_TARGET} (${BOARD_FULL_NAME}), ${BOARD_DIR}")
