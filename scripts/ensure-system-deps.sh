#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing: Chromium and Firefox
# ESR for the end-to-end tests, nsd + dnsdist for the loopback DNS-over-HTTPS server,
# poppler-utils for reading exported PDFs. As root it installs them; otherwise it names the
# command to run.
set -euo pipefail

declare -A needs=(
  [chromium]=/usr/bin/chromium
  [firefox-esr]=/usr/bin/firefox-esr
  [nsd]=/usr/sbin/nsd
  [dnsdist]=/usr/bin/dnsdist
  [poppler-utils]=/usr/bin/pdftotext
)

missing=()
for package in chromium firefox-esr nsd dnsdist poppler-utils; do
  [ -x "${needs[$package]}" ] || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages needed by the tests: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for package in "${missing[@]}"; do
  if [ ! -x "${needs[$package]}" ]; then
    echo "Installing $package did not provide ${needs[$package]}" >&2
    exit 1
  fi
done
