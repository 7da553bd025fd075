#!/usr/bin/env bash
# `npm test`: installs and builds everything, sets up the test bed (hub
# account, users, sshd hosts), runs the unit tests of every package, then
# the end-to-end tests against the real hub, sshd, users and Chromium, and
# tears the bed down again (Cylc schedulers included).
source "$(dirname "$0")/lib.sh"
need_root
here=$(cd "$(dirname "$0")" && pwd)
"$here/setup.sh"
trap '"$here/down.sh"' EXIT

cd "$ISOBAR_SRC"
status=0
npm run lint || status=1
npx lerna run test:unit --stream --concurrency 1 || status=1
(cd test && npx mocha --config .mocharc.js) || status=1
exit $status
