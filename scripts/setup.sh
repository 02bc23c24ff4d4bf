#!/usr/bin/env bash
# `npm run setup`: everything a fresh Debian machine needs to run Attaché, idempotently.
#   1. system packages: Chromium (PDF rendering), Noto CJK fonts (Chinese), poppler-utils (tests)
#   2. npm dependencies from the lockfile (skipped when the lockfile has not changed)
#   3. database migrations, and the curated seeds into an empty database
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*"; }

# --- 1. system packages ----------------------------------------------------------------------
missing=()
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || missing+=(chromium)
# grep without -q reads all input: with pipefail, an early exit would fail fc-list on SIGPIPE.
fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    cat >&2 <<MSG
setup: missing system packages: ${missing[*]}
  Install them as root on Debian/Ubuntu:
    sudo apt-get update && sudo apt-get install -y ${missing[*]}
  Or, to use a Chromium (or Chrome) you already have, point Attaché at it:
    export CHROMIUM_PATH=/path/to/chromium
  Chinese text needs a CJK font (fonts-noto-cjk); the tests need pdftotext (poppler-utils).
MSG
    exit 1
  fi
else
  log "system packages present"
fi

# --- 2. npm dependencies -----------------------------------------------------------------------
# Puppeteer must not download a browser: we use the system's Chromium.
export PUPPETEER_SKIP_DOWNLOAD=1
stamp=node_modules/.attache-lockfile.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  log "npm dependencies up to date"
else
  log "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

# --- 3. database -------------------------------------------------------------------------------
node bin/attache.mjs db seed --if-empty
log "done. Start the service with: npm start"
