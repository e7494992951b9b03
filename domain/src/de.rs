//! Reading dates, times and counts from files with serde, in the words the
//! rest of the app uses ("“2026-02-30” is not a real date: February 2026 has
//! 28 days") rather than serde's or chrono's. Used as `deserialize_with`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{self, Deserialize, Deserializer, Visitor};

use crate::dates::{parse_day, parse_time};
use crate::text::quote;

/// Text read without copying it, then turned into a value by `parse`.
struct Parsed<T>(fn(&str) -> Result<T, String>);

impl<'de, T> Visitor<'de> for Parsed<T> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        (self.0)(s).map_err(E::custom)
    }
}

/// Reads text with `parse`, which words its own refusal.
pub(crate) fn parsed<'de, D: Deserializer<'de>, T>(d: D, parse: fn(&str) -> Result<T, String>) -> Result<T, D::Error> {
    d.deserialize_str(Parsed(parse))
}

pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    parsed(d, |s| LAST_TIME.with(|last| last.get(s, parse_time)))
}

pub fn day<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    parsed(d, |s| LAST_DAY.with(|last| last.get(s, parse_day)))
}

/// The last text read as a time or a day, and what it was: neighbouring
/// records of a file often share them (a week of counts saved at once, the
/// many providers' rows of one day), and reading one is a good part of the
/// cost of reading a large file.
struct Last<T: Copy> {
    text: std::cell::RefCell<String>,
    value: std::cell::Cell<Option<T>>,
}

impl<T: Copy> Last<T> {
    const fn new() -> Self {
        Self { text: std::cell::RefCell::new(String::new()), value: std::cell::Cell::new(None) }
    }

    fn get(&self, s: &str, parse: fn(&str) -> Result<T, String>) -> Result<T, String> {
        if let Some(value) = self.value.get() {
            if *self.text.borrow() == s {
                return Ok(value);
            }
        }
        let value = parse(s)?;
        let mut text = self.text.borrow_mut();
        text.clear();
        text.push_str(s);
        self.value.set(Some(value));
        Ok(value)
    }
}

thread_local! {
    static LAST_TIME: Last<DateTime<Utc>> = const { Last::new() };
    static LAST_DAY: Last<NaiveDate> = const { Last::new() };
}

/// A day or null (use with `#[serde(default)]`, so a missing one is none).
pub fn optional_day<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    struct Maybe;
    impl<'de> Visitor<'de> for Maybe {
        type Value = Option<NaiveDate>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            day(d).map(Some)
        }
    }
    d.deserialize_option(Maybe)
}

/// A time or null (use with `#[serde(default)]`, so a missing one is none).
pub fn optional_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    struct Maybe;
    impl<'de> Visitor<'de> for Maybe {
        type Value = Option<DateTime<Utc>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            time(d).map(Some)
        }
    }
    d.deserialize_option(Maybe)
}

/// A day's count: a whole number that fits (the plausible limit is a rule,
/// checked after reading, so that every such problem is listed).
pub fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let too_big: fn(&dyn std::fmt::Display) -> String =
        |n| format!("{n} is more than the {} a day this app accepts", crate::validate::DAILY_COUNT_LIMIT);
    whole(d, u64::from(u32::MAX), too_big).map(|n| n as u32)
}

/// A whole number from 0 to `limit`; `too_big` words one above it.
pub(crate) struct WholeNumber {
    pub limit: u64,
    pub too_big: fn(&dyn std::fmt::Display) -> String,
}

impl WholeNumber {
    fn too_big(&self, n: &dyn std::fmt::Display) -> String {
        (self.too_big)(n)
    }
}

/// A whole number up to `limit`, however it is written (7, 7.0).
pub(crate) fn whole<'de, D: Deserializer<'de>>(d: D, limit: u64, too_big: fn(&dyn std::fmt::Display) -> String) -> Result<u64, D::Error> {
    d.deserialize_any(WholeNumber { limit, too_big })
}

impl<'de> Visitor<'de> for WholeNumber {
    type Value = u64;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a whole number")
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<u64, E> {
        if n > self.limit {
            Err(E::custom(self.too_big(&n)))
        } else {
            Ok(n)
        }
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<u64, E> {
        if n < 0 {
            Err(E::custom(format!("must not be negative (it is {n})")))
        } else {
            self.visit_u64(n as u64)
        }
    }
    /// 5.0 and -0 are whole numbers too (JSON Schema's "integer" says so).
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<u64, E> {
        if n.fract() == 0.0 && n == 0.0 {
            Ok(0)
        } else if n < 0.0 {
            Err(E::custom(format!("must not be negative (it is {})", crate::text::plain_number(n))))
        } else if n.fract() != 0.0 {
            Err(E::custom(format!("must be a whole number (it is {})", crate::text::plain_number(n))))
        } else if n > self.limit as f64 {
            Err(E::custom(self.too_big(&crate::text::plain_number(n))))
        } else {
            Ok(n as u64)
        }
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<u64, E> {
        Err(E::custom(format!("must be a whole number, not the text {}", quote(s))))
    }
    fn visit_unit<E: de::Error>(self) -> Result<u64, E> {
        Err(E::custom("is missing"))
    }
}

/// What one object of a list is called in messages: "a provider".
pub trait Described {
    const NOUN: &'static str;
}

impl<R: crate::records::Record> Described for R {
    const NOUN: &'static str = R::NOUN;
}

/// A list of objects. serde would also read an object written as a list of
/// its values, in field order; a file never means that, so it is refused.
pub fn objects<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Described,
{
    d.deserialize_seq(Objects(std::marker::PhantomData))
}

struct Objects<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + Described> Visitor<'de> for Objects<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element_seed(Object(std::marker::PhantomData))? {
            out.push(item);
        }
        Ok(out)
    }
}

struct Object<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + Described> de::DeserializeSeed<'de> for Object<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de> + Described> Visitor<'de> for Object<T> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "an object describing {}", T::NOUN)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
    // Anything but an object is refused in serde's own words, by one
    // function for every record type (serde's defaults are one per type).
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(not_an_object(de::Unexpected::Unit, T::NOUN))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        Err(not_an_object(de::Unexpected::Bool(v), T::NOUN))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Err(not_an_object(de::Unexpected::Unsigned(v), T::NOUN))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Err(not_an_object(de::Unexpected::Signed(v), T::NOUN))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Err(not_an_object(de::Unexpected::Float(v), T::NOUN))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Err(not_an_object(de::Unexpected::Str(v), T::NOUN))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(not_an_object(de::Unexpected::Seq, T::NOUN))
    }
}

/// "invalid type: …, expected an object describing a provider".
#[inline(never)]
fn not_an_object<E: de::Error>(found: de::Unexpected<'_>, noun: &'static str) -> E {
    struct Describing(&'static str);
    impl de::Expected for Describing {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "an object describing {}", self.0)
        }
    }
    E::invalid_type(found, &Describing(noun))
}
