#!/usr/bin/env bash
# Benchmark (not a test): rows per second of `csql score` on the 100,000-row
# sample book, against DuckDB running the exported SQL on the same file in the
# same run; peak memory of `csql score` on that file and, with --big, on a
# generated file of about 1 GB. Writes bench/out/cli.json and prints a table.
#
#   bash bench/cli.sh [--big] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
big=; runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --big) big=1 ;;
    --runs) runs=$2; shift ;;
    *) echo "usage: bash bench/cli.sh [--big] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install --quiet duckdb
out=bench/out/cli
mkdir -p "$out"
cargo build --profile cli --quiet --bin csql
csql=target/cli/csql
$csql default-model > "$out/model.json"
$csql sample --rows 100000 > "$out/sample-100k.csv"
$csql mapping --model "$out/model.json" "$out/sample-100k.csv" > "$out/mapping.json"
$csql sql --model "$out/model.json" --mapping "$out/mapping.json" --dialect duckdb > "$out/model.sql"
if [ -n "$big" ]; then
  # 13.5 million accounts: about 1 GB.
  $csql sample --rows 13500000 --seed 7 > "$out/sample-1gb.csv"
fi
python3 bench/cli.py "$out" "$runs" ${big:+--big}
