/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The identity of this image: version, board target, board model. */

#include <monadic/devicetree.h>
#include <monadic/mhv.h>

const char mhv_version[] = MHV_VERSION_STRING;
const char mhv_board_target[] = CONFIG_BOARD_TARGET;
const char mhv_board_model[] = DT_MODEL;
