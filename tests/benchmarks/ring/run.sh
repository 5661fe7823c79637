#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Builds and runs the ring benchmark: Monadic's ring against
# boost::lockfree::spsc_queue, DPDK rte_ring (SP/SC) and ck_ring (SPSC).
#   tests/benchmarks/ring/run.sh [--quick] [--runs N] [--items N] [--cpus A,B]
# Installs its benchmark-only Debian packages when missing (as root), or
# prints the command to do so.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
base=$(cd "$here/../../.." && pwd)
out=${BENCH_BUILD_DIR:-$base/build/bench-ring}

need=""
[ -f /usr/include/boost/lockfree/spsc_queue.hpp ] || need="$need libboost-dev"
[ -f /usr/include/ck_ring.h ] || need="$need libck-dev"
pkg-config --exists libdpdk 2>/dev/null || need="$need libdpdk-dev"
command -v pkg-config >/dev/null || need="$need pkg-config"
command -v g++ >/dev/null || need="$need g++"
if [ -n "$need" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		apt-get update && apt-get install -y --no-install-recommends $need
	else
		echo "missing benchmark dependencies; install them with:" >&2
		echo "  sudo apt-get install -y$need" >&2
		exit 1
	fi
fi

# DPDK's pkg-config flags carry its own -march; ours (native) must win.
dpdk_cflags=$(pkg-config --cflags libdpdk | sed 's/-march=[^ ]*//g')
opt="-O2 -march=native -g -Wall -Wextra -Werror"
mkdir -p "$out"
gcc -std=c11 $opt -I"$base/include" -c "$here/bench_monadic.c" -o "$out/monadic.o"
gcc -std=c11 $opt -c "$here/bench_ck.c" -o "$out/ck.o"
gcc -std=gnu11 $opt $dpdk_cflags -c "$here/bench_dpdk.c" -o "$out/dpdk.o"
g++ -std=c++17 $opt -c "$here/bench_boost.cpp" -o "$out/boost.o"
gcc -std=c11 $opt -c "$here/bench_main.c" -o "$out/main.o"
gcc -std=c11 $opt -c "$base/subsys/dataplane/ring.c" -I"$base/include" -o "$out/ring.o"
g++ -o "$out/bench_ring" "$out"/main.o "$out"/monadic.o "$out"/ring.o "$out"/ck.o \
	"$out"/dpdk.o "$out"/boost.o -lrte_ring -lrte_eal -lpthread

exec "$out/bench_ring" "$@"
