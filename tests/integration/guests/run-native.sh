#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Build the test guests and boot each on bare QEMU (no hypervisor: QEMU's
# virt machine gives an EL1 kernel the same machine Monadic gives a VM),
# on every CPU model the boards use. A guest passes when it prints its
# DONE line with 0 failed and no FAIL line.
#
#   tests/integration/guests/run-native.sh [build-dir]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../../build/guests-native}
cmake -G Ninja -S "$here" -B "$build" >/dev/null
ninja -C "$build" >/dev/null

status=0
for cpu in max neoverse-n1; do
	for guest in hello_guest timer_guest smp_guest fault_guest reset_guest; do
		echo "=== $guest on -cpu $cpu"
		out=$(timeout 60 qemu-system-aarch64 -machine virt,gic-version=3 -cpu "$cpu" \
			-smp 2 -m 256M -nographic -nic none -kernel "$build/$guest.bin" 2>&1 | tr -d '\r') || true
		echo "$out"
		if echo "$out" | grep -q '^FAIL:' || ! echo "$out" | grep -q '^DONE: .* 0 failed'; then
			echo "=== $guest on -cpu $cpu: FAILED"
			status=1
		fi
	done
done
[ $status -eq 0 ] && echo "all guests passed" || echo "some guests failed"
exit $status
