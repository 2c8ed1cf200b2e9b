#!/usr/bin/env bash
# The exported SQL in local Spark (PySpark with the machine's Java 17): the same
# cases and comparison as the SQL step of scripts/test.sh, which runs Spark
# too; this runs the Spark engine alone.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c "import pyspark" 2>/dev/null; then
  echo "test-spark: installing pyspark (PyPI)" >&2
  python3 -m pip install --quiet pyspark
fi
command -v java >/dev/null || { echo "test-spark: Java 17 is needed (Debian: openjdk-17-jre-headless)" >&2; exit 1; }
cases=$(mktemp -d)
trap 'rm -rf "$cases"' EXIT
cargo run --quiet --example sql_cases -- "$cases"
python3 scripts/sql_check.py "$cases" spark
