#!/usr/bin/env bash
# npm run bench: sets up the test bed (as `npm test` does), adds the peer
# hub's account, runs the benchmarks and tears the bed down.
source "$(dirname "$0")/../bed/lib.sh"
need_root
bed=$(cd "$(dirname "$0")/../bed" && pwd)
"$bed/setup.sh"
if ! id isobar-peer >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/isobar-peer --create-home --shell /bin/bash isobar-peer
fi
install -d -m 0700 -o isobar-peer -g isobar-peer /var/lib/isobar-peer
trap '"$bed/down.sh"' EXIT
cd "$ISOBAR_SRC/test"
node dist/bench/run.js
