#!/usr/bin/env bash
# Installs Debian packages some tests need, unless already present:
#   apt-install.sh SKIPPED PRESENT PACKAGE...
# SKIPPED names what is skipped without them (for the warning), PRESENT is a shell test that is
# true when they are installed. Never fails the build: without root, apt-get or network it prints a
# warning and exits 0.
set -u

SKIPPED=$1
PRESENT=$2
shift 2
PACKAGES="$*"

warn() { echo "apt-install.sh: WARNING: $*; $SKIPPED will be skipped" >&2; }

if eval "$PRESENT"; then
  echo "apt-install.sh: $PACKAGES already present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  warn "not running as root, cannot install $PACKAGES (run: sudo apt-get install $PACKAGES)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  warn "apt-get is not available, cannot install $PACKAGES"
  exit 0
fi
if ! apt-get update -qq; then
  warn "apt-get update failed"
  exit 0
fi
# shellcheck disable=SC2086
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES; then
  warn "apt-get install $PACKAGES failed"
  exit 0
fi
echo "apt-install.sh: installed $PACKAGES"
exit 0
