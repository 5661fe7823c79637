# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Finds a Python 3 interpreter that can import the modules the build needs
# (kconfiglib, libfdt, yaml). On Debian these come from python3-kconfiglib,
# python3-libfdt and python3-yaml and are only visible to /usr/bin/python3;
# a private python3 earlier on PATH would not see them. `mhv` passes the
# interpreter it chose as MHV_PYTHON; a bare `cmake` run searches here.

if(NOT MHV_PYTHON)
  set(candidates $ENV{MHV_PYTHON} /usr/bin/python3 /usr/local/bin/python3)
  find_program(path_python3 NAMES python3)
  list(APPEND candidates ${path_python3})
  foreach(py ${candidates})
    if(EXISTS "${py}")
      execute_process(COMMAND ${py} -c "import kconfiglib, libfdt, yaml"
                      RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
      if(rc EQUAL 0)
        set(MHV_PYTHON ${py} CACHE FILEPATH "Python with kconfiglib, libfdt, yaml")
        break()
      endif()
    endif()
  endforeach()
  if(NOT MHV_PYTHON)
    message(FATAL_ERROR
      "no Python 3 interpreter can import kconfiglib, libfdt and yaml.\n"
      "Install them: sudo apt-get install python3-kconfiglib python3-libfdt python3-yaml\n"
      "(or run ./mhv setup)")
  endif()
endif()
