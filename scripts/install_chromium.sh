#!/usr/bin/env bash
# Chromium lets kaleido export SVG/PDF/PNG figures and lets the tests render the report headless.
# Installed with apt where we are root and apt exists; elsewhere figures are still written as HTML.
set -u
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "installing Chromium for static figure export (apt-get install chromium)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || echo "warning: could not install Chromium; figures will be HTML only" >&2
else
  echo "note: Chromium not found and apt unavailable; install it for SVG/PDF/PNG figures" >&2
fi
exit 0
