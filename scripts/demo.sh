#!/usr/bin/env bash
# Runs scripts/demo.ps1 in the project's PowerShell 7.
set -euo pipefail
cd "$(dirname "$0")/.."
PWSH="${AADSYNCKEY_PWSH:-}"
if [ -z "$PWSH" ]; then
  if [ -x .tools/bin/pwsh ]; then PWSH=.tools/bin/pwsh; else PWSH=pwsh; fi
fi
exec "$PWSH" -NoProfile -NonInteractive -File scripts/demo.ps1
