# SPDX-License-Identifier: BSD-2-Clause-Patent
# Any version request is satisfied: the tree an app builds against is the tree it names.
set(PACKAGE_VERSION_COMPATIBLE TRUE)
