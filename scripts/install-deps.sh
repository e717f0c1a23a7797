#!/usr/bin/env bash
# Installs what building Appraise and running its tests need on a fresh Debian 12 machine.
# Run as root. Idempotent: when every package is already installed it skips apt entirely.
set -euo pipefail

PACKAGES=(
  # Tauri 2 on Linux: WebKitGTK 4.1, GTK 3, tray support, SVG icons, TLS, toolchain.
  libwebkit2gtk-4.1-dev
  libgtk-3-dev
  libayatana-appindicator3-dev
  librsvg2-dev
  libssl-dev
  pkg-config
  build-essential
  file
  # The end-to-end test: a virtual display and WebKit's WebDriver.
  xvfb
  xauth
  webkit2gtk-driver
  # The e2e test's window-manager close helper (tests/e2e/tools/wm-close.c) links Xlib.
  libx11-dev
  fonts-dejavu-core
  # Arial-metric sans for the NHS.UK font stack (Frutiger, then Arial).
  fonts-liberation2
  # The e2e test plants a view in a file as another program would (Python's sqlite3).
  python3
  # Checking the PDF board pack.
  poppler-utils
  qpdf
  # Road-time tests turn hand-written OSM XML into PBF (src/travel/roads/tests.rs).
  osmium-tool
  # The package test (scripts/package-test.sh): the .appraisal file type and desktop entry are
  # registered by these, opened with gio (libglib2.0-bin), and the window found by xwininfo.
  shared-mime-info
  desktop-file-utils
  libglib2.0-bin
  x11-utils
)

if [[ ${EUID} -ne 0 ]]; then
  echo "install-deps.sh: run as root (apt-get needs it)" >&2
  exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "${package}" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("${package}")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "install-deps.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "install-deps.sh: system packages already installed"
fi

# Node 20.19+ (Vite 8's floor) comes with the machine image; Debian 12's own nodejs is 18.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-deps.sh: node and npm are required (Node >= 20.19); Debian 12's nodejs (18) is too old" >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "install-deps.sh: Node $(node --version) is too old; Vite needs >= 20.19" >&2
  exit 1
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [[ -x "${HOME}/.cargo/bin/cargo" ]]; then
    export PATH="${HOME}/.cargo/bin:${PATH}"
  else
    echo "install-deps.sh: cargo is required (Rust 1.95 via rustup)" >&2
    exit 1
  fi
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
    rustup component add "${component}"
  fi
done

if command -v tauri-driver >/dev/null 2>&1 || [[ -x "${HOME}/.cargo/bin/tauri-driver" ]]; then
  echo "install-deps.sh: tauri-driver already installed"
else
  cargo install tauri-driver --locked
fi

# The third-party licences the About screen shows are generated at build time by cargo about
# (scripts/licenses.sh, run by the UI's build); its command-line tool is behind the `cli` feature.
if command -v cargo-about >/dev/null 2>&1 || [[ -x "${HOME}/.cargo/bin/cargo-about" ]]; then
  echo "install-deps.sh: cargo-about already installed"
else
  cargo install cargo-about --locked --features cli
fi
