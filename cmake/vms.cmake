# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# VMs from the devicetree (monadic,vm nodes), with scripts/dts/gen_vms.py:
#  - now (configure): check CPUs, devices, memory placement, VM count,
#    consoles against the Kconfig options they need, and
#    print where each VM's RAM goes; a bad VM stops the build here;
#  - once the app has declared its guests (end of configure): check that
#    every build:... image is one that a guest makes;
#  - at build time, once guest images are built: the static VM table
#    (vm_config_generated.c), each VM's guest DTB, and vm_images.S, which
#    embeds images and DTBs into the hypervisor image.

set(vm_gen ${MONADIC_BASE}/scripts/dts/gen_vms.py)
set(vm_gen_args
  --dtb ${MHV_BINARY_DIR}/monadic.dtb
  --annotated-dts ${MHV_BINARY_DIR}/monadic.dts.annotated
  --hv-ram-size ${CONFIG_HV_RAM_SIZE} --max-vms ${CONFIG_MAX_VMS}
  --app-dir ${APP_DIR} --build-dir ${CMAKE_BINARY_DIR}
  --pci-passthrough=${CONFIG_PCI_PASSTHROUGH}
  --vuart=${CONFIG_VUART} --gicv3=${CONFIG_GICV3} --vits=${CONFIG_VITS})

execute_process(
  COMMAND ${MHV_PYTHON} ${vm_gen} ${vm_gen_args} --check
          --cmake ${MHV_BINARY_DIR}/vms.cmake
  WORKING_DIRECTORY ${MONADIC_BASE} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "VM description check failed (above)")
endif()
include(${MHV_BINARY_DIR}/vms.cmake)   # MHV_VM_IMAGES

set(vm_out ${MHV_BINARY_DIR}/vms)
set(MHV_VM_GENERATED_SOURCES ${vm_out}/vm_config_generated.c ${vm_out}/vm_images.S)
add_custom_command(
  OUTPUT ${MHV_VM_GENERATED_SOURCES}
  COMMAND ${MHV_PYTHON} ${vm_gen} ${vm_gen_args} --out-dir ${vm_out}
  DEPENDS ${vm_gen} ${MONADIC_BASE}/scripts/dts/vm_pci.py ${MONADIC_BASE}/scripts/dts/dtlib.py
          ${MHV_BINARY_DIR}/monadic.dtb ${MHV_VM_IMAGES}
  WORKING_DIRECTORY ${MONADIC_BASE}
  COMMENT "Generating the VM tables and guest DTBs" VERBATIM)
add_custom_target(vm_generated DEPENDS ${MHV_VM_GENERATED_SOURCES})
set_source_files_properties(${vm_out}/vm_images.S PROPERTIES OBJECT_DEPENDS "${MHV_VM_IMAGES}")

# Guest images built in this build (mhv_add_guest) must exist before the
# tables are generated: once the app's CMakeLists.txt has declared them,
# make vm_generated depend on them.
function(mhv_vms_depend_on_guests)
  get_property(guests GLOBAL PROPERTY MHV_GUEST_TARGETS)
  if(guests)
    add_dependencies(vm_generated ${guests})
  endif()
endfunction()
cmake_language(DEFER DIRECTORY ${APP_DIR} CALL mhv_vms_depend_on_guests)

# A VM may only name build:... images that the app's guests make: say so
# now, with the image property's file and line and the images there are,
# rather than ninja's "missing and no known rule to make it" later.
function(mhv_vms_check_made_images)
  get_property(made GLOBAL PROPERTY MHV_GUEST_IMAGES)
  execute_process(
    COMMAND ${MHV_PYTHON} ${vm_gen} ${vm_gen_args} --made-images ${made}
    WORKING_DIRECTORY ${MONADIC_BASE} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "VM image check failed (above)")
  endif()
endfunction()
cmake_language(DEFER DIRECTORY ${APP_DIR} CALL mhv_vms_check_made_images)
