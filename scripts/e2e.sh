#!/usr/bin/env bash
# End-to-end test: builds the UI and the desktop binary, then drives the real app window
# through tauri-driver under a virtual X display. Runnable from any directory. Arguments go to
# node --test, e.g. --test-name-pattern='undo' to run only the tests whose names match.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${HOME}/.cargo/bin:${PATH}"

# npm ci empties node_modules first, which would pull the modules from under another run of this
# script in the same checkout: install only when package-lock.json changed since the last install.
npm_ci() {
  local stamp="node_modules/.installed-lock.sha256"
  if [[ -f "${stamp}" ]] && sha256sum --check --status "${stamp}" 2>/dev/null; then
    echo "(node_modules matches package-lock.json)"
    return
  fi
  npm ci --no-audit --no-fund
  sha256sum package-lock.json >"${stamp}"
}

echo "==> UI: npm ci && npm run build"
(cd "${ROOT}/ui" && npm_ci && npm run build)

echo "==> desktop binary and CLI: cargo build -p appraise-desktop -p appraise"
(cd "${ROOT}" && cargo build -p appraise-desktop -p appraise)

echo "==> e2e test dependencies: npm ci"
(cd "${ROOT}/tests/e2e" && npm_ci)

# xvfb-run -a takes a free display, and the test asks the system for free ports for
# tauri-driver and WebKitWebDriver, so this runs beside another WebDriver session.
echo "==> e2e test under xvfb-run"
export WEBKIT_DISABLE_COMPOSITING_MODE=1
export APPRAISE_DESKTOP_BIN="${APPRAISE_DESKTOP_BIN:-${CARGO_TARGET_DIR:-${ROOT}/target}/debug/appraise-desktop}"
export APPRAISE_CLI_BIN="${APPRAISE_CLI_BIN:-${CARGO_TARGET_DIR:-${ROOT}/target}/debug/appraise}"
cd "${ROOT}/tests/e2e"
# Arguments go to node --test: --test-name-pattern='...' runs only the tests it matches.
xvfb-run -a -s "-screen 0 1280x1024x24" node --test --test-concurrency=1 "$@" app.test.mjs
