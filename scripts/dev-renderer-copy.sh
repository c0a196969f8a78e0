#!/usr/bin/env bash
# Builds under a lock and copies the renderer to a private folder, for several people testing one tree at once:
#   dir=$(bash scripts/dev-renderer-copy.sh NAME) && READOUT_RENDERER_DIR=$dir npx vitest run test/renderer/x.test.ts
set -euo pipefail
name=${1:?name}
dest=/tmp/readout-renderer-$name
flock /tmp/readout-build.lock bash -c "npm run build >/tmp/readout-build-$name.log 2>&1 && rm -rf '$dest' && cp -r out/renderer '$dest'" || { tail -30 /tmp/readout-build-$name.log >&2; exit 1; }
echo "$dest"
