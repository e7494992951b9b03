//! Where in a JSON text a byte position is, as a path like
//! `deployments[0].volumetrics[3].referrals`: the place of a problem serde
//! found, worked out after the fact from the line and column it stopped at.

/// One level of nesting: an object (and the key last read in it) or a list
/// (and the index of its current item).
enum Frame {
    Object(Option<String>),
    List(usize),
}

/// The path of what was being read when `line` and `column` (serde_json's,
/// both from 1; the column counts the bytes read on that line) were reached:
/// the innermost list item, or the object's last key.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let bytes = text.as_bytes();
    let mut end = 0;
    for _ in 1..line {
        match bytes[end..].iter().position(|&b| b == b'\n') {
            Some(i) => end += i + 1,
            None => break,
        }
    }
    let end = (end + column).min(bytes.len());
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < end && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                // A string read where a key is expected names the key.
                if let Some(Frame::Object(key @ None)) = frames.last_mut() {
                    let raw = text.get(start..i.min(end)).unwrap_or("?").replace("\\\"", "\"").replace("\\\\", "\\");
                    *key = Some(crate::text::excerpt(&raw).into_owned());
                }
            }
            b'{' => frames.push(Frame::Object(None)),
            b'[' => frames.push(Frame::List(0)),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::List(n)) => *n += 1,
                Some(Frame::Object(key)) => *key = None,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    // A list or object serde refused as a whole was opened just before it
    // stopped: the problem is the value itself, not an item in it.
    if bytes[..end].iter().rev().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| matches!(b, b'[' | b'{')) {
        frames.pop();
    }
    let mut path = String::new();
    for frame in &frames {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::List(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn at_end(text: &str) -> String {
        path_at(text, 1, text.len())
    }

    #[test]
    fn paths_follow_keys_and_items() {
        assert_eq!(at_end(r#"{"a": {"x": 1, "y": "s""#), "a.y");
        assert_eq!(at_end(r#"{"a": [{"x": 1}, {"x": 2}"#), "a[1]");
        assert_eq!(at_end(r#"{"a": [{"x": 1}, {"x": 2"#), "a[1].x");
        assert_eq!(at_end(r#"{"a": {"x": 1}"#), "a");
        assert_eq!(at_end(r#"{"a": 1, "b""#), "b");
        assert_eq!(at_end(r#"{"a\"b": ["x,y", "}"#), "a\"b[1]");
        assert_eq!(at_end("[1, 2"), "[1]");
        assert_eq!(at_end(""), "");
        assert_eq!(at_end(r#"{"a": [1, ["#), "a[1]", "a list refused as a whole");
        assert_eq!(at_end(r#"{"a": {"#), "a");
        assert_eq!(at_end("{\"a\": [1, [\n  "), "a[1]");
    }

    #[test]
    fn lines_and_columns_are_serde_jsons() {
        let text = "{\n  \"a\": [\n    {\"x\": 1},\n    {\"x\": true";
        assert_eq!(path_at(text, 4, 14), "a[1].x");
        assert_eq!(path_at(text, 2, 6), "a");
    }
}

/// Parses JSON text like `serde_json::from_str::<Value>`, but refuses an
/// object with a repeated key (serde_json keeps the last one silently), with
/// serde's "duplicate field `key`" at the repeated key.
pub fn strict_value(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Strict.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

#[derive(Clone, Copy)]
struct Strict;

impl<'de> serde::de::DeserializeSeed<'de> for Strict {
    type Value = serde_json::Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<serde_json::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Strict {
    type Value = serde_json::Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(b.into())
    }
    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(n.into())
    }
    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(n.into())
    }
    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(s.into())
    }
    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(s.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut list = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            list.push(item);
        }
        Ok(serde_json::Value::Array(list))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            let value = map.next_value_seed(self)?;
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}
