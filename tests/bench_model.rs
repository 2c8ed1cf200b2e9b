//! Native benchmark of the model's per-row and per-column work, at the sizes
//! that were slow (issue 8). A benchmark, not a test: it is `#[ignore]`d, never
//! asserts a time, and writes `bench/out/model.json`. Run it on a release build:
//!
//! ```sh
//! cargo test --release --test bench_model -- --ignored --nocapture
//! ```
//!
//! Each figure is the median of repeated runs (`Instant` around one call), up
//! to 30 runs or about 3 s per figure, whichever comes first.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;
use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Any date will do: these models have no recency signal.
const TODAY: csql_calculator::model::core::date::Date = csql_calculator::model::core::date::Date::from_days(20_000);

use csql_calculator::model::book::{csm_rows, read_table, sample_csv, score_all, summarise, BadRows, Book, Mapping};
use csql_calculator::model::programme::from_query;
use csql_calculator::model::share::query::apply_query;
use csql_calculator::model::Model;

/// Median and number of runs of `work`, in milliseconds.
fn measure(mut work: impl FnMut()) -> (f64, usize) {
    let budget = Duration::from_secs(3);
    let started = Instant::now();
    let mut times = Vec::new();
    while times.len() < 30 && (times.is_empty() || started.elapsed() < budget) {
        let t = Instant::now();
        work();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times.len())
}

fn book_of(csv: &[u8]) -> Book {
    let table = Rc::new(read_table(csv).expect("the bench CSV reads"));
    let model = Model::default();
    let mapping = Mapping::auto(&table.headers, &model);
    Book::build(table, &model, &mapping, BadRows::KeepEmpty, TODAY)
        .expect("the bench book builds")
        .0
}

/// `id,owner,accepted,won` with one account per owner, every owner different.
fn owners_csv(owners: usize) -> Vec<u8> {
    let mut csv = String::from("id,owner,accepted,won\n");
    for i in 0..owners {
        let _ = writeln!(csv, "A{i},Owner {i},yes,no");
    }
    csv.into_bytes()
}

#[test]
#[ignore = "a benchmark: run with --release -- --ignored"]
fn model_benchmark_report() {
    let mut figures: Vec<(String, f64, usize)> = Vec::new();
    let mut record = |name: &str, (ms, runs): (f64, usize)| {
        println!("{name}: {ms:.3} ms (median of {runs})");
        figures.push((name.to_owned(), ms, runs));
    };

    let sample = sample_csv(100_000, 7);
    let book = book_of(&sample);
    let scores = score_all(&book, &[40.0, 30.0, 30.0], 70.0);
    record(
        "Book::build, 100,000-row sample",
        measure(|| {
            black_box(book_of(&sample));
        }),
    );
    record(
        "summarise, 100,000-row sample (8 owners)",
        measure(|| {
            black_box(summarise(&book, &scores));
        }),
    );
    record(
        "csm_rows, 100,000-row sample (8 owners)",
        measure(|| {
            black_box(csm_rows(&book));
        }),
    );

    let owners = book_of(&owners_csv(40_000));
    let owner_scores = score_all(&owners, &[40.0, 30.0, 30.0], 70.0);
    record(
        "summarise, 40,000 owners",
        measure(|| {
            black_box(summarise(&owners, &owner_scores));
        }),
    );
    record(
        "csm_rows, 40,000 owners",
        measure(|| {
            black_box(csm_rows(&owners));
        }),
    );

    let wide: String = (0..40_000).map(|i| format!("h{i}")).collect::<Vec<_>>().join(",") + "\n";
    record(
        "read_table, 40,000 distinct header names",
        measure(|| {
            black_box(read_table(wide.as_bytes()).ok());
        }),
    );
    let blank = format!("id{}\n", ",".repeat(39_999));
    record(
        "read_table, 40,000 header names, all blank but the first",
        measure(|| {
            black_box(read_table(blank.as_bytes()).ok());
        }),
    );
    let same = format!("{}a\n", "a,".repeat(39_999));
    record(
        "read_table, 40,000 header names, all the same",
        measure(|| {
            black_box(read_table(same.as_bytes()).ok());
        }),
    );

    // The largest model (12 components of 40 signals, 20 gates) against 40,000
    // columns whose matching headers come last: every lookup scans the width.
    let mut big = Model::default();
    let template = big.components[0].clone();
    big.components = (0..12)
        .map(|c| {
            let mut component = template.clone();
            component.key = format!("c{c}");
            component.signals = (0..40)
                .map(|s| {
                    let mut signal = template.signals[0].clone();
                    signal.key = format!("c{c}_s{s}");
                    signal.label = format!("Signal {s} of {c}");
                    signal
                })
                .collect();
            component
        })
        .collect();
    let gate = big.gates[0].clone();
    big.gates = (0..20)
        .map(|g| {
            let mut gate = gate.clone();
            gate.key = format!("g{g}");
            gate.label = format!("Gate {g}");
            gate
        })
        .collect();
    let mut wide_headers: Vec<String> = (0..40_000 - 501).map(|i| format!("h{i}")).collect();
    wide_headers.push("id".to_owned());
    wide_headers.extend(big.components.iter().flat_map(|c| c.signals.iter().map(|s| s.key.clone())));
    wide_headers.extend(big.gates.iter().map(|g| g.key.clone()));
    record(
        "Mapping::auto, 40,000 columns, 12 x 40 signals and 20 gates",
        measure(|| {
            black_box(Mapping::auto(&wide_headers, &big));
        }),
    );
    let wide_table = Rc::new(read_table(format!("{}\n", wide_headers.join(",")).as_bytes()).expect("the wide header reads"));
    let wide_mapping = Mapping::auto(&wide_table.headers, &big);
    record(
        "Book::build (resolve), 40,000 columns, no rows",
        measure(|| {
            black_box(Book::build(Rc::clone(&wide_table), &big, &wide_mapping, BadRows::Skip, TODAY).is_ok());
        }),
    );

    let csm_link = "csm=Ann,2,1,0&".repeat(20_000);
    record(
        "programme from_query, 20,000 csm= rows",
        measure(|| {
            black_box(from_query(&csm_link));
        }),
    );
    let thresholds = "threshold=x&".repeat(100_000);
    record(
        "link apply_query, 100,000 threshold=x",
        measure(|| {
            let mut model = Model::default();
            black_box(apply_query(&mut model, &thresholds));
        }),
    );

    let mut json = String::from(
        "{\n  \"how\": \"cargo test --release --test bench_model -- --ignored; median of up to 30 runs or 3 s\",\n  \"figures\": [\n",
    );
    for (i, (name, ms, runs)) in figures.iter().enumerate() {
        let comma = if i + 1 == figures.len() { "" } else { "," };
        let _ = writeln!(
            json,
            "    {{ \"name\": \"{name}\", \"median_ms\": {ms:.3}, \"runs\": {runs} }}{comma}"
        );
    }
    json.push_str("  ]\n}\n");
    let dir = format!("{}/bench/out", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).expect("bench/out can be made");
    std::fs::write(format!("{dir}/model.json"), json).expect("the report is written");
}
