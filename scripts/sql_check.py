#!/usr/bin/env python3
"""Runs the model's exported SQL on real engines and compares every row with
the Rust model.

    python3 scripts/sql_check.py CASES_DIR ENGINE...

CASES_DIR is written by `cargo run --example sql_cases -- CASES_DIR`: one
folder per case with table.csv, expected.json and <dialect>.sql. ENGINE is
duckdb, postgres or spark. For each case the table is loaded as `accounts`
(every column as text; the sample book is also loaded with DuckDB's typed
columns, numbers and booleans), the case's query runs, and every row must
match: component scores and csql_score within 1e-9, verdict and missing gates
exactly, NULL scores for an invalid row. Exits 1 on the first engine with a
difference, listing up to ten.
"""

import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

TOLERANCE = 1e-9


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isfinite(a) and abs(a - b) <= TOLERANCE


def compare(case, expected, got):
    """got: {row number: (component scores, score, verdict, gates)}; returns problems."""
    problems = []
    if len(got) != len(expected["rows"]):
        problems.append(f"{case}: {len(got)} rows from SQL, {len(expected['rows'])} expected")
    for row, components, score, verdict, gates in expected["rows"]:
        if row not in got:
            problems.append(f"{case}: row {row} missing")
            continue
        g_components, g_score, g_verdict, g_gates = got[row]
        want = components if components is not None else [None] * len(g_components)
        ok = (
            all(close(a, b) for a, b in zip(g_components, want))
            and close(g_score, score)
            and g_verdict == verdict
            and g_gates == gates
        )
        if not ok:
            problems.append(
                f"{case}: row {row}: SQL {g_components} {g_score} {g_verdict} {g_gates!r}; "
                f"Rust {components} {score} {verdict} {gates!r}"
            )
    return problems


def number(value):
    return None if value is None else float(value)


def results(rows, names, components):
    """Picks the result columns out of result rows (tuples, with column names)."""
    index = {name.lower(): i for i, name in enumerate(names)}
    out = {}
    for row in rows:
        out[int(row[index["csql_case_row"]])] = (
            [number(row[index[c.lower()]]) for c in components],
            number(row[index["csql_score"]]),
            row[index["csql_verdict"]],
            row[index["csql_gates_missing"]],
        )
    return out


def cases(directory):
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        with open(os.path.join(path, "expected.json")) as f:
            yield name, path, json.load(f)


def sql_text(path, dialect):
    with open(os.path.join(path, f"{dialect}.sql")) as f:
        return f.read().rstrip().rstrip(";")


def check_duckdb(directory):
    import duckdb

    problems = []
    for name, path, expected in cases(directory):
        loads = [("text", "all_varchar=true")]
        if name == "sample":
            loads.append(("typed", "all_varchar=false"))
        for load, option in loads:
            con = duckdb.connect()
            table = os.path.join(path, "table.csv").replace("'", "''")
            con.execute(
                f"CREATE TABLE accounts AS SELECT * FROM read_csv('{table}', header=true, delim=',', "
                f"quote='\"', escape='\"', {option})"
            )
            relation = con.sql(sql_text(path, "duckdb"))
            got = results(relation.fetchall(), relation.columns, expected["components"])
            problems += compare(f"{name} ({load})", expected, got)
            con.close()
    return problems


def check_spark(directory):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("csql-sql-check")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    problems = []
    try:
        for name, path, expected in cases(directory):
            frame = spark.read.csv(
                os.path.join(path, "table.csv"), header=True, multiLine=True, quote='"', escape='"', inferSchema=False
            )
            frame.createOrReplaceTempView("accounts")
            result = spark.sql(sql_text(path, "spark"))
            got = results([tuple(r) for r in result.collect()], result.columns, expected["components"])
            problems += compare(name, expected, got)
    finally:
        spark.stop()
    return problems


class Postgres:
    """A throw-away PostgreSQL server on a Unix socket in a temporary folder."""

    def __init__(self):
        bindir = None
        base = "/usr/lib/postgresql"
        if os.path.isdir(base):
            versions = sorted(os.listdir(base), key=lambda v: int(v) if v.isdigit() else 0)
            if versions:
                bindir = os.path.join(base, versions[-1], "bin")
        if not bindir or not os.path.exists(os.path.join(bindir, "initdb")):
            raise RuntimeError("no PostgreSQL server found under /usr/lib/postgresql")
        self.bindir = bindir
        self.dir = tempfile.mkdtemp(prefix="csql-pg-")
        # initdb refuses to run as root: run the server as the postgres user then.
        self.user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.user:
            shutil.chown(self.dir, "postgres")
        data = os.path.join(self.dir, "data")
        self.run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = f"-k {self.dir} -c listen_addresses='' -c fsync=off"
        self.run("pg_ctl", "-D", data, "-o", options, "-l", os.path.join(self.dir, "log"), "-w", "start")
        self.data = data

    def run(self, tool, *args):
        subprocess.run(self.user + [os.path.join(self.bindir, tool), *args], check=True, capture_output=True)

    def psql(self, script):
        done = subprocess.run(
            ["psql", "-h", self.dir, "-U", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"],
            input=script.encode(),
            capture_output=True,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode())
        return done.stdout.decode()

    def stop(self):
        try:
            self.run("pg_ctl", "-D", self.data, "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def check_postgres(directory):
    server = Postgres()
    problems = []
    try:
        for name, path, expected in cases(directory):
            table = os.path.join(path, "table.csv")
            with open(table, newline="") as f:
                header = next(csv.reader(f))
            columns = ", ".join(f"{quote(c)} TEXT" for c in header)
            outputs = ", ".join(quote(c) for c in ["csql_case_row", *expected["components"], "csql_score", "csql_verdict"])
            # NULL and '' look alike in CSV: mark a NULL list of gates.
            query = sql_text(path, "postgres")
            script = (
                f"DROP TABLE IF EXISTS accounts;\nCREATE TABLE accounts ({columns});\n"
                f"\\copy accounts FROM '{table}' WITH (FORMAT csv, HEADER true)\n"
                f"COPY (SELECT {outputs}, coalesce(csql_gates_missing, '<NULL>') AS csql_gates_missing "
                f"FROM (\n{query}\n) AS q) TO STDOUT WITH (FORMAT csv, HEADER true);\n"
            )
            reader = csv.reader(io.StringIO(server.psql(script)))
            names = next(reader)
            rows = []
            for row in reader:
                row = [None if v == "" else v for v in row]
                row[-1] = None if row[-1] == "<NULL>" else (row[-1] or "")
                rows.append(row)
            problems += compare(name, expected, results(rows, names, expected["components"]))
    finally:
        server.stop()
    return problems


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    directory = sys.argv[1]
    checks = {"duckdb": check_duckdb, "postgres": check_postgres, "spark": check_spark}
    total = sum(1 for _ in cases(directory))
    for engine in sys.argv[2:]:
        start = time.monotonic()
        problems = checks[engine](directory)
        seconds = time.monotonic() - start
        if problems:
            print(f"sql_check: {engine}: {len(problems)} differences", file=sys.stderr)
            for problem in problems[:10]:
                print(f"  {problem}", file=sys.stderr)
            return 1
        print(f"sql_check: {engine}: {total} cases, every row equal to the Rust model ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
