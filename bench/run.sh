#!/usr/bin/env bash
# Benchmarks, not tests: builds the release bundle (both pages), reports the
# transfer size of dist/ and of what each page loads (bench/size.mjs), times
# start-up to a visible score at normal speed and with the CPU slowed 4x
# (bench/startup.mjs), then builds the same release bundle
# with the bench exports of src/web/bench.rs (RUSTFLAGS=--cfg csql_bench, its own
# target dir so the usual build cache stays warm) into bench/out/dist/ and runs
# the book benchmark against it in headless Chromium (bench/book.mjs). Writes
# bench/out/size.json and bench/out/book.json and prints Markdown tables.
# Figures are compared with their targets (pass/miss) but never fail the run.
# Not part of scripts/test.sh. Needs what scripts/setup.sh installs (Trunk,
# wasm-bindgen, wasm-opt, Chromium, playwright-core); installs nothing itself.
# Tune with BENCH_* variables (see bench/book.mjs). The first bench build
# compiles every dependency once into target/bench (a few minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
bash scripts/build.sh --release
node bench/size.mjs
node bench/startup.mjs
RUSTFLAGS="${RUSTFLAGS:-} --cfg csql_bench" CARGO_TARGET_DIR=target/bench \
  trunk build --release --dist bench/out/dist index.html
node bench/book.mjs
