#!/usr/bin/env bash
# Compiles the PowerShell global tool's assemblies ahead of time (ReadyToRun), as Microsoft's own pwsh packages
# ship them. The tool's NuGet package carries IL only, so every pwsh start JIT-compiles PowerShell again: about a
# CPU-second per start on this kind of machine, and the tests start hundreds. Same assemblies, same behaviour; only
# the start is cheaper. Optional: where crossgen2 cannot be had, pwsh stays as it is and only runs slower.
# Usage: precompile-pwsh.sh <folder of pwsh.dll>
set -euo pipefail
cd "$(dirname "$0")/.."

PWSH_DIR="$1"
MARKER="$PWSH_DIR/.readytorun"
CROSSGEN_DIR=".tools/crossgen2"
[ -f "$MARKER" ] && exit 0

warn() { echo "precompile-pwsh: $*; pwsh runs as installed (slower to start)" >&2; }

# The newest shared runtime is the one `dotnet --roll-forward Major pwsh.dll` runs on: compile against it.
runtime_line=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { print $2 " " $3 }' | sort -V | tail -n 1)
runtime_version=${runtime_line%% *}
runtime_dir=$(echo "${runtime_line#* }" | tr -d '[]')/$runtime_version
if [ -z "$runtime_version" ] || [ ! -d "$runtime_dir" ]; then warn "no shared .NET runtime found"; exit 0; fi

crossgen="$CROSSGEN_DIR/microsoft.netcore.app.crossgen2.linux-x64/$runtime_version/tools/crossgen2"
if [ ! -x "$crossgen" ]; then
  # crossgen2 is a NuGet package, not a tool: a project that only downloads it brings it.
  project=$(mktemp -d)
  trap 'rm -rf "$project"' EXIT
  cat > "$project/download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net${runtime_version%%.*}.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Microsoft.NETCore.App.Crossgen2.linux-x64" Version="[$runtime_version]" /></ItemGroup>
</Project>
EOF
  if ! dotnet restore "$project/download.csproj" --packages "$PWD/$CROSSGEN_DIR" >/dev/null 2>&1 || [ ! -x "$crossgen" ]; then
    warn "crossgen2 $runtime_version could not be restored"
    exit 0
  fi
fi

echo "install-pwsh: compiling PowerShell's assemblies ahead of time (ReadyToRun, .NET $runtime_version)"
out=$(mktemp -d)
compile_one() {
  local dll="$1" name
  name=$(basename "$dll")
  # An assembly crossgen2 refuses (already native, or a facade) stays as it is.
  if "$crossgen" -r "$runtime_dir/*.dll" -r "$PWSH_DIR/*.dll" --targetos linux --targetarch x64 -O "$dll" -o "$out/$name" >/dev/null 2>&1; then
    mv -f "$out/$name" "$dll"
  fi
}
export -f compile_one
export crossgen runtime_dir PWSH_DIR out
# Only the folder's own assemblies: ref/ holds reference assemblies for Add-Type, which must stay metadata.
find "$PWSH_DIR" -maxdepth 1 -name '*.dll' -print0 | xargs -0 -n 1 -P "$(nproc)" bash -c 'compile_one "$0"'
rm -rf "$out"
touch "$MARKER"
