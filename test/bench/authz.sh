#!/usr/bin/env bash
# npm run bench:authz: the policy engine's decision benchmark, then sets up
# the test bed (as `npm test` does), times raising privileges in Chromium
# next to the hub's own authenticator and login, and tears the bed down.
# Results: test/bench/authz-results.md.
source "$(dirname "$0")/../bed/lib.sh"
need_root
bed=$(cd "$(dirname "$0")/../bed" && pwd)
"$bed/setup.sh"
trap '"$bed/down.sh"' EXIT
cd "$ISOBAR_SRC/test"
node dist/bench/authz/run.js
