#!/usr/bin/env python3
"""The measuring half of bench/cli.sh: times csql score and DuckDB on the same
file, reads peak memory from /usr/bin/time -v, writes cli.json beside the files."""

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

import duckdb

ROWS = 100_000


def max_rss_kb(command, stdout):
    """Runs command under /usr/bin/time -v; returns (seconds, max RSS in KB, exit code)."""
    start = time.monotonic()
    done = subprocess.run(["/usr/bin/time", "-v", *command], stdout=stdout, stderr=subprocess.PIPE)
    seconds = time.monotonic() - start
    match = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return seconds, int(match.group(1)) if match else None, done.returncode


def main():
    out, runs = sys.argv[1], int(sys.argv[2])
    big = "--big" in sys.argv
    csv_path = os.path.join(out, "sample-100k.csv")
    model = os.path.join(out, "model.json")
    csql = "target/cli/csql"
    score = [csql, "score", "--model", model, csv_path]
    with open(os.path.join(out, "model.sql")) as f:
        query = f.read().rstrip().rstrip(";")

    csql_times, rss = [], []
    for _ in range(runs):
        with open(os.devnull, "wb") as sink:
            seconds, kb, code = max_rss_kb(score, sink)
        if code != 0:
            raise SystemExit(f"csql score exited {code}")
        csql_times.append(seconds)
        rss.append(kb)

    duck_import, duck_score, duck_write = [], [], []
    for _ in range(runs):
        con = duckdb.connect()
        start = time.monotonic()
        con.execute(f"CREATE TABLE accounts AS SELECT * FROM read_csv('{csv_path}', header=true, all_varchar=true)")
        imported = time.monotonic()
        con.execute(f"CREATE TABLE scored AS {query}")
        scored = time.monotonic()
        con.execute(f"COPY scored TO '{os.path.join(out, 'duckdb-scored.csv')}' (HEADER)")
        written = time.monotonic()
        count = con.execute("SELECT count(*) FROM scored").fetchone()[0]
        if count != ROWS:
            raise SystemExit(f"DuckDB scored {count} rows")
        duck_import.append(imported - start)
        duck_score.append(scored - imported)
        duck_write.append(written - scored)
        con.close()

    median = statistics.median
    report = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        "duckdb": duckdb.__version__,
        "rows": ROWS,
        "bytes": os.path.getsize(csv_path),
        "csql_score_seconds": csql_times,
        "csql_rows_per_second": ROWS / median(csql_times),
        "csql_max_rss_kb": max(rss),
        "duckdb_threads": con_threads(),
        "duckdb_import_seconds": duck_import,
        "duckdb_score_seconds": duck_score,
        "duckdb_write_seconds": duck_write,
        "duckdb_import_score_rows_per_second": ROWS / median([a + b for a, b in zip(duck_import, duck_score)]),
        "duckdb_import_score_write_rows_per_second": ROWS
        / median([a + b + c for a, b, c in zip(duck_import, duck_score, duck_write)]),
    }
    if big:
        path = os.path.join(out, "sample-1gb.csv")
        with open(os.devnull, "wb") as sink:
            seconds, kb, code = max_rss_kb([csql, "score", "--model", model, path], sink)
        report["big"] = {"bytes": os.path.getsize(path), "seconds": seconds, "max_rss_kb": kb, "exit": code}
    with open(os.path.join(out, "..", "cli.json"), "w") as f:
        json.dump(report, f, indent=2)
    print(f"{ROWS:,} rows, {report['bytes'] / 1e6:.1f} MB, {runs} runs each, medians ({report['machine']})")
    print(f"  csql score (read, score, write CSV):      {median(csql_times) * 1000:7.0f} ms  {report['csql_rows_per_second']:>10,.0f} rows/s  max RSS {max(rss) / 1024:.1f} MB")
    print(f"  DuckDB import (read_csv into a table):    {median(duck_import) * 1000:7.0f} ms")
    print(f"  DuckDB score (exported SQL into a table): {median(duck_score) * 1000:7.0f} ms")
    print(f"  DuckDB import + score:                    {(median(duck_import) + median(duck_score)) * 1000:7.0f} ms  {report['duckdb_import_score_rows_per_second']:>10,.0f} rows/s")
    print(f"  DuckDB write CSV:                         {median(duck_write) * 1000:7.0f} ms")
    if big:
        b = report["big"]
        print(f"  csql score on {b['bytes'] / 1e9:.2f} GB: {b['seconds']:.1f} s, max RSS {b['max_rss_kb'] / 1024:.1f} MB, exit {b['exit']}")


def con_threads():
    con = duckdb.connect()
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.close()
    return threads


if __name__ == "__main__":
    main()
