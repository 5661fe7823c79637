# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Devicetree: the board .dts, then the overlays in this order
#   1. the board's own overlay  boards/<vendor>/<board>/<board>_<qualifier>.overlay
#   2. the app's overlay        DTC_OVERLAY_FILE if given, else
#                               <app>/boards/<board>_<qualifier>.overlay if present,
#                               else <app>/app.overlay if present
#   3. EXTRA_DTC_OVERLAY_FILE
# are concatenated, run through the C preprocessor (includes from dts/ and
# dts/include), merged by dtc into ${MHV_BINARY_DIR}/monadic.dts (+ .dtb),
# checked against dts/bindings and turned into devicetree_generated.h.

find_program(MHV_DTC dtc)
if(NOT MHV_DTC)
  message(FATAL_ERROR "dtc is not installed.\n"
    "Install it: sudo apt-get install device-tree-compiler (or run ./mhv setup)")
endif()

set(board_dts ${BOARD_DIR}/${BOARD_FILE_STEM}.dts)
if(NOT EXISTS ${board_dts})
  message(FATAL_ERROR "board ${BOARD_TARGET} has no devicetree: ${board_dts}")
endif()

set(dts_files ${board_dts})
if(EXISTS ${BOARD_DIR}/${BOARD_FILE_STEM}.overlay)
  list(APPEND dts_files ${BOARD_DIR}/${BOARD_FILE_STEM}.overlay)
endif()
if(DTC_OVERLAY_FILE)
  list(APPEND dts_files ${DTC_OVERLAY_FILE})
elseif(EXISTS ${APP_DIR}/boards/${BOARD_FILE_STEM}.overlay)
  list(APPEND dts_files ${APP_DIR}/boards/${BOARD_FILE_STEM}.overlay)
elseif(EXISTS ${APP_DIR}/app.overlay)
  list(APPEND dts_files ${APP_DIR}/app.overlay)
endif()
list(APPEND dts_files ${EXTRA_DTC_OVERLAY_FILE})

set(dts_input ${MHV_BINARY_DIR}/dts.input)
set(dts_input_text "/* Generated: the board devicetree and its overlays, in merge order. */\n")
foreach(f ${dts_files})
  get_filename_component(f ${f} ABSOLUTE BASE_DIR ${APP_DIR})
  if(NOT EXISTS ${f})
    message(FATAL_ERROR "devicetree overlay not found: ${f}")
  endif()
  string(APPEND dts_input_text "#include \"${f}\"\n")
endforeach()
file(WRITE ${dts_input} "${dts_input_text}")
message(STATUS "Devicetree: ${dts_files}")

set(dts_pre ${MHV_BINARY_DIR}/monadic.dts.pre)
execute_process(
  COMMAND ${MHV_CROSS_GCC} -E -x assembler-with-cpp -nostdinc -undef -D__DTS__
          -I ${MONADIC_BASE}/dts -I ${MONADIC_BASE}/dts/include -I ${MONADIC_BASE}/boards
          -I ${BOARD_DIR} -MD -MF ${dts_pre}.d -o ${dts_pre} ${dts_input}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "devicetree preprocessing failed (above)")
endif()

# dtc understands cpp's line markers, so its errors name the original
# file:line; dtc_messages.py turns the positions it gives in dts.input (a
# node left open at the end of an overlay) into that overlay's, and names
# the brace that is not balanced. -@ keeps labels (__symbols__) for the
# generator.
set(dtc_flags -@ -I dts -b 0 -Wno-unit_address_vs_reg -Wno-simple_bus_reg
    -Wno-avoid_unnecessary_addr_size -Wno-unique_unit_address)
execute_process(
  COMMAND ${MHV_PYTHON} ${MONADIC_BASE}/scripts/dts/dtc_messages.py
          --dts-input ${dts_input} --preprocessed ${dts_pre}
          -- ${MHV_DTC} ${dtc_flags} -O dtb -o ${MHV_BINARY_DIR}/monadic.dtb.new ${dts_pre}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "devicetree syntax error (dtc, above)")
endif()
# Replaced only when it changed: the VM tables and guest DTBs generated
# from it (cmake/vms.cmake) are then not rebuilt by every reconfigure,
# e.g. after a Kconfig change.
file(COPY_FILE ${MHV_BINARY_DIR}/monadic.dtb.new ${MHV_BINARY_DIR}/monadic.dtb ONLY_IF_DIFFERENT)

# The same input again as DTS: annotated with source positions (-T) for
# the generators' messages, and plain. The run above has shown dtc's
# warnings, so these keep them to themselves unless they fail.
function(mhv_dtc_write_dts output)
  execute_process(
    COMMAND ${MHV_DTC} ${dtc_flags} ${ARGN} -O dts -o ${output} ${dts_pre}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dtc could not write ${output} (exit ${rc}):\n${err}")
  endif()
endfunction()
mhv_dtc_write_dts(${MHV_BINARY_DIR}/monadic.dts.annotated -T)
mhv_dtc_write_dts(${MHV_BINARY_DIR}/monadic.dts)

set(require_chosen)
if(CONFIG_CONSOLE)
  list(APPEND require_chosen --require-chosen monadic,console)
endif()
execute_process(
  COMMAND ${MHV_PYTHON} ${MONADIC_BASE}/scripts/dts/gen_defines.py
          --dtb ${MHV_BINARY_DIR}/monadic.dtb
          --annotated-dts ${MHV_BINARY_DIR}/monadic.dts.annotated
          --bindings ${MONADIC_BASE}/dts/bindings
          --header ${MHV_GENERATED_DIR}/devicetree_generated.h
          --cmake ${MHV_BINARY_DIR}/dts.cmake ${require_chosen}
  WORKING_DIRECTORY ${MONADIC_BASE}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "devicetree check failed (above)")
endif()
include(${MHV_BINARY_DIR}/dts.cmake)

# Re-run CMake when any devicetree source or binding changes.
file(READ ${dts_pre}.d dts_deps)
string(REGEX REPLACE "\\\\\n" " " dts_deps "${dts_deps}")
string(REGEX REPLACE "^[^:]*:" "" dts_deps "${dts_deps}")
separate_arguments(dts_deps UNIX_COMMAND "${dts_deps}")
file(GLOB binding_files ${MONADIC_BASE}/dts/bindings/*.yaml)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dts_deps} ${binding_files})
