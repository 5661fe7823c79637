# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Kconfig: merge the fragments into ${CMAKE_BINARY_DIR}/.config and write
# autoconf.h, then load every CONFIG_* into CMake variables. The merge order
# is board defconfig, CONF_FILE (default: the app's prj.conf),
# EXTRA_CONF_FILE, then -DCONFIG_X=value given to CMake.

set(DOTCONFIG ${CMAKE_BINARY_DIR}/.config)
set(AUTOCONF_H ${MHV_GENERATED_DIR}/autoconf.h)
# One file per symbol, touched when its value changes (scripts/fixdep.py).
set(KCONFIG_DEPS_DIR ${MHV_BINARY_DIR}/kconfig_deps)

if(NOT CONF_FILE)
  set(CONF_FILE ${APP_DIR}/prj.conf)
endif()
set(kconfig_fragments ${BOARD_DIR}/${BOARD_FILE_STEM}_defconfig ${CONF_FILE} ${EXTRA_CONF_FILE})
set(kconfig_fragment_args)
foreach(f ${kconfig_fragments})
  get_filename_component(f ${f} ABSOLUTE BASE_DIR ${APP_DIR})
  if(NOT EXISTS ${f})
    message(FATAL_ERROR "Kconfig fragment not found: ${f}")
  endif()
  list(APPEND kconfig_fragment_args --fragment ${f})
endforeach()

# -DCONFIG_X=... on the command line: cache variables named CONFIG_*.
get_cmake_property(cache_vars CACHE_VARIABLES)
set(kconfig_cmdline_args)
foreach(var ${cache_vars})
  if(var MATCHES "^CONFIG_")
    list(APPEND kconfig_cmdline_args --set "${var}=${${var}}")
  endif()
endforeach()

# The environment Kconfig files refer to ($(BOARD), source "$(BOARD_DIR)/...").
set(MHV_KCONFIG_ENV
  srctree=${MONADIC_BASE} MONADIC_BASE=${MONADIC_BASE}
  BOARD=${BOARD_NAME} BOARD_TARGET=${BOARD_TARGET} BOARD_DIR=${BOARD_DIR}
  KCONFIG_CONFIG=${DOTCONFIG})

execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ${MHV_KCONFIG_ENV}
          ${MHV_PYTHON} ${MONADIC_BASE}/scripts/kconfig/kconfig.py
          ${MONADIC_BASE}/Kconfig ${DOTCONFIG} ${AUTOCONF_H}
          ${kconfig_fragment_args} ${kconfig_cmdline_args}
          --sources ${MHV_BINARY_DIR}/kconfig_sources.txt --deps-dir ${KCONFIG_DEPS_DIR}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "Kconfig failed (above)")
endif()

# Re-run CMake when a fragment, a Kconfig file or .config (menuconfig) changes.
file(STRINGS ${MHV_BINARY_DIR}/kconfig_sources.txt kconfig_sources)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${kconfig_fragments} ${kconfig_sources} ${DOTCONFIG})

file(STRINGS ${DOTCONFIG} dotconfig_lines REGEX "^CONFIG_")
foreach(line ${dotconfig_lines})
  if(line MATCHES "^(CONFIG_[A-Za-z0-9_]+)=\"?([^\"]*)\"?$")
    set(${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
  endif()
endforeach()
