#!/usr/bin/env bash
# The whole test suite: lint, the generated-module check, then unit and integration tests (real pwsh).
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install eslint .
node dist/src/generator/cli.js --check
npx --no-install mocha 'dist/test/unit/**/*.test.js' 'dist/test/integration/**/*.test.js'
