#!/usr/bin/env bash
# One-time (idempotent) set-up for loopscope: a system Chromium for Playwright
# and the npm dependencies. Fast and quiet when everything is already there.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CHROMIUM=/usr/bin/chromium

chromium_usable() {
  [[ -x "$CHROMIUM" ]] && "$CHROMIUM" --version >/dev/null 2>&1
}

# (a) Debian's Chromium, used by playwright.config.ts when present
#     (Playwright cannot download its own browsers on this network).
if ! chromium_usable; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian chromium for Playwright..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    if chromium_usable; then
      echo "setup: $("$CHROMIUM" --version 2>/dev/null | head -n1)"
    else
      echo "setup: WARNING: chromium install did not produce a usable $CHROMIUM" >&2
    fi
  else
    echo "setup: note: no usable $CHROMIUM and cannot apt-get install it (not root or no apt-get);" \
      "Playwright will fall back to its own browser (run 'npx playwright install chromium' if missing)." >&2
  fi
fi

# (b) npm dependencies: install when missing or when the lock file changed.
if [[ ! -d node_modules ]] || [[ ! -f node_modules/.package-lock.json ]] ||
  [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci..."
  npm ci --no-audit --no-fund --loglevel=error
fi
