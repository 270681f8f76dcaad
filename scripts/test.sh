#!/usr/bin/env bash
# The whole test suite: lint, the generated-module check, then unit and integration tests (real pwsh).
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install eslint .
node dist/src/generator/cli.js --check
# No telemetry or update check from the hundreds of pwsh processes the tests start (each costs CPU at start).
export POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off
# Two files at a time: one file mostly keeps one CPU busy (a pwsh at a time), so a serial run leaves the other idle
# about half the time. No test times a window, so running beside another file only makes it slower.
npx --no-install mocha --parallel --jobs 2 'dist/test/unit/**/*.test.js' 'dist/test/integration/**/*.test.js'
