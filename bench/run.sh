#!/usr/bin/env bash
# Benchmarks, not tests: builds the release bundle with Trunk, then reports the
# transfer size of dist/ (bench/size.mjs) and the book figures (bench/book.mjs),
# written to bench/out/size.json and bench/out/book.json. Figures are compared
# with their targets (pass/miss) but never fail the run. Not part of scripts/test.sh.
# Needs what scripts/setup.sh installs (Trunk, wasm-bindgen, wasm-opt, Chromium,
# playwright-core); it installs nothing itself.
# Tune with BENCH_* variables (see bench/book.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
node bench/size.mjs
node bench/book.mjs
