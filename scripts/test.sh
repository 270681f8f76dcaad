#!/usr/bin/env bash
# The whole test suite: lint, the generated-module check, then unit and integration tests (real pwsh).
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install eslint .
node dist/src/generator/cli.js --check
# No telemetry or update check from the hundreds of pwsh processes the tests start (each costs CPU at start).
export POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off
npx --no-install mocha 'dist/test/unit/**/*.test.js' 'dist/test/integration/**/*.test.js'
