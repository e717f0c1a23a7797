#!/usr/bin/env bash
# Writes the third-party licences that the About dialog shows and the package installs:
# every Rust crate the app and the CLI are built from (cargo about, from Cargo.lock; test-only
# crates left out) and every npm package of the window (license-checker-rseidelsohn, from
# ui/node_modules as package-lock.json installed it). Generated, never written by hand: the UI's
# build runs this (ui/package.json's prebuild), so ui/dist and the binary that embeds it always
# carry the list of the dependencies they were built from.
# Output: ui/public/third-party-licenses.txt (Vite copies it into ui/dist), or the path given.
# Needs cargo-about (scripts/install-deps.sh installs it) and ui/node_modules.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-${ROOT}/ui/public/third-party-licenses.txt}"
export PATH="${HOME}/.cargo/bin:${PATH}"

if ! command -v cargo-about >/dev/null 2>&1; then
  echo "licenses.sh: cargo-about is missing: bash scripts/install-deps.sh (or cargo install cargo-about --locked)" >&2
  exit 1
fi

# The npm licence tool lives in packaging/ (with the Tauri CLI), not among the window's own
# dependencies; install it when its lock file changed since the last install.
stamp="${ROOT}/packaging/node_modules/.installed-lock.sha256"
if ! { [[ -f "${stamp}" ]] && (cd "${ROOT}/packaging" && sha256sum --check --status "${stamp}" 2>/dev/null); }; then
  (cd "${ROOT}/packaging" && npm ci --no-audit --no-fund --loglevel=error && sha256sum package-lock.json >"${stamp}")
fi

mkdir -p "$(dirname "${OUT}")"

# cargo about reads every crate's licence files (minutes on 2 cores): the list is kept in
# target/licenses with the SHA-256 of what it was made from, and made again only when one of
# those inputs changed (a dependency, the config, this script).
cache="${ROOT}/target/licenses"
inputs="$(cd "${ROOT}" && sha256sum Cargo.lock Cargo.toml src-tauri/Cargo.toml ui/package-lock.json \
  packaging/package-lock.json packaging/about.toml packaging/about.hbs scripts/licenses.sh)"
if [[ -f "${cache}/third-party-licenses.txt" ]] && [[ "$(cat "${cache}/inputs.sha256" 2>/dev/null)" == "${inputs}" ]]; then
  cp "${cache}/third-party-licenses.txt" "${OUT}"
  echo "licenses.sh: ${OUT} from target/licenses (Cargo.lock and the package locks unchanged)"
  exit 0
fi

# On a fresh machine the UI is built before any cargo build: fetch the locked crates (from the
# registry, as cargo build would) so cargo about can read them offline.
(cd "${ROOT}" && cargo fetch --locked --quiet)

tmp="$(mktemp)"
trap 'rm -f "${tmp}"' EXIT
{
  echo "Third-party licences of Appraise"
  echo
  echo "Appraise is built from the open-source packages listed below, each under its own licence,"
  echo "whose text follows. This list was generated when this copy was built: the Rust crates by"
  echo "cargo about from Cargo.lock, the window's npm packages by license-checker-rseidelsohn."
  echo
  echo "RUST CRATES"
  # --frozen: Cargo.lock as it is, and licences read from the crates on disk, never online.
  (cd "${ROOT}" && cargo about --color never generate --workspace --frozen \
    --config packaging/about.toml packaging/about.hbs)
  echo
  echo "================================================================================"
  echo "NPM PACKAGES (the window)"
  echo
  "${ROOT}/packaging/node_modules/.bin/license-checker-rseidelsohn" --start "${ROOT}/ui" \
    --excludePrivatePackages --plainVertical
} >"${tmp}"
mkdir -p "${cache}"
cp "${tmp}" "${cache}/third-party-licenses.txt"
echo "${inputs}" >"${cache}/inputs.sha256"
mv "${tmp}" "${OUT}"
trap - EXIT
echo "licenses.sh: wrote ${OUT} ($(wc -c <"${OUT}") bytes)"
