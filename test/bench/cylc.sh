#!/usr/bin/env bash
# npm run bench:cylc: the benchmarks of the UI server's Cylc side against real
# schedulers, on the test bed. The hub is started by the benchmark with its
# own site config (long idle timeout). Results: test/bench/cylc-results.md.
exec bash "$(dirname "$0")/on-bed.sh" dist/bench/cylc/run.js
