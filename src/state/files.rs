//! Snapshot files the user hands to the page: picked, or dropped anywhere.

use bars_domain::snapshot::MAX_SNAPSHOT_BYTES;
use leptos::prelude::*;

/// A file the user has given us to import: its name and bytes, or only its
/// size when it is too large to be worth reading.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub source: String,
    pub bytes: Result<Vec<u8>, usize>,
}

/// Files dropped anywhere on the page land here, for the share page to read.
#[derive(Clone, Copy)]
pub struct Dropped(pub RwSignal<Option<Incoming>>);

/// Reads a browser `File` into bytes (refusing one over the size limit unread).
pub async fn read_file(file: web_sys::File) -> Incoming {
    let source = file.name();
    if file.size() > MAX_SNAPSHOT_BYTES as f64 {
        return Incoming { source, bytes: Err(file.size() as usize) };
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.unwrap_or_default();
    Incoming { source, bytes: Ok(js_sys::Uint8Array::new(&buffer).to_vec()) }
}
