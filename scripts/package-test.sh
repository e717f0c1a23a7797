#!/usr/bin/env bash
# CI's package test, after the other tests (scripts/test.sh): bundles the .deb from the debug
# binaries and ui/dist those tests built (no second compile), installs it with apt-get, checks
# the installed CLI's and app's --version, runs the end-to-end smoke test against the INSTALLED
# app under Xvfb (a file given on the command line: title, results table, About; the file
# opened through its desktop entry with gio open; the cold start), then purges the package and
# checks that nothing it installed is left in /usr. Needs root (apt-get) and what
# scripts/install-deps.sh installs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${HOME}/.cargo/bin:${PATH}"
cd "${ROOT}"
target="${CARGO_TARGET_DIR:-${ROOT}/target}"

if [[ ${EUID} -ne 0 ]]; then
  echo "package-test.sh: run as root (it installs and removes the package)" >&2
  exit 1
fi

echo "==> bundle the .deb from the debug build (scripts/package.sh --debug --prebuilt)"
bash scripts/package.sh --debug --prebuilt --bundles deb
debs=("${target}"/debug/bundle/deb/*.deb)
deb="$(realpath "${debs[0]}")" # apt-get takes a file for a package name only by its path
echo "package-test: ${deb} is $(stat -c %s "${deb}") bytes"

export DEBIAN_FRONTEND=noninteractive
if dpkg-query -W -f='${Status}' appraise 2>/dev/null | grep -q 'install ok installed'; then
  echo "==> an earlier appraise package is installed: purge it first"
  apt-get purge -y appraise
fi

echo "==> apt-get install ${deb}"
apt-get install -y --no-install-recommends "${deb}"
listed="$(mktemp)"
trap 'rm -f "${listed}"' EXIT
dpkg -L appraise >"${listed}"
echo "package-test: the package installed $(wc -l <"${listed}") paths"

echo "==> the installed CLI and app say their version"
cli_version="$(/usr/bin/appraise --version)"
[[ "${cli_version}" == "appraise 0.1.0" ]] || { echo "appraise --version printed '${cli_version}'" >&2; exit 1; }
app_version="$(/usr/bin/appraise-desktop --version)"
[[ "${app_version}" =~ ^appraise-desktop\ 0\.1\.0\ \(commit\ [0-9a-f]{40}\)$ ]] || {
  echo "appraise-desktop --version printed '${app_version}'" >&2
  exit 1
}
echo "package-test: ${cli_version}; ${app_version}"

echo "==> the desktop entry and the file type are registered"
desktop-file-validate /usr/share/applications/Appraise.desktop
update-desktop-database /usr/share/applications
update-mime-database /usr/share/mime

echo "==> end-to-end smoke test of the installed app under xvfb-run"
[[ -d tests/e2e/node_modules ]] || (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
export WEBKIT_DISABLE_COMPOSITING_MODE=1
(
  cd tests/e2e
  APPRAISE_INSTALLED=1 APPRAISE_DESKTOP_BIN=/usr/bin/appraise-desktop APPRAISE_CLI_BIN=/usr/bin/appraise \
    xvfb-run -a -s "-screen 0 1280x1024x24" node --test --test-concurrency=1 \
    --test-name-pattern='installed package|reports cold start' app.test.mjs
)

echo "==> apt-get purge appraise, then nothing of it is left in /usr"
apt-get purge -y appraise
left=0
while IFS= read -r path; do
  [[ "${path}" == /usr/* ]] || continue
  [[ -e "${path}" ]] || continue
  # A folder the package shared with others (/usr/bin, /usr/share/icons/...) stays while
  # another package owns it; anything else left is a leftover.
  if [[ -d "${path}" ]] && dpkg-query -S "${path}" >/dev/null 2>&1; then
    continue
  fi
  if [[ -d "${path}" ]] && [[ -n "$(find "${path}" -mindepth 1 -print -quit)" ]]; then
    continue
  fi
  echo "left behind: ${path}" >&2
  left=$((left + 1))
done <"${listed}"
# The caches the triggers rebuilt no longer name the file type or the app.
if [[ -e /usr/share/mime/application/x-appraise-appraisal.xml ]]; then
  echo "left behind: the MIME database still has application/x-appraise-appraisal" >&2
  left=$((left + 1))
fi
if grep -qs 'Appraise.desktop' /usr/share/applications/mimeinfo.cache; then
  echo "left behind: /usr/share/applications/mimeinfo.cache still names Appraise.desktop" >&2
  left=$((left + 1))
fi
if ((left > 0)); then
  echo "package-test: ${left} paths of the package are left after purging it" >&2
  exit 1
fi
echo "package-test: installed, ran and purged; nothing of it left in /usr"
