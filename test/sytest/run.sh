#!/bin/sh
# test/sytest/run.sh: build Switchboard once, then run SyTest against it through the kit
# (../shared/sytest/run.sh) with test/sytest/start.sh. Arguments go to the kit's run.sh unchanged.
set -eu
cd "$(dirname "$0")/../.."
# SWITCHBOARD_DIST (default dist, under the project root so node_modules resolve): a build of one's own.
DIST="${SWITCHBOARD_DIST:-dist}"
npx swc apps libs bridges --out-dir "$DIST" --quiet --ignore "**/*.spec.ts"
exec ../shared/sytest/run.sh "$@"
