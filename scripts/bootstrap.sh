#!/usr/bin/env bash
# Idempotent set-up behind `npm run demo` and `npm test`: Node dependencies from the lock file,
# a real PowerShell 7, and a fresh build of the TypeScript core.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/install-pwsh.sh
bash scripts/install-system-packages.sh
npx --no-install tsc -p tsconfig.json
