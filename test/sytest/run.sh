#!/bin/sh
# test/sytest/run.sh: build Switchboard once, then run SyTest against it through the kit
# (../shared/sytest/run.sh) with test/sytest/start.sh. Arguments go to the kit's run.sh unchanged.
set -eu
cd "$(dirname "$0")/../.."
npm run build --silent
exec ../shared/sytest/run.sh "$@"
