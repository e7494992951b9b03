//! Host timing of `snapshot::import` on the same 50,000-row snapshot that
//! scripts/bench-import.mjs builds, against parsing the same text into a
//! `serde_json::Value` (the nearest host stand-in for a plain JSON.parse).
//! Run: `cargo run --release -p bars-domain --example import_timing`.

use std::time::Instant;

use bars_domain::readiness::assess;
use bars_domain::snapshot::import;
use serde_json::{json, Value};

const PROVIDERS: usize = 50;
const ROWS: usize = 50_000;
const RUNS: usize = 7;

fn big_snapshot() -> String {
    let stamp = "2026-01-01T09:00:00Z";
    let providers: Vec<Value> = (0..PROVIDERS)
        .map(|i| json!({"id": format!("prov-{i}"), "updated_at": stamp, "name": format!("Provider {i}"), "ods_code": format!("RX{}", 100 + i),
            "role": "both", "supplier": "Example Systems", "go_live": "2024-01-01"}))
        .collect();
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let volumetrics: Vec<Value> = (0..ROWS)
        .map(|n| {
            let day = start + chrono::Days::new((n / PROVIDERS) as u64);
            let referrals = (n * 7) % 13;
            let responses = if (n * 5) % 7 > referrals { referrals } else { (n * 5) % 7 };
            json!({"id": format!("vol-{n}"), "updated_at": stamp, "provider_id": format!("prov-{}", n % PROVIDERS),
                "date": day.to_string(), "referrals": referrals, "responses": responses})
        })
        .collect();
    json!({"format": "bars-beta-tracker-snapshot", "format_version": 2, "app_version": "bench", "exported_at": stamp,
        "exported_by": "Benchmark", "deployments": [{"id": "bench", "name": "Benchmark deployment",
        "application": {"kind": "preset", "number": 4}, "risk_level": "high", "created_at": stamp, "updated_at": stamp,
        "has_responses": true, "stable_published": null, "providers": providers, "workflows": [], "test_results": [],
        "milestones": [], "volumetrics": volumetrics, "incidents": [], "contacts": [], "deleted": []}],
        "deleted_deployments": []})
    .to_string()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

fn main() {
    let text = big_snapshot();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let (mut parse, mut imp, mut both) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        let v: Value = serde_json::from_str(&text).unwrap();
        parse.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(v);
        let t = Instant::now();
        let s = import(&text).unwrap();
        imp.push(t.elapsed().as_secs_f64() * 1000.0);
        let providers: usize = s.deployments.iter().map(|d| assess(d, as_of).providers.len()).sum();
        both.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(providers, PROVIDERS);
    }
    let (mut read, mut rules) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        let file: bars_domain::snapshot::SnapshotFile = bars_domain::migrations::read_typed(&text).unwrap();
        read.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let problems = file.problems();
        rules.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(problems.is_empty());
        probe(&file);
    }
    println!("of which typed reading: median {:.1} ms; rule pass: median {:.1} ms", median(read), median(rules));
    let (p, i, b) = (median(parse), median(imp), median(both));
    println!("snapshot: {:.2} MB, {PROVIDERS} providers, {ROWS} rows", text.len() as f64 / 1048576.0);
    println!("serde_json::Value parse: median {p:.1} ms");
    println!("import (read + rules):   median {i:.1} ms ({:.2}x)", i / p);
    println!("import + readiness:      median {b:.1} ms ({:.2}x)", b / p);
}

#[allow(dead_code)]
fn probe(file: &bars_domain::snapshot::SnapshotFile) {
    let d = &file.deployments[0];
    let t = Instant::now();
    let mut ids: bars_domain::text::IdMap<&str, usize> = Default::default();
    for (i, v) in d.volumetrics.iter().enumerate() {
        ids.insert(&v.id, i);
    }
    let mut n = 0;
    for v in &d.volumetrics {
        n += usize::from(ids.contains_key(v.provider_id.as_str()));
    }
    println!("hash 50k ids + 50k lookups: {:.1} ms ({n})", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let blank = d.volumetrics.iter().filter(|v| v.id.trim().is_empty()).count();
    println!("trim 50k: {:.1} ms ({blank})", t.elapsed().as_secs_f64() * 1000.0);
}
