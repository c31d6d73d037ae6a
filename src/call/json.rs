//! A request's JSON body, written as `JSON.stringify` would write it, in
//! pure Rust (no JS object is built for it): an endpoint lists its wire
//! fields in order, `None` where the caller gave nothing.

use alloc::string::String;

use crate::numbers::{push_decimal, push_hex_byte};

/// One value of a wire body.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WireValue<'a> {
    /// A JSON string.
    Text(&'a str),
    /// A JSON number: a whole number from 0 to 2^53 (validated before).
    Whole(f64),
    /// A JSON number written digit for digit: ASCII digits without a
    /// leading zero (validated before), for numbers past 2^53.
    Digits(&'a str),
}

impl WireValue<'_> {
    /// A flag as the API takes it: 1 or 0.
    pub fn flag(value: bool) -> Self {
        WireValue::Whole(f64::from(u8::from(value)))
    }
}

/// The JSON object of the given fields, in order; fields without a value
/// are left out.
///
/// # Examples
///
/// ```
/// use takecontrol_session::call::json::{object, WireValue};
///
/// let body = object(&[
///     ("department_id", None),
///     ("customer_name", Some(WireValue::Text("Ada \"A\""))),
///     ("show_waiting_queue", Some(WireValue::flag(true))),
/// ]);
/// assert_eq!(body, r#"{"customer_name":"Ada \"A\"","show_waiting_queue":1}"#);
/// ```
pub fn object(fields: &[(&str, Option<WireValue<'_>>)]) -> String {
    let mut json = String::from("{");
    for (name, value) in fields {
        let Some(value) = value else { continue };
        if json.len() > 1 {
            json.push(',');
        }
        push_json_string(&mut json, name);
        json.push(':');
        match *value {
            WireValue::Text(text) => push_json_string(&mut json, text),
            WireValue::Whole(n) => push_decimal(&mut json, n as u64, 0),
            WireValue::Digits(digits) => json.push_str(digits),
        }
    }
    json.push('}');
    json
}

/// Appends `text` as a JSON string literal, escaped as `JSON.stringify` does.
fn push_json_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    // Only ASCII bytes are escaped, and no byte of a multi-byte UTF-8
    // sequence is ASCII: the text between escapes is copied a run at a time.
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(text.get(start..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            push_hex_byte(out, byte, b'a');
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_json_stringify_escapes_them() {
        let mut json = String::new();
        push_json_string(
            &mut json,
            "Zoë \"Z\" O'Brien\\ 😀 line 1\nline 2\t\u{1}\u{8}\u{c}\r</script>",
        );
        assert_eq!(
            json,
            r#""Zoë \"Z\" O'Brien\\ 😀 line 1\nline 2\t\u0001\b\f\r</script>""#
        );
    }

    #[test]
    fn an_object_holds_only_the_fields_given() {
        assert_eq!(object(&[("a", None)]), "{}");
        assert_eq!(
            object(&[
                ("id", Some(WireValue::Whole(9_007_199_254_740_991.0))),
                ("off", Some(WireValue::flag(false))),
                ("ids", Some(WireValue::Digits("9223372036854775807"))),
            ]),
            r#"{"id":9007199254740991,"off":0,"ids":9223372036854775807}"#
        );
    }
}
