#!/usr/bin/env bash
# Makes sure Debian's chromium and chromium-driver are installed: the web console's browser test
# (ConsoleBrowserIT) drives a real headless Chromium through /usr/bin/chromedriver. Selenium Manager cannot
# download a browser here, so the distribution's packages are used. Idempotent: present -> done (< 1 s).
# Needs root (apt-get) when they are missing.
set -euo pipefail

say() { echo "[ensure-chromium] $*"; }
die() { echo "[ensure-chromium] ERROR: $*" >&2; exit 1; }

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  say "chromium and chromedriver already installed"
  exit 0
fi
command -v apt-get >/dev/null 2>&1 || die "no apt-get: install chromium and chromedriver (at /usr/bin) yourself"
[[ $(id -u) == 0 ]] || die "chromium is missing and installing it needs root: sudo $0"
# Two callers at once (parallel builds) would collide on the dpkg lock: the second waits for the first.
exec 9>/tmp/berth-ensure-chromium.lock
flock -w 600 9 || die "another installation holds /tmp/berth-ensure-chromium.lock"
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  say "installed meanwhile by another caller"
  exit 0
fi
say "installing chromium and chromium-driver (apt-get)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || die "apt-get succeeded but /usr/bin/chromium or /usr/bin/chromedriver is missing"
say "installed $(/usr/bin/chromium --version 2>/dev/null | head -1)"
