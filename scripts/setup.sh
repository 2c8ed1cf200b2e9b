#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test the app; fast when all is there.
# Debian 12 with rustup, Node.js and npm; needs crates.io, npm and Debian's package mirror.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The CLI must match the wasm-bindgen crate exactly; Cargo.toml pins it with "=".
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml)
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { echo "setup: $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding $component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  say "installing Trunk $TRUNK_VERSION (about 15 minutes on 2 cores)"
  # --locked: without it a newer cssparser breaks the build.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # Not --locked: a locked dependency version is missing from the registry copy.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Node.js and npm come with the machine (NodeSource on a fresh one): never install
# Debian's nodejs or npm, which conflict with NodeSource's ("nodejs : Conflicts: npm").
for tool in node npm; do
  command -v "$tool" >/dev/null || { say "$tool is missing: install Node.js 20 with npm (NodeSource) first"; exit 1; }
done

# Chromium and ChromeDriver from Debian, each by name and only when it is missing;
# the package index is refreshed only when something is to be installed.
apt_updated=
apt_update_once() {
  [ -n "$apt_updated" ] || { apt-get update; apt_updated=1; }
}
export DEBIAN_FRONTEND=noninteractive
if [ ! -x /usr/bin/chromium ]; then
  say "installing chromium from Debian"
  apt_update_once
  apt-get install -y chromium
fi
if [ ! -x /usr/bin/chromedriver ]; then
  say "installing chromium-driver from Debian"
  apt_update_once
  apt-get install -y chromium-driver
fi

# The SQL checks: DuckDB from PyPI, and a PostgreSQL server from Debian (the test
# starts its own on a Unix socket in a temporary folder, as the postgres user).
if ! python3 -c "import duckdb" 2>/dev/null; then
  say "installing duckdb (PyPI)"
  python3 -m pip install --quiet duckdb
fi
# Spark: PySpark from PyPI (about 400 MB), run on the machine's Java 17.
if ! python3 -c "import pyspark" 2>/dev/null; then
  say "installing pyspark (PyPI)"
  python3 -m pip install --quiet pyspark
fi
if ! command -v java >/dev/null; then
  say "installing openjdk-17-jre-headless from Debian (for Spark)"
  apt_update_once
  apt-get install -y openjdk-17-jre-headless
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  say "installing postgresql from Debian"
  apt_update_once
  apt-get install -y postgresql
fi

# The spreadsheet formula check: LibreOffice Calc without its desktop parts.
if ! command -v soffice >/dev/null; then
  say "installing libreoffice-calc-nogui from Debian"
  apt_update_once
  apt-get install -y --no-install-recommends libreoffice-calc-nogui
fi

# wasm-opt (npm binaryen 132; Debian's is too old), playwright-core (drives
# Debian's Chromium; it never downloads a browser of its own) and axe-core
# (the accessibility check, read from node_modules by the test).
if ! wasm-opt --version 2>/dev/null | grep -q "version 132" || [ ! -f node_modules/playwright-core/package.json ] \
  || [ ! -f node_modules/axe-core/axe.min.js ]; then
  say "installing npm dev tools"
  npm ci --no-audit --no-fund
fi
