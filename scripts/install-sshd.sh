#!/usr/bin/env bash
# The remoting tests start private sshd processes (PowerShell over SSH to simulated servers). OpenSSH's server
# and client come from Debian's packages, installed here when missing; nothing is started or enabled.
set -euo pipefail
if [ -x /usr/sbin/sshd ] && command -v ssh >/dev/null && command -v ssh-keygen >/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "install-sshd: /usr/sbin/sshd is missing and this system has no apt-get; install OpenSSH's server and client." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# The package lists may be empty on a fresh machine: update them once if the package is unknown.
if ! $SUDO apt-get install -y --no-install-recommends openssh-server openssh-client >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y --no-install-recommends openssh-server openssh-client >/dev/null
fi
# Debian's package may start its own sshd where a service manager runs; the tests use only their own.
echo "install-sshd: installed $(ssh -V 2>&1 | head -n 1 || true)"
