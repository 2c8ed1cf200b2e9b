//! Writes the cases that `scripts/sql_check.py` runs on real SQL engines:
//! for each case a table of accounts (`table.csv`), the model's query per
//! dialect (`<dialect>.sql`) and what the Rust model gives for every row
//! (`expected.json`, scores at full precision). `scripts/test.sh` runs it:
//!
//! ```sh
//! cargo run --example sql_cases -- <directory>
//! ```
//!
//! Cases: the sample book, every fixture the book imports, hand-made models
//! with every signal kind, scale and direction (with hard cells: decimal
//! commas, commas between thousands, percent signs, exponents, Unicode
//! blanks, yes/no spellings, bad values, a score on the threshold), and random models and tables from a seeded generator.
//!
//! `table.csv` holds the rows as the book reads them (headers cleaned, `'`
//! escapes removed), comma-separated, with a first column `csql_case_row`
//! (the row's number) so the check can line rows up. Rows a table cannot hold
//! (a wrong number of fields, not UTF-8) are left out.

fn main() {
    // Native only: the engines run beside the native build (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    cases::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod cases {
    use std::path::{Path, PathBuf};

    use csql_calculator::model::book::{
        read_table, sample_csv, BadRows, GateStatus, Mapping, RowFate, RowScorer, ScoredRow, Table, SAMPLE_ACCOUNTS, SAMPLE_SEED,
    };
    use csql_calculator::model::core::date::Date;
    use csql_calculator::model::core::weighting::Weighting;
    use csql_calculator::model::sql::{to_sql, Dialect};
    use csql_calculator::model::{Component, Direction, Gate, Model, Scale, ScoreMode, Signal, SignalKind};
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    use serde_json::{json, Value};

    /// Random models written per run.
    const RANDOM_CASES: usize = 40;
    /// The generator's seed: the same cases every run.
    const SEED: [u8; 32] = *b"csql-sql-cases-seed-2026-11-24!!";
    /// The as-of date of the cases with recency signals (the SQL reads the
    /// engine's CURRENT_DATE when a model leaves it blank, so every case sets it).
    const AS_OF: &str = "2026-06-30";
    /// The caller's today: never used, since the cases with dates set their own.
    const TODAY: Date = Date::from_days(0);

    type Result<T> = std::result::Result<T, String>;

    pub fn main() {
        if let Err(e) = run() {
            eprintln!("sql_cases: {e}");
            std::process::exit(1);
        }
    }

    fn run() -> Result<()> {
        let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: sql_cases <directory>")?);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut count = 0;

        write_case(&dir, "sample", &sample_csv(SAMPLE_ACCOUNTS, SAMPLE_SEED), &Model::default(), None)?;
        count += 1;
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut names: Vec<PathBuf> = std::fs::read_dir(&fixtures)
            .map_err(|e| format!("{}: {e}", fixtures.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        names.sort();
        for path in names {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("fixture").replace('.', "_");
            // Files the book refuses (empty, binary) have no rows to compare.
            if read_table(&bytes).is_ok() {
                write_case(&dir, &format!("fixture_{name}"), &bytes, &Model::default(), None)?;
                count += 1;
            }
        }
        for (name, model, mapping, bytes) in hand_made() {
            write_case(&dir, name, bytes.as_bytes(), &model, Some(&mapping))?;
            count += 1;
        }
        let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
        for i in 0..RANDOM_CASES {
            let (model, mapping, bytes) = random_case()
                .new_tree(&mut runner)
                .map_err(|e| format!("generator: {e}"))?
                .current();
            write_case(&dir, &format!("random_{i:02}"), &bytes, &model, Some(&mapping))?;
            count += 1;
        }
        println!("sql_cases: {count} cases in {}", dir.display());
        Ok(())
    }

    /// Writes one case: the table as the book reads it, the queries and the Rust results.
    fn write_case(dir: &Path, name: &str, bytes: &[u8], model: &Model, mapping: Option<&Mapping>) -> Result<()> {
        let table: Table = read_table(bytes).map_err(|e| format!("{name}: {e}"))?;
        let mapping = mapping.cloned().unwrap_or_else(|| Mapping::auto(&table.headers, model));
        let scorer = RowScorer::new(&table.headers, model, &mapping, TODAY).map_err(|e| format!("{name}: {e}"))?;
        let weighting = Weighting::of(model).map_err(|e| format!("{name}: {e}"))?;
        let case = dir.join(name);
        std::fs::create_dir_all(&case).map_err(|e| format!("{}: {e}", case.display()))?;

        let mut writer = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["csql_case_row".to_owned()];
        header.extend(table.headers.iter().cloned());
        writer.write_record(&header).map_err(|e| e.to_string())?;
        let mut rows = Vec::new();
        let mut scored = ScoredRow::default();
        for row in &table.rows {
            let Some(record) = &row.record else { continue };
            if record.len() != table.headers.len() {
                continue;
            }
            let mut line = vec![row.row.to_string()];
            line.extend(record.iter().map(str::to_owned));
            writer.write_record(&line).map_err(|e| e.to_string())?;
            scorer.score(row, BadRows::Skip, &mut scored);
            rows.push(if scored.fate == RowFate::Skipped {
                json!([row.row, Value::Null, Value::Null, "invalid", Value::Null])
            } else {
                let score = weighting.score(&scored.component_scores);
                let missing: Vec<&str> = scorer
                    .gates()
                    .iter()
                    .zip(&scored.gate_status)
                    .filter(|(g, s)| g.required && **s == GateStatus::NotMet)
                    .map(|(g, _)| g.key.as_str())
                    .collect();
                json!([
                    row.row,
                    scored.component_scores,
                    score,
                    weighting.verdict(score, scored.blocked).word(),
                    missing.join(",")
                ])
            });
        }
        let table_csv = writer.into_inner().map_err(|e| e.to_string())?;
        write(&case.join("table.csv"), &table_csv)?;
        let components: Vec<String> = model.components.iter().map(|c| format!("{}_score", c.key)).collect();
        let expected = json!({ "components": components, "rows": rows });
        write(&case.join("expected.json"), expected.to_string().as_bytes())?;
        for dialect in Dialect::ALL {
            let sql = to_sql(model, Some(&mapping), dialect, "accounts").map_err(|e| format!("{name}: {e}"))?;
            write(&case.join(format!("{}.sql", dialect.key())), sql.as_bytes())?;
        }
        Ok(())
    }

    fn write(path: &Path, bytes: &[u8]) -> Result<()> {
        std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn signal(key: &str, kind: SignalKind, weight: f64, direction: Direction) -> Signal {
        Signal {
            direction,
            ..Signal::new(key, key, kind, weight)
        }
    }

    fn component(key: &str, weight: &str, mode: ScoreMode, signals: Vec<Signal>) -> Component {
        Component {
            key: key.into(),
            name: key.to_uppercase(),
            weight: weight.into(),
            mode,
            direct: String::new(),
            signals,
        }
    }

    fn gate(key: &str, required: bool) -> Gate {
        Gate {
            key: key.into(),
            label: key.into(),
            question: String::new(),
            required,
            met: false,
        }
    }

    /// Models with every signal kind, scale and direction, and tables of hard cells.
    fn hand_made() -> Vec<(&'static str, Model, Mapping, String)> {
        use Direction::{Negative, Positive};
        let count = |cap, scale| SignalKind::Count { cap, scale };
        let model = Model {
            components: vec![
                component(
                    "counts",
                    "2",
                    ScoreMode::Signals,
                    vec![
                        signal("lin", count(5.0, Scale::Linear), 1.0, Positive),
                        signal("log", count(15.0, Scale::Log), 2.0, Positive),
                        signal("lin_neg", count(2.5, Scale::Linear), 0.5, Negative),
                        signal("log_neg", count(100.0, Scale::Log), 1.0, Negative),
                        signal("tiny_log", count(0.0004, Scale::Log), 1.0, Positive),
                        signal("unmapped", count(3.0, Scale::Log), 1.0, Negative),
                        signal("qbr", SignalKind::Date { half_life_days: 30.0 }, 1.0, Positive),
                        signal("ticket", SignalKind::Date { half_life_days: 7.5 }, 1.0, Negative),
                    ],
                ),
                component(
                    "answers",
                    "1,5",
                    ScoreMode::Signals,
                    vec![
                        signal("yes", SignalKind::YesNo, 1.0, Positive),
                        signal("no_neg", SignalKind::YesNo, 1.0, Negative),
                        signal("rating", SignalKind::Rating, 2.0, Positive),
                        signal("rating_neg", SignalKind::Rating, 1.0, Negative),
                        signal("percent", SignalKind::Percent, 3.0, Positive),
                        signal("percent_neg", SignalKind::Percent, 0.0, Negative),
                        signal("yes_unmapped_neg", SignalKind::YesNo, 1.0, Negative),
                    ],
                ),
                component("direct", "1.5", ScoreMode::Direct, Vec::new()),
                component("empty", "0", ScoreMode::Signals, Vec::new()),
            ],
            threshold: "55".into(),
            as_of: AS_OF.into(),
            gates: vec![gate("must", true), gate("nice", false), gate("unassessed", true)],
            ..Model::default()
        };
        let mut mapping = Mapping::from_keys(&model);
        mapping.set_id(Some("Account ID".into()));
        mapping.set_signal("counts", "unmapped", None);
        mapping.set_signal("answers", "yes_unmapped_neg", None);
        mapping.set_direct("direct", Some("Direct score".into()));
        mapping.set_gate("unassessed", None);
        mapping.set_accepted(Some("accepted".into()));
        let header =
            "Account ID,lin,log,lin_neg,log_neg,tiny_log,qbr,ticket,yes,no_neg,rating,rating_neg,percent,percent_neg,Direct score,must,nice,accepted";
        let rows = [
            "A1,5,15,2.5,100,0.0004,2026-06-30,2026-06-30,yes,no,10,10,100,100,100,yes,yes,yes",
            "A2,0,0,0,0,0,2026-05-31,2026-06-15,no,yes,0,0,0,0,0,no,no,no",
            "A3,,,,,,,,,,,,,,,,,",
            "A4,2,3,1,7,0.0001,2024-02-29, 2026-06-01 ,Y,N,2.5,7,33.3,50,70,TRUE,false,",
            "A5,1e1,1.5e1,+1,.5,4e-5,\u{a0}2026-01-01,2025-12-31,\" TRUE \",FALSE,\"7,5\",3.,\"12,25\",0,\"0,5\",1,0,Yes",
            "A6,1000000,16,3,99,1,2000-01-01,0001-01-01,yEs,nO,5,5,50,50,50,y,n,",
            // Unicode blanks (no-break space, ideographic space) around values.
            "A7,\u{a0}3\u{a0},\u{3000}4,\t1\t, 2 ,\u{2009}0.00005,2026-06-29,,\u{a0}yes,no\u{3000},\u{a0}8,2 ,60,40,90,\u{a0}yes,no,",
            // Bad values, each alone on a row: the book skips the row; SQL says invalid.
            "B1,-1,1,1,1,1,2026-06-30,,yes,no,5,5,50,50,50,yes,no,",
            "B2,1,abc,1,1,1,2026-06-30,,yes,no,5,5,50,50,50,yes,no,",
            "B3,1,1,1,1,1,,,maybe,no,5,5,50,50,50,yes,no,",
            "B4,1,1,1,1,1,,,yes,no,11,5,50,50,50,yes,no,",
            "B5,1,1,1,1,1,,,yes,no,5,5,100.5,50,50,yes,no,",
            "B6,1,1,1,1,1,,,yes,no,5,5,50,50,-3,yes,no,",
            "B7,1,1,1,1,1,,,yes,no,5,5,50,50,50,ja,no,",
            "B8,1,1,1,1,1,,,yes,no,5,5,50,50,50,yes,nein,",
            "B9,1,1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,perhaps",
            "B10,1e999,1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "B11,1,1,\"1.000,5\",1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "B12,NaN,1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "B13,inf,1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "B14,1e,1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "B15,.,1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "B16,1.2.3,1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "D1,1,1,1,1,1,2026-07-01,,yes,no,5,5,50,50,50,yes,no,",
            "D2,1,1,1,1,1,2026-02-30,,yes,no,5,5,50,50,50,yes,no,",
            "D3,1,1,1,1,1,06/30/2026,,yes,no,5,5,50,50,50,yes,no,",
            "D4,1,1,1,1,1,,2026-6-1,yes,no,5,5,50,50,50,yes,no,",
            "D5,1,1,1,1,1,0000-01-01,,yes,no,5,5,50,50,50,yes,no,",
            " ,1,1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            // Commas between thousands in counts, percent signs after percentages,
            // and the decimal commas they must not be confused with.
            "G1,\"1,234\",\"12,345.5\",\"0,125\",\"1,5\",\"+1,000\",,,yes,no,5,5,75%,\"\u{a0}12,5 %\",50,yes,no,",
            "G2,\"1,234.\",\"1,000,000\",\"2,500\",\"1,2345\",0,,,yes,no,5,5,100%,0%,50,yes,no,",
            "G3,1,1,1,1,1,,,yes,no,5,5,\"1,5%\",\"99 %\",50,yes,no,",
            // Each bad alone on a row: invalid, as the book skips it.
            "H1,1,1,1,1,1,,,yes,no,5,5,75%%,50,50,yes,no,",
            "H2,1,1,1,1,1,,,yes,no,5,5,%,50,50,yes,no,",
            "H3,1.234.567,1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "H4,1,1,1,1,1,,,yes,no,5,5,120%,50,50,yes,no,",
            "H5,\"1,000,000,001\",1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "H6,\"-1,234\",1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "H7,1,1,1,1,1,,,yes,no,75%,5,50,50,50,yes,no,",
            "H8,1,1,1,1,1,,,yes,no,5,5,50,50,75%,yes,no,",
            "H9,\"12,34,567\",1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            "H10,1,1,1,1,1,,,yes,no,5,5,%75,50,50,yes,no,",
            "H11,\"0,125,000\",1,1,1,1,,,yes,no,5,5,50,50,50,yes,no,",
            // Odd numbers the calculator reads: underflow to 0, -0, a huge count, exponents.
            "C1,1e-400,-0,0e5,1E2,5e-324,1970-01-01,,1,0,1e0,-0,1e-7,0,1e2,1,0,",
            "C2,1.7976931348623157e308,00012,000.5,1e+2,0.0004,2026-06-30,2026-06-30,true,false,10.000,0,99.99999999999999,0,0.0,YES,NO,",
        ];
        let mut text = format!("{header}\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        let mut cases = vec![("hand_every_kind", model, mapping, text)];

        // Three direct components of 70 at weights 40/30/30: 70 x 0.4 + 70 x 0.3 + 70 x 0.3
        // is not exactly 70 in floats; the tolerance must make it reach a threshold of 70.
        let direct = Model {
            components: vec![
                component("e", "40", ScoreMode::Direct, Vec::new()),
                component("f", "30", ScoreMode::Direct, Vec::new()),
                component("i", "30", ScoreMode::Direct, Vec::new()),
            ],
            threshold: "70".into(),
            gates: vec![gate("budget", true)],
            ..Model::default()
        };
        let mut mapping = Mapping::from_keys(&direct);
        mapping.set_id(Some("id".into()));
        let text = "id,e,f,i,budget\nT1,70,70,70,yes\nT2,70,70,70,no\nT3,69.9999999,70,70,yes\nT4,69.999999999,70,70,yes\nT5,70,70,69.99999999,yes\nT6,100,0,100,\n".to_owned();
        cases.push(("hand_threshold", direct, mapping, text));

        // Quoted, reserved and spaced column names, and one column feeding two signals.
        let names = Model {
            components: vec![component(
                "c",
                "1",
                ScoreMode::Signals,
                vec![
                    signal("a", SignalKind::Rating, 1.0, Positive),
                    signal("b", SignalKind::Percent, 1.0, Negative),
                    signal("c", SignalKind::YesNo, 1.0, Positive),
                ],
            )],
            threshold: "50".into(),
            gates: vec![gate("g", true)],
            ..Model::default()
        };
        let mut mapping = Mapping::from_keys(&names);
        mapping.set_id(Some("order".into()));
        mapping.set_signal("c", "a", Some("Rating (0-10)".into()));
        mapping.set_signal("c", "b", Some("Rating (0-10)".into()));
        mapping.set_signal("c", "c", Some("say \"yes\"".into()));
        mapping.set_gate("g", Some("Gate`s".into()));
        let text = "order,Rating (0-10),\"say \"\"yes\"\"\",Gate`s\nN1,8,yes,yes\nN2,9,no,\nN3,7.5,,no\n".to_owned();
        cases.push(("hand_names", names, mapping, text));
        cases
    }

    /// A random model, a mapping to random columns and a table of random cells.
    fn random_case() -> impl Strategy<Value = (Model, Mapping, Vec<u8>)> {
        use proptest::prelude::*;
        let kind = prop_oneof![
            (prop::sample::select(vec![0.0002, 0.001, 0.5, 1.0, 5.0, 17.5, 1e6]), any::<bool>()).prop_map(|(cap, log)| SignalKind::Count {
                cap,
                scale: if log { Scale::Log } else { Scale::Linear },
            }),
            Just(SignalKind::YesNo),
            Just(SignalKind::Rating),
            Just(SignalKind::Percent),
            prop::sample::select(vec![1.0, 7.5, 30.0, 365.0]).prop_map(|half_life_days| SignalKind::Date { half_life_days }),
        ];
        let signal = (kind, prop::sample::select(vec![0.0, 0.5, 1.0, 2.0, 3.25]), any::<bool>(), 0u8..10);
        let component = (
            prop::sample::select(vec!["0", "1", "2,5", "40", "0.125"]),
            prop::collection::vec(signal, 0..5),
            0u8..10,
        );
        let gates = prop::collection::vec((any::<bool>(), 0u8..10), 0..4);
        (
            prop::collection::vec(component, 1..4),
            gates,
            prop::sample::select(vec!["0", "35", "50", "62.5", "70", "100"]),
            prop::collection::vec(prop::collection::vec((0u8..100, 0.0f64..1.0, 0u8..8), 24), 1..30),
            any::<bool>(),
        )
            .prop_map(|(components, gates, threshold, cells, outcome)| build_random(components, gates, threshold, &cells, outcome))
    }

    type RandomSignal = (SignalKind, f64, bool, u8);
    type RandomComponent = (&'static str, Vec<RandomSignal>, u8);

    /// What a column holds, to draw cells that fit it.
    #[derive(Clone, Copy)]
    enum Holds {
        /// A number from 0 to this.
        Number(f64),
        /// Yes or no.
        YesNo,
        /// A date up to about three years before the as-of date.
        Date,
    }

    /// One random draw per cell: what sort of cell (0..100), a value (0..1), a format (0..8).
    type CellDraw = (u8, f64, u8);

    /// Puts the drawn parts together: every input gets its own column unless its
    /// draw (0..10) says otherwise (0: no column; 1: share the previous column).
    fn build_random(
        components: Vec<RandomComponent>,
        gates: Vec<(bool, u8)>,
        threshold: &str,
        cells: &[Vec<CellDraw>],
        outcome: bool,
    ) -> (Model, Mapping, Vec<u8>) {
        let mut headers: Vec<String> = vec!["id".into()];
        let mut holds: Vec<Holds> = vec![Holds::YesNo];
        let mut mapping = Mapping::default();
        mapping.set_id(Some("id".into()));
        let mut pick = |draw: u8, what: Holds, headers: &mut Vec<String>| -> Option<String> {
            match draw {
                0 => None,
                1 if headers.len() > 1 => headers.last().cloned(),
                _ => {
                    let name = if draw == 9 {
                        format!("Col {}", headers.len())
                    } else {
                        format!("c{}", headers.len())
                    };
                    headers.push(name.clone());
                    holds.push(what);
                    Some(name)
                }
            }
        };
        let mut model_components = Vec::new();
        for (c, (weight, signals, direct)) in components.into_iter().enumerate() {
            let key = format!("comp{c}");
            let mut model_signals = Vec::new();
            for (s, (kind, weight, negative, draw)) in signals.into_iter().enumerate() {
                let key_s = format!("s{s}");
                let direction = if negative { Direction::Negative } else { Direction::Positive };
                model_signals.push(signal(&key_s, kind, weight, direction));
                let what = match kind {
                    SignalKind::Count { cap, .. } => Holds::Number(cap * 1.5),
                    SignalKind::YesNo => Holds::YesNo,
                    SignalKind::Rating => Holds::Number(10.0),
                    SignalKind::Percent => Holds::Number(100.0),
                    SignalKind::Date { .. } => Holds::Date,
                };
                let column = pick(draw, what, &mut headers);
                mapping.set_signal(&key, &key_s, column);
            }
            // One component in ten reads a direct score column instead.
            if direct == 0 {
                let column = pick(2, Holds::Number(100.0), &mut headers);
                mapping.set_direct(&key, column);
            }
            model_components.push(component(&key, weight, ScoreMode::Signals, model_signals));
        }
        // At least one weight above 0, or the model cannot score at all.
        if model_components.iter().all(|c| c.weight == "0") {
            model_components[0].weight = "1".into();
        }
        let mut model_gates = Vec::new();
        for (g, (required, draw)) in gates.into_iter().enumerate() {
            let key = format!("gate{g}");
            model_gates.push(gate(&key, required));
            let column = pick(draw, Holds::YesNo, &mut headers);
            mapping.set_gate(&key, column);
        }
        if outcome {
            let column = pick(2, Holds::YesNo, &mut headers);
            mapping.set_accepted(column);
        }
        let model = Model {
            components: model_components,
            threshold: threshold.into(),
            as_of: AS_OF.into(),
            gates: model_gates,
            ..Model::default()
        };
        let mut writer = csv::Writer::from_writer(Vec::new());
        let _ = writer.write_record(&headers);
        for (r, row) in cells.iter().enumerate() {
            let mut record = vec![if r % 17 == 16 { String::new() } else { format!("R{r}") }];
            record.extend(row.iter().zip(&holds[1..]).map(|(draw, what)| draw_cell(*draw, *what)));
            while record.len() < headers.len() {
                record.push(String::new());
            }
            let _ = writer.write_record(&record);
        }
        (model, mapping, writer.into_inner().unwrap_or_default())
    }

    /// A cell for a column: mostly a value that fits it, in one of several
    /// spellings; sometimes blank, sometimes a bad or odd value.
    fn draw_cell((sort, value, format): CellDraw, what: Holds) -> String {
        const ODD: [&str; 23] = [
            "maybe",
            "-1",
            "101",
            "1e999",
            "abc",
            "1,2,3",
            "\u{3000}",
            " ",
            "12.",
            ".5",
            "+3",
            "1e-400",
            "-0",
            "NaN",
            "75%",
            "1,234",
            "2,500.5",
            "0,125",
            "%",
            "9 %",
            "2,000,000,000",
            "1000000000000000",
            "1000000000000001",
        ];
        const YES_NO: [&str; 12] = ["yes", "no", "Y", "n", "TRUE", "False", "1", "0", " yes ", "\u{a0}no", "yEs", "NO"];
        match sort {
            0..=7 => String::new(),
            8..=11 => ODD[(value * ODD.len() as f64) as usize % ODD.len()].to_owned(),
            _ => match what {
                Holds::YesNo => YES_NO[(value * YES_NO.len() as f64) as usize % YES_NO.len()].to_owned(),
                Holds::Date => {
                    let as_of = Date::parse(AS_OF).unwrap_or_default();
                    let date = Date::from_days(as_of.days() - (value * 1100.0) as i64);
                    match format {
                        // One date in six is a day after the as-of date: an error.
                        0 => Date::from_days(as_of.days() + 1 + (value * 30.0) as i64).to_string(),
                        1 => format!(" {date} "),
                        2 => date.to_string().replace('-', "/"),
                        // Date-times as CRMs write them count as their date;
                        // a time of another shape is unreadable.
                        3 => format!("{date} 13:24"),
                        4 => format!("{date}T23:59:59.5-05:00"),
                        5 => format!("{date}T13:24Z"),
                        6 => format!("{date} 1:24"),
                        _ => date.to_string(),
                    }
                }
                Holds::Number(top) => {
                    let v = value * top;
                    match format {
                        0 => format!("{}", v.round()),
                        1 => format!("{v}"),
                        2 => format!("{v:.2}").replace('.', ","),
                        3 => format!("{v:e}"),
                        4 => format!(" {v:.3} "),
                        _ => format!("{}", (v * 4.0).round() / 4.0),
                    }
                }
            },
        }
    }
}
