#!/usr/bin/env bash
# Installs what is missing, then runs every check and test:
# format, lints (native and wasm32), native model and render tests, the exported
# SQL on DuckDB and PostgreSQL, the spreadsheet formula in LibreOffice, wasm tests in headless Chromium, the release
# build, and end-to-end tests against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

step() { echo; echo "==> $*"; }

step "cargo fmt --check"
cargo fmt --check
step "clippy (native: the pure model and csql; with server-side rendering)"
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --features ssr -- -D warnings
step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --all-targets --features web -- -D warnings
step "native tests: model, links, properties, render"
cargo test --features ssr
step "the model as SQL on real engines: DuckDB, PostgreSQL and Spark, every row equal to the Rust model"
cases=$(mktemp -d)
cargo run --quiet --example sql_cases -- "$cases"
python3 scripts/sql_check.py "$cases" duckdb postgres spark
rm -rf "$cases"
step "the spreadsheet formula in LibreOffice on the sample book's first rows"
sheet=$(mktemp -d)
cargo run --quiet --example formula_cases -- "$sheet" 200
python3 scripts/formula_check.py "$sheet"
rm -rf "$sheet"
step "wasm tests in headless Chromium"
cargo test --target wasm32-unknown-unknown --features web --test browser
step "release build"
bash scripts/build.sh --release
step "end-to-end tests in headless Chromium against dist/"
node --test tests/e2e/
