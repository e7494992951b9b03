//! One entry point for scripts/bench-import.sh: the whole import pipeline
//! (parse, migrate, validate) and a readiness recompute of every deployment,
//! exactly as the app runs them, callable from the page as
//! `wasmBindings.import_and_assess(text, "YYYY-MM-DD")`.

use bars_domain::readiness::assess;
use bars_domain::snapshot::import;
use wasm_bindgen::prelude::*;

/// Returns how many providers were assessed, or throws the import's message.
#[wasm_bindgen]
pub fn import_and_assess(text: &str, as_of: &str) -> Result<u32, JsError> {
    let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").map_err(|e| JsError::new(&e.to_string()))?;
    let snapshot = import(text).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(snapshot.deployments.iter().map(|d| assess(d, as_of).providers.len() as u32).sum())
}
