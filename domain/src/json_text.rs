//! The one JSON writer for both stored state and exported snapshots.
//!
//! serde generates every `Serialize` impl once per formatter type, so writing
//! storage with `serde_json::to_string` and exports with `to_string_pretty`
//! would ship every record's writer twice. This one formatter type writes
//! either layout, chosen when it runs: the text is byte for byte what those two
//! functions write.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

struct Lines {
    /// One item a line, indented by two spaces a level (else compact).
    pretty: bool,
    depth: usize,
    has_value: bool,
}

impl Lines {
    fn lined(&self) -> bool {
        self.pretty
    }
    fn newline<W: ?Sized + Write>(&self, w: &mut W, depth: usize) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
    fn begin<W: ?Sized + Write>(&mut self, w: &mut W, open: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(open)
    }
    fn end<W: ?Sized + Write>(&mut self, w: &mut W, close: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.lined() && self.has_value {
            self.newline(w, self.depth)?;
        }
        self.has_value = true;
        w.write_all(close)
    }
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.lined() {
            self.newline(w, self.depth)?;
        }
        Ok(())
    }
}

impl Formatter for Lines {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.lined() { b": " } else { b":" })
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `value` as compact JSON text (as `serde_json::to_string` writes it).
pub fn compact<T: ?Sized + Serialize>(value: &T) -> String {
    write(value, false)
}

/// `value` as indented JSON text (as `serde_json::to_string_pretty` writes it).
pub fn pretty<T: ?Sized + Serialize>(value: &T) -> String {
    write(value, true)
}

fn write<T: ?Sized + Serialize>(value: &T, pretty: bool) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut writer = serde_json::Serializer::with_formatter(&mut out, Lines { pretty, depth: 0, has_value: false });
    value.serialize(&mut writer).expect("records always serialise to JSON");
    // serde_json only ever writes valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_layouts_are_what_serde_json_writes() {
        let value = serde_json::json!({
            "format": "x",
            "empty": [],
            "none": {},
            "deployments": [{ "providers": [{ "id": "p1", "tags": ["a", "b"], "n": 5 }, { "id": "p2", "at": null }], "none": {} }]
        });
        assert_eq!(super::compact(&value), serde_json::to_string(&value).unwrap());
        assert_eq!(super::pretty(&value), serde_json::to_string_pretty(&value).unwrap());
    }
}
