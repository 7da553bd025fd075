#!/usr/bin/env bash
# npm run bench:cylc: sets up the test bed (as `npm test` does), runs the
# benchmarks of the UI server's Cylc side against real schedulers and tears
# the bed down. The hub is started by the benchmark with its own site
# config (long idle timeout). Results: test/bench/cylc-results.md.
source "$(dirname "$0")/../bed/lib.sh"
need_root
bed=$(cd "$(dirname "$0")/../bed" && pwd)
"$bed/setup.sh"
trap '"$bed/down.sh"' EXIT
cd "$ISOBAR_SRC/test"
node dist/bench/cylc/run.js
