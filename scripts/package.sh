#!/usr/bin/env bash
# Builds the installable packages of Appraise, a .deb and an .rpm, from the one tauri.conf.json
# at the top of the repository. Each installs the desktop app (/usr/bin/appraise-desktop), the
# command-line tool (/usr/bin/appraise), the icon, the desktop entry, the .appraisal file type,
# the licence and the third-party licences.
#
#   scripts/package.sh             release build, then bundle (target/release/bundle/{deb,rpm})
#   scripts/package.sh --debug     debug build, then bundle (target/debug/bundle/...)
#   --prebuilt                     bundle the binaries and ui/dist already built, building
#                                  nothing (CI, after the tests built them: scripts/package-test.sh)
#   --bundles deb                  only the .deb (default: deb,rpm)
#
# How: the Tauri CLI (@tauri-apps/cli, prebuilt, pinned in packaging/package.json) runs
# `tauri bundle` at the top, where tauri.conf.json is. `tauri bundle` packages binaries already
# built and compiles nothing, so the top-level crate being the core (not the shell) does not
# matter: mainBinaryName names the shell's binary, and this script builds both binaries with
# cargo first. Only the bundler's .deb and .rpm are used; both are made offline.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${HOME}/.cargo/bin:${PATH}"
cd "${ROOT}"

profile=release
build=1
bundles=deb,rpm
while (($# > 0)); do
  case "$1" in
    --debug) profile=debug ;;
    --prebuilt) build=0 ;;
    --bundles) bundles="$2"; shift ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

# npm ci only when package-lock.json changed since the last install (as scripts/e2e.sh does).
npm_ci() {
  local stamp="node_modules/.installed-lock.sha256"
  if [[ -f "${stamp}" ]] && sha256sum --check --status "${stamp}" 2>/dev/null; then
    return
  fi
  npm ci --no-audit --no-fund --loglevel=error
  sha256sum package-lock.json >"${stamp}"
}

target="${CARGO_TARGET_DIR:-${ROOT}/target}"
if ((build)); then
  echo "==> UI: npm ci && npm run build (its prebuild writes the third-party licences)"
  (cd ui && npm_ci && npm run build)
  echo "==> cargo build (${profile}) -p appraise-desktop -p appraise"
  if [[ ${profile} == release ]]; then
    cargo build --release --locked -p appraise-desktop -p appraise
  else
    cargo build --locked -p appraise-desktop -p appraise
  fi
fi
for file in "${target}/${profile}/appraise-desktop" "${target}/${profile}/appraise" ui/dist/index.html ui/dist/third-party-licenses.txt; do
  if [[ ! -f "${file}" ]]; then
    echo "package.sh: ${file} is missing; build it first (or drop --prebuilt)" >&2
    exit 1
  fi
done

# The CLI goes in through bundle.linux.{deb,rpm}.files, whose sources are fixed paths in
# tauri.conf.json: stage it where the config says, whichever profile was built.
mkdir -p target/package
cp "${target}/${profile}/appraise" target/package/appraise

echo "==> Tauri CLI (packaging/): npm ci"
(cd packaging && npm_ci)

# Only this run's packages in the bundle folders, so what is listed below is what was made.
rm -f "${target}/${profile}"/bundle/deb/*.deb "${target}/${profile}"/bundle/rpm/*.rpm

echo "==> tauri bundle --bundles ${bundles} (${profile})"
flags=(--bundles "${bundles}" --no-binary-patching --ci)
[[ ${profile} == debug ]] && flags+=(--debug)
packaging/node_modules/.bin/tauri bundle "${flags[@]}"

for file in "${target}/${profile}"/bundle/deb/*.deb "${target}/${profile}"/bundle/rpm/*.rpm; do
  if [[ -f "${file}" ]]; then echo "package: ${file} ($(du -h "${file}" | cut -f1))"; fi
done
