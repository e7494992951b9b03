//! Every file in `tests/fixtures/bad/` (at the workspace root) must be
//! refused, with a message containing what `expected.json` says for it: the
//! message must say what is wrong and where, not just "invalid".
//!
//! To add a case: put the file in that folder and its expected words in
//! `expected.json`. The test fails on a file without an expectation and on
//! an expectation without a file, so neither can be forgotten.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bars_domain::snapshot::{import_bytes, ImportError, MAX_SNAPSHOT_BYTES};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/bad")
}

fn expectations() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus().join("expected.json")).expect("tests/fixtures/bad/expected.json");
    serde_json::from_str(&text).expect("expected.json maps file names to text")
}

#[test]
fn every_bad_file_is_refused_with_its_own_message() {
    let expected = expectations();
    let mut files: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "expected.json")
        .collect();
    files.sort();
    assert!(files.len() >= 50, "the corpus has only {} files", files.len());
    assert_eq!(files, expected.keys().cloned().collect::<Vec<_>>(), "every file needs an expectation, and every expectation a file");

    let mut failures = Vec::new();
    for (name, words) in &expected {
        assert!(!words.trim().is_empty(), "{name}: the expectation is empty");
        let bytes = std::fs::read(corpus().join(name)).unwrap();
        match import_bytes(&bytes) {
            Ok(_) => failures.push(format!("{name}: was accepted")),
            Err(error) => {
                let message = error.to_string();
                if !message.contains(words.as_str()) {
                    failures.push(format!("{name}: expected the message to contain\n    {words}\n  but it was\n    {message}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} bad files were not refused as expected:\n{}", failures.len(), expected.len(), failures.join("\n"));
}

/// The expectations are specific: no two files may be checked for the same
/// bare phrase like "invalid" (which would pass for any refusal).
#[test]
fn expectations_are_specific() {
    for (name, words) in expectations() {
        assert!(words.chars().count() >= 12, "{name}: \u{201c}{words}\u{201d} is too vague to pin the message");
    }
}

/// Generated here rather than kept in the repository: 20 MB of junk.
#[test]
fn a_file_over_20_mb_is_refused_before_it_is_read() {
    let junk: Vec<u8> = (0..MAX_SNAPSHOT_BYTES + 1).map(|i| b"{[\"x"[i % 4]).collect();
    let path = std::env::temp_dir().join(format!("bars-snapshot-too-large-{}.json", std::process::id()));
    std::fs::write(&path, &junk).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let error = import_bytes(&bytes).unwrap_err();
    assert_eq!(error, ImportError::TooLarge { bytes: MAX_SNAPSHOT_BYTES + 1 });
    assert!(error.to_string().contains("just over 20 MB, which is too large to be a snapshot (the limit is 20 MB)"), "{error}");
    // Refused up front from its size: the variant carries no parse position.

    // At the limit exactly, the file is read (and here refused as not JSON).
    let at_limit = &bytes[..MAX_SNAPSHOT_BYTES];
    assert!(matches!(import_bytes(at_limit), Err(ImportError::NotJson { .. })));
}
