#!/usr/bin/env bash
# Makes a real PowerShell 7 available to the project without touching the system:
# a pwsh already on PATH is used as it is; otherwise the PowerShell .NET global tool
# (pinned below) is installed from the configured NuGet source into .tools/pwsh.
set -euo pipefail
cd "$(dirname "$0")/.."

PWSH_TOOL_VERSION="7.6.9"
TOOL_DIR=".tools/pwsh"
# The tool's own launcher starts pwsh as a child process, so killing the launcher would leave PowerShell
# running. The project runs .tools/bin/pwsh instead: a wrapper that execs dotnet on pwsh.dll, one process.
WRAPPER=".tools/bin/pwsh"

write_wrapper() {
  local dll dotnet_path
  dll=$(find "$PWD/$TOOL_DIR/.store" -path '*/any/unix/pwsh.dll' | head -n 1)
  dotnet_path=$(readlink -f "$(command -v dotnet)")
  mkdir -p "$(dirname "$WRAPPER")"
  printf '#!/bin/sh\nexec "%s" --roll-forward Major "%s" "$@"\n' "$dotnet_path" "$dll" > "$WRAPPER"
  chmod +x "$WRAPPER"
  bash scripts/precompile-pwsh.sh "$(dirname "$dll")"
}

if [ -x "$WRAPPER" ] && "$WRAPPER" -NoProfile -NonInteractive -Command 'exit 0' >/dev/null 2>&1; then
  write_wrapper
  exit 0
fi
if [ -x "$TOOL_DIR/pwsh" ] && "$TOOL_DIR/pwsh" -NoProfile -NonInteractive -Command 'exit 0' >/dev/null 2>&1; then
  write_wrapper
  exit 0
fi
if command -v pwsh >/dev/null 2>&1 && pwsh -NoProfile -NonInteractive -Command 'if ($PSVersionTable.PSVersion.Major -lt 7) { exit 1 }' >/dev/null 2>&1; then
  echo "install-pwsh: using pwsh from PATH ($(command -v pwsh))"
  exit 0
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-pwsh: no pwsh on PATH and no dotnet SDK to install the PowerShell global tool with" >&2
  exit 1
fi

echo "install-pwsh: installing the PowerShell $PWSH_TOOL_VERSION global tool into $TOOL_DIR"
rm -rf "$TOOL_DIR"
dotnet tool install PowerShell --version "$PWSH_TOOL_VERSION" --tool-path "$TOOL_DIR" >/dev/null
# A tool built for an older runtime than the machine has can still run on the newer one.
if ! "$TOOL_DIR/pwsh" -NoProfile -NonInteractive -Command 'exit 0' >/dev/null 2>&1; then
  echo "install-pwsh: pwsh did not start; retrying with DOTNET_ROLL_FORWARD=Major" >&2
  DOTNET_ROLL_FORWARD=Major "$TOOL_DIR/pwsh" -NoProfile -NonInteractive -Command 'exit 0'
fi
write_wrapper
"$WRAPPER" -NoProfile -NonInteractive -Command '"install-pwsh: PowerShell " + $PSVersionTable.PSVersion'
