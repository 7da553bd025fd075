#!/usr/bin/env bash
# Runs one benchmark program on the test bed: sets the bed up (as `npm test`
# does), runs `node <program>` from test/ and tears the bed down however it
# ends.  on-bed.sh dist/bench/cylc/run.js
source "$(dirname "$0")/../bed/lib.sh"
need_root
program=${1:?usage: on-bed.sh <program below test/>}
bed=$(cd "$(dirname "$0")/../bed" && pwd)
"$bed/setup.sh"
trap '"$bed/down.sh"' EXIT
cd "$ISOBAR_SRC/test"
node "$program"
