#!/usr/bin/env bash
# What the tests and `npm run package` need from Debian's packages, installed here when missing (nothing is
# started or enabled): OpenSSH's server and client for the remoting tests' private sshd processes, and
# osslsigncode, which removes the Windows node.exe's signature before the core is injected into it.
set -euo pipefail
missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh >/dev/null && command -v ssh-keygen >/dev/null || missing+=(openssh-client)
command -v osslsigncode >/dev/null || missing+=(osslsigncode)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "install-system-packages: missing ${missing[*]}, and this system has no apt-get; install them." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# The package lists may be empty on a fresh machine: update them once if a package is unknown.
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "install-system-packages: installed ${missing[*]}"
