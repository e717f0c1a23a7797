#!/usr/bin/env bash
# Opens the desktop app on the built-in illustrative demo appraisal.
# Installs system packages first (needs root on a fresh machine), then builds the UI and runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${HOME}/.cargo/bin:${PATH}"

if [[ ${EUID} -eq 0 ]]; then
  bash "${ROOT}/scripts/install-deps.sh"
else
  sudo bash "${ROOT}/scripts/install-deps.sh"
fi

(cd "${ROOT}/ui" && npm ci --no-audit --no-fund && npm run build)
cd "${ROOT}"
exec cargo run -p appraise-desktop -- "$@"
