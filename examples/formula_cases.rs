//! Writes the sample book's first rows with the spreadsheet formulas filled
//! down (`book.csv`) and what the Rust model gives for each row
//! (`expected.csv`), for `scripts/formula_check.py` to open in LibreOffice:
//!
//! ```sh
//! cargo run --example formula_cases -- <directory> [rows]
//! ```
//!
//! Besides the sample's own rows, a few hand-made rows exercise what a
//! spreadsheet holds: a decimal comma, a count above its cap, a TRUE checkbox,
//! upper-case yes/no, blanks, a bad rating, a blank id, percent signs, commas
//! between thousands, a yes/no signal holding "maybe". The model is the
//! default one plus a recency signal (the last QBR, half-life 45 days, as of
//! 2026-06-30) read from an added date column.

fn main() {
    // Native only: the engines run beside the native build (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    cases::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod cases {
    use std::path::PathBuf;

    use csql_calculator::model::book::{read_table, sample_csv, BadRows, Mapping, RowFate, RowScorer, ScoredRow, SAMPLE_SEED};
    use csql_calculator::model::core::date::Date;
    use csql_calculator::model::core::weighting::Weighting;
    use csql_calculator::model::sql::spreadsheet::formulas;
    use csql_calculator::model::{Model, Signal, SignalKind};

    /// The as-of date of the model (the formula then uses DATE(2026,6,30), not TODAY()).
    const AS_OF: &str = "2026-06-30";
    /// The caller's today: not used, since the model sets its as-of date.
    const TODAY: Date = Date::from_days(0);

    pub fn main() {
        if let Err(e) = run() {
            eprintln!("formula_cases: {e}");
            std::process::exit(1);
        }
    }

    fn run() -> Result<(), String> {
        let mut args = std::env::args().skip(1);
        let dir = PathBuf::from(args.next().ok_or("usage: formula_cases <directory> [rows]")?);
        let rows: usize = args.next().map_or(Ok(200), |n| n.parse().map_err(|e| format!("rows: {e}")))?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        // The sample, plus a "last_qbr" date column (a recency signal added to
        // Engagement below): a week further back every row, blank every eleventh.
        let as_of = Date::parse(AS_OF).map_err(|e| e.to_string())?;
        let sample = String::from_utf8(sample_csv(rows, SAMPLE_SEED)).map_err(|e| e.to_string())?;
        let mut text = String::new();
        for (i, line) in sample.lines().enumerate() {
            let date = match i {
                0 => "last_qbr".to_owned(),
                _ if i % 11 == 0 => String::new(),
                // HubSpot writes date-times; they count as their date.
                _ if i % 5 == 0 => format!("{} 13:24", Date::from_days(as_of.days() - (i as i64 * 7) % 400)),
                _ if i % 7 == 0 => format!("{}T08:05:00Z", Date::from_days(as_of.days() - (i as i64 * 7) % 400)),
                _ => Date::from_days(as_of.days() - (i as i64 * 7) % 400).to_string(),
            };
            text.push_str(&format!("{line},{date}\n"));
        }
        for extra in [
            "X1,Decimal comma,Ana,smb,\"7,5\",\"62,5\",YES,8,TRUE,FALSE,12,no,\"99,5\",Y,n,,,2026-06-30\n",
            "X2,Blanks,Ana,smb,,,,,,,,,,,,,,\n",
            "X3,Bad rating,Ana,smb,11,50,yes,5,yes,yes,2,no,50,no,no,,,2026-05-01\n",
            ",No id,Ana,smb,5,50,yes,5,yes,yes,2,no,50,no,no,,,2026-05-01\n",
            "X5,Strong,Ana,smb,10,100,yes,10,yes,yes,5,yes,100,yes,yes,yes,maybe,2026-05-01\n",
            "X6,Future QBR,Ana,smb,10,100,yes,10,yes,yes,5,yes,100,yes,yes,,,2026-07-01\n",
            // Percent signs and commas between thousands, as a CRM export writes them.
            // (Not 0,125: the sheet's own CSV import reads it as 125, before any formula.)
            "X7,Percent signs,Ana,smb,7,75%,yes,8,yes,no,\"1,234\",yes,\"62,5 %\",no,yes,,,2026-06-01\n",
            "X8,Whole percents,Ana,smb,7,100%,yes,8,yes,no,3,yes,0%,no,yes,,,2026-06-01\n",
            "X9,Thousands,Ana,smb,7,50,yes,8,yes,no,\"12,345.5\",yes,50,no,yes,,,2026-06-01\n",
            "X10,Count decimal comma,Ana,smb,7,50,yes,8,yes,no,\"2,5\",yes,50,no,yes,,,2026-06-01\n",
            "X11,Bad percent,Ana,smb,7,120%,yes,8,yes,no,1,yes,50,no,yes,,,2026-06-01\n",
            "X12,Maybe,Ana,smb,7,50,maybe,8,yes,no,1,yes,50,no,yes,,,2026-06-01\n",
        ] {
            text.push_str(extra);
        }
        let bytes = text.into_bytes();
        let mut model = Model {
            as_of: AS_OF.into(),
            ..Model::default()
        };
        model.components[0]
            .signals
            .push(Signal::new("last_qbr", "Last QBR", SignalKind::Date { half_life_days: 45.0 }, 1.0));
        let table = read_table(&bytes).map_err(|e| e.to_string())?;
        let mapping = Mapping::auto(&table.headers, &model);
        let scorer = RowScorer::new(&table.headers, &model, &mapping, TODAY).map_err(|e| e.to_string())?;
        let weighting = Weighting::of(&model).map_err(|e| e.to_string())?;

        let mut book = csv::Writer::from_writer(Vec::new());
        let mut expected = csv::Writer::from_writer(Vec::new());
        let mut header = table.headers.clone();
        header.extend(["csql_score".to_owned(), "csql_verdict".to_owned()]);
        book.write_record(&header).map_err(|e| e.to_string())?;
        expected
            .write_record(["row", "csql_score", "csql_verdict"])
            .map_err(|e| e.to_string())?;
        let mut scored = ScoredRow::default();
        for (i, row) in table.rows.iter().enumerate() {
            let Some(record) = &row.record else { continue };
            // Data row i sits on sheet row i + 2, under the header.
            let f = formulas(&model, &mapping, &table.headers, i + 2).map_err(|e| e.to_string())?;
            let mut line: Vec<String> = record.iter().map(str::to_owned).collect();
            line.extend([f.score, f.verdict]);
            book.write_record(&line).map_err(|e| e.to_string())?;
            scorer.score(row, BadRows::Skip, &mut scored);
            let (score, verdict) = if scored.fate == RowFate::Skipped {
                (String::new(), "invalid".to_owned())
            } else {
                let score = weighting.score(&scored.component_scores);
                (format!("{score}"), weighting.verdict(score, scored.blocked).word().to_owned())
            };
            expected
                .write_record([(i + 2).to_string(), score, verdict])
                .map_err(|e| e.to_string())?;
        }
        let write = |name: &str, bytes: Vec<u8>| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
        };
        write("book.csv", book.into_inner().map_err(|e| e.to_string())?)?;
        write("expected.csv", expected.into_inner().map_err(|e| e.to_string())?)?;
        println!("formula_cases: {} rows in {}", table.rows.len(), dir.display());
        Ok(())
    }
}
