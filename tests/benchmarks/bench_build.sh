# SPDX-License-Identifier: BSD-2-Clause-Patent
# Sourced by the Linux benchmarks: bench_build DIR APP OVERLAY [CMAKE_ARG...]
# builds the app pristine for $board into DIR with the overlay (and any
# further CMake arguments), and sets $py to an interpreter that has the
# build's modules (as ./mhv picks one).
bench_build() {
	local bdir="$1" app="$2" overlay="$3"
	shift 3
	./mhv build -p -b "$board" -d "$bdir" "$app" -- -DEXTRA_DTC_OVERLAY_FILE="$overlay" "$@" >/dev/null
	py=$(for p in "${MHV_PYTHON:-}" /usr/bin/python3 python3; do
		[ -n "$p" ] && "$p" -c "import kconfiglib, libfdt, yaml" 2>/dev/null && {
			echo "$p"; break; }; done)
}
