#!/usr/bin/env bash
# Runs every test of Appraise: formatting, lints, the core's unit and integration tests (CLI
# included), the UI's type check, the end-to-end test of the real app under Xvfb, and the
# package test (the .deb installed, its app run, then purged; as root).
# Needs what scripts/install-deps.sh installs. Runnable from any directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${HOME}/.cargo/bin:${PATH}"
cd "${ROOT}"

# build.rs rewrites the command list's files when they are stale, which would hide that the
# checked-in copies (read by the UI check below) were out of date; compare before and after.
command_files() { cat src-tauri/capabilities/main.json ui/src/lib/generated/commands.ts | sha256sum; }
command_files_before="$(command_files)"

echo "==> UI: install, type-check and build (the desktop shell embeds ui/dist)"
(cd ui && npm ci --no-audit --no-fund && npm run check && npm run build)

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

echo "==> cargo test"
# A snapshot that differs fails and nothing is written: new snapshots are accepted by a person
# (README, "Snapshot tests"), never by the test run.
INSTA_UPDATE=no cargo test --workspace

echo "==> the command list's generated files were current"
if [ "$(command_files)" != "${command_files_before}" ]; then
  echo "error: src-tauri/build.rs rewrote src-tauri/capabilities/main.json or ui/src/lib/generated/commands.ts from src-tauri/src/command_list.rs; commit them" >&2
  exit 1
fi

echo "==> end-to-end test of the desktop app"
bash scripts/e2e.sh

# The .deb from the binaries built above (no second compile): installed, run, purged.
echo "==> package test: install the .deb, smoke-test the installed app, purge it"
if [[ ${EUID} -eq 0 ]]; then
  bash scripts/package-test.sh
else
  echo "package test skipped: it installs a package, so it runs as root (CI does)" >&2
fi
