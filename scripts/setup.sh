#!/usr/bin/env bash
# Installs whatever Filmdesk needs to build, run and test on Debian 12 / Ubuntu, and nothing that is
# already there: a second run on a ready machine takes about a second.
#   - Debian packages (apt-get; sudo when not root; `apt-get update` only when something is missing)
#   - tauri-driver and cargo-fuzz (cargo install, only when missing)
#   - npm packages for ui/, tests/ and tests/export/ (npm ci, only when package-lock.json changed since the last one)
# The Rust toolchain (rustup: cargo, rustfmt, clippy) and Node.js 20 are expected to be present.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> setup: %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Build: WebKitGTK 4.1 and the libraries Tauri links. Run/test: Xvfb, the WebKit WebDriver, ImageMagick
# (screenshots), sqlite3 (the crash test's integrity check). Later features: hugo and jekyll (export
# checks), hunspell dictionaries (spelling), fortunes (ordinary English prose for the spelling
# false-positive test), xclip (the export test reads the clipboard back), xdotool (make bench-app types
# real X key events into the window).
packages=(
  libwebkit2gtk-4.1-dev build-essential curl file libxdo-dev libssl-dev librsvg2-dev pkg-config
  xvfb xauth webkit2gtk-driver imagemagick hugo jekyll hunspell-en-us hunspell-en-gb fortunes xclip
  sqlite3 xdotool
)
# Java runs the HTML validator; any Java will do, so only install one where there is none.
if ! command -v java >/dev/null 2>&1; then packages+=(default-jre-headless); fi

# One dpkg-query for all: it prints a line per known package; an unknown one prints nothing.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null | awk '$NF == "installed" {print $1}' || true)
missing=()
for p in "${packages[@]}"; do
  grep -qx -- "$p" <<<"$installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

for tool in cargo rustc node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is missing (install Rust with rustup, and Node.js 20)" >&2; exit 1; }
done
if ! cargo fmt --version >/dev/null 2>&1; then rustup component add rustfmt; fi
if ! cargo clippy --version >/dev/null 2>&1; then rustup component add clippy; fi

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  log "installing tauri-driver"
  cargo install tauri-driver --locked
fi

# The fuzz stage (scripts/fuzz.sh) runs cargo-fuzz on the stable toolchain (sanitizer none).
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# npm ci wipes node_modules, so only run it when the lock file differs from the one last installed.
npm_ci() {
  local dir=$1
  [ -f "$dir/package-lock.json" ] || return 0
  local stamp="$dir/node_modules/.filmdesk-lock.sha256"
  local want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  log "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
}
npm_ci ui
npm_ci tests
npm_ci tests/export

log "ready"
