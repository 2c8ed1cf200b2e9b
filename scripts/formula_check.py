#!/usr/bin/env python3
"""Opens the book with the spreadsheet formulas in LibreOffice (headless) and
compares every row's score and verdict with the Rust model.

    python3 scripts/formula_check.py DIR

DIR is written by `cargo run --example formula_cases -- DIR`: book.csv (the
sample book's first rows with the two formulas filled down) and expected.csv.
LibreOffice imports the CSV with formulas evaluated (en-US), and writes the
computed sheet back as CSV; scores must agree within 1e-9, verdicts exactly.
"""

import csv
import glob
import os
import subprocess
import sys
import tempfile
import time

# Import: comma, double quote, UTF-8, from line 1, en-US, quoted fields not forced
# to text, no special-number detection, ..., evaluate formulas (13th token).
IMPORT = "CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true"
# Export: comma, double quote, UTF-8, values as computed (not as shown).
EXPORT = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1'


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    directory = sys.argv[1]
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as work:
        profile = "file://" + os.path.join(work, "profile")
        out = os.path.join(work, "out")
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", f"--infilter={IMPORT}",
             "--convert-to", EXPORT, "--outdir", out, os.path.join(directory, "book.csv")],
            check=True, capture_output=True, timeout=300,
        )
        written = glob.glob(os.path.join(out, "*.csv"))
        if not written:
            print("formula_check: LibreOffice wrote nothing", file=sys.stderr)
            return 1
        with open(written[0], newline="") as f:
            got = list(csv.reader(f))[1:]
    with open(os.path.join(directory, "expected.csv"), newline="") as f:
        expected = list(csv.reader(f))[1:]
    problems = []
    if len(got) != len(expected):
        problems.append(f"{len(got)} rows in the sheet, {len(expected)} expected")
    for sheet, (row, score, verdict) in zip(got, expected):
        s_score, s_verdict = sheet[-2], sheet[-1]
        same_score = (s_score == "" and score == "") or (
            s_score != "" and score != "" and abs(float(s_score) - float(score)) <= 1e-9
        )
        if not same_score or s_verdict != verdict:
            problems.append(f"row {row}: sheet {s_score} {s_verdict}; Rust {score} {verdict}")
    if problems:
        print(f"formula_check: {len(problems)} differences", file=sys.stderr)
        for problem in problems[:10]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    seconds = time.monotonic() - start
    print(f"formula_check: LibreOffice: {len(expected)} rows, every score and verdict equal to the Rust model ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
