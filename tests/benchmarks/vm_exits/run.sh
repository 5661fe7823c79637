#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Instructions executed per VM exit, measured in one QEMU run with
# -icount shift=0 (1 instruction = 1 ns of virtual time): null hypercall
# round trip, emulated MMIO read, virtual interrupt delivery. Also prints
# the hypervisor image size per subsystem (-t footprint). With SPLIT=1,
# QEMU also logs every instruction (-singlestep -d exec,nochain; slow)
# and split.py prints how many of each exit's are the hypervisor's (EL2).
#
#   [SPLIT=1] run.sh [BOARD [CMAKE_ARGS...]]   e.g. run.sh graviton2/qemu -DCONFIG_VGIC_NR_SPIS=480
set -eu
cd "$(dirname "$0")/../../.."
board=${1:-graviton2/qemu}
[ $# -gt 0 ] && shift
dir=build/bench-vm-exits
./mhv build -p -b "$board" -d "$dir" tests/benchmarks/vm_exits -- "$@" >/dev/null
spis=$(sed -n "s/^CONFIG_VGIC_NR_SPIS=//p" "$dir/.config")
board="$board (${spis:-?} SPIs)"
# QEMU's arguments from the build, plus instruction counting (single-threaded TCG).
set -- $(cat "$dir/monadic/qemu.args") -icount shift=0
if [ "${SPLIT:-0}" = 1 ]; then
	log=$dir/exec.fifo
	rm -f "$log" && mkfifo "$log"
	"${MHV_PYTHON:-python3}" tests/benchmarks/vm_exits/split.py --hypervisor "$dir/monadic.elf" \
		--guest "$dir/exit_bench.elf" <"$log" | sed "s|^|$board: |" &
	set -- "$@" -singlestep -d exec,nochain -D "$log"
fi
timeout 900 "$@" </dev/null | grep -E "^BENCH|exits:" | sed "s|^|$board: |"
wait
./mhv build -d "$dir" -t footprint | sed -n '/^library/,$p'
