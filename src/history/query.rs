//! Session history's vars and filters (pure): the documented names, their
//! JS spellings, the checks on their values, and the query string they
//! become (`vars` comma-separated, each filter under its `FILTER_*` name).

use alloc::string::String;
use alloc::vec::Vec;

use crate::call::error::{FieldError, Reason};
pub use crate::call::options::DateInput;
use crate::call::rules::{is_positive_safe_integer, MAX_SAFE_INTEGER};
use crate::dates;
use crate::numbers::{decimal, floor, push_hex_byte};

/// How a var's value is typed in the caller's records.
///
/// # Examples
///
/// ```
/// use takecontrol_session::history::query::{find_var, VarKind};
///
/// assert_eq!(find_var("ID").map(|var| var.kind), Some(VarKind::Integer));
/// assert_eq!(find_var("HAS_VIDEOS").map(|var| var.kind), Some(VarKind::Flag));
/// assert_eq!(find_var("DATE_START").map(|var| var.kind), Some(VarKind::DateTime));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    /// A whole number (`ID`).
    Integer,
    /// Text (names, XML, notes).
    Text,
    /// A boolean (`HAS_VIDEOS`).
    Flag,
    /// `YYYY-MM-DD HH:MM:SS`, given to JS as a `Date`.
    DateTime,
}

/// One documented history var.
///
/// # Examples
///
/// ```
/// use takecontrol_session::history::query::VARS;
///
/// let computer = VARS.iter().find(|var| var.name == "COMPUTER_NAME").unwrap();
/// assert_eq!(computer.wire_key, "computer_name");
/// assert_eq!(computer.js_key, "computerName");
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Var {
    /// The API's name, e.g. `COMPUTER_NAME`; records use it in lower case.
    pub name: &'static str,
    /// The record key, e.g. `computer_name`.
    pub wire_key: &'static str,
    /// The field of the caller's record, e.g. `computerName`.
    pub js_key: &'static str,
    /// Its type.
    pub kind: VarKind,
}

const fn var(
    name: &'static str,
    wire_key: &'static str,
    js_key: &'static str,
    kind: VarKind,
) -> Var {
    Var {
        name,
        wire_key,
        js_key,
        kind,
    }
}

/// Every documented var, in the contract's order.
pub const VARS: [Var; 18] = [
    var("ID", "id", "id", VarKind::Integer),
    var(
        "COMPUTER_NAME",
        "computer_name",
        "computerName",
        VarKind::Text,
    ),
    var(
        "COMPUTER_DOMAIN",
        "computer_domain",
        "computerDomain",
        VarKind::Text,
    ),
    var("COMPUTER_OS", "computer_os", "computerOs", VarKind::Text),
    var(
        "TECH_USERNAME",
        "tech_username",
        "techUsername",
        VarKind::Text,
    ),
    var("TECH_NAME", "tech_name", "techName", VarKind::Text),
    var(
        "CUSTOMER_NAME",
        "customer_name",
        "customerName",
        VarKind::Text,
    ),
    var(
        "CUSTOMER_EMAIL",
        "customer_email",
        "customerEmail",
        VarKind::Text,
    ),
    var(
        "CUSTOMER_NUMBER",
        "customer_number",
        "customerNumber",
        VarKind::Text,
    ),
    var(
        "PROBLEM_DESCRIPTION",
        "problem_description",
        "problemDescription",
        VarKind::Text,
    ),
    var("NOTES", "notes", "notes", VarKind::Text),
    var("HAS_VIDEOS", "has_videos", "hasVideos", VarKind::Flag),
    var("DATE_START", "date_start", "dateStart", VarKind::DateTime),
    var("DATE_END", "date_end", "dateEnd", VarKind::DateTime),
    var("CHAT_INFO", "chat_info", "chatInfo", VarKind::Text),
    var("VIDEO_LINKS", "video_links", "videoLinks", VarKind::Text),
    var(
        "CUSTOM_FIELD_NAME",
        "custom_field_name",
        "customFieldName",
        VarKind::Text,
    ),
    var(
        "CUSTOM_FIELD_VALUE",
        "custom_field_value",
        "customFieldValue",
        VarKind::Text,
    ),
];

/// The vars asked for when the caller names none: who, which computer,
/// which technician, when, and whether there is a recording.
pub const DEFAULT_VARS: [&str; 10] = [
    "ID",
    "CUSTOMER_NAME",
    "CUSTOMER_EMAIL",
    "COMPUTER_NAME",
    "TECH_USERNAME",
    "TECH_NAME",
    "PROBLEM_DESCRIPTION",
    "DATE_START",
    "DATE_END",
    "HAS_VIDEOS",
];

/// The documented var called `name` (exact, upper case).
///
/// # Examples
///
/// ```
/// use takecontrol_session::history::query::find_var;
///
/// assert_eq!(find_var("CUSTOMER_NAME").map(|var| var.js_key), Some("customerName"));
/// assert!(find_var("customer_name").is_none());
/// ```
pub fn find_var(name: &str) -> Option<&'static Var> {
    VARS.iter().find(|v| v.name == name)
}

/// The filters as the caller gave them (`None` = not given).
///
/// # Examples
///
/// ```
/// use takecontrol_session::history::query::{build_query, HistoryFilters};
///
/// let filters = HistoryFilters { has_videos: Some(true), ..HistoryFilters::default() };
/// let query = build_query(Some(&["ID".into(), "DATE_START".into()]), &filters).unwrap();
/// assert_eq!(query.query, "?vars=ID,DATE_START&FILTER_HAS_VIDEOS=true");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryFilters {
    /// `id` -> `FILTER_ID`.
    pub id: Option<f64>,
    /// `dateStartFrom` -> `FILTER_DATE_START_INI`.
    pub date_start_from: Option<DateInput>,
    /// `dateStartTo` -> `FILTER_DATE_START_END`.
    pub date_start_to: Option<DateInput>,
    /// `customerName` -> `FILTER_CUSTOMER_NAME`.
    pub customer_name: Option<String>,
    /// `customerEmail` -> `FILTER_CUSTOMER_EMAIL`.
    pub customer_email: Option<String>,
    /// `computerName` -> `FILTER_COMPUTER_NAME`.
    pub computer_name: Option<String>,
    /// `techUsername` -> `FILTER_TECH_USERNAME`.
    pub tech_username: Option<String>,
    /// `startMethod` -> `FILTER_START_METHOD` (`ALL` or a method name).
    pub start_method: Option<String>,
    /// `processed` -> `FILTER_PROCESSED` (`ALL`, `ANSWERED`, ...).
    pub processed: Option<String>,
    /// `hasVideos` -> `FILTER_HAS_VIDEOS`.
    pub has_videos: Option<bool>,
}

/// A checked history query: the vars to ask for and the query string.
///
/// # Examples
///
/// ```
/// use takecontrol_session::history::query::{build_query, HistoryFilters};
///
/// // No vars named: the default set, each once.
/// let query = build_query(None, &HistoryFilters::default()).unwrap();
/// assert_eq!(query.vars.len(), 10);
/// assert!(query.query.starts_with("?vars=ID,CUSTOMER_NAME,"));
/// ```
#[derive(Debug, PartialEq)]
pub struct HistoryQuery {
    /// The vars asked for, in order, without repeats.
    pub vars: Vec<&'static Var>,
    /// `?vars=...&FILTER_...=...`, encoded.
    pub query: String,
}

/// Percent-encodes a query value: unreserved characters and `, : @` stay as
/// they are (as in the contract's example), a space is `%20`, everything
/// else (`+`, `&`, `=`, `%`, non-ASCII...) is `%XX` of its UTF-8 bytes.
///
/// # Examples
///
/// ```
/// use takecontrol_session::history::query::encode_query_value;
///
/// assert_eq!(encode_query_value("2026-09-01 00:00:00"), "2026-09-01%2000:00:00");
/// assert_eq!(encode_query_value("a+b&c=d"), "a%2Bb%26c%3Dd");
/// assert_eq!(encode_query_value("Zoë"), "Zo%C3%AB");
/// ```
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_query_value(&mut out, value);
    out
}

/// Appends `value` percent-encoded as `encode_query_value` does.
fn push_query_value(out: &mut String, value: &str) {
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~,:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            push_hex_byte(out, byte, b'A');
        }
    }
}

/// Appends `&name=value` (the value percent-encoded) to a query string.
fn push_param(query: &mut String, name: &str, value: &str) {
    query.push('&');
    query.push_str(name);
    query.push('=');
    push_query_value(query, value);
}

fn filter_error(filter: &str, reason: Reason, predicate: &'static str) -> FieldError {
    let mut field = String::from("filters.");
    field.push_str(filter);
    FieldError::new(field, reason, predicate)
}

/// A date filter's value as the API writes it, and in milliseconds.
fn checked_date(filter: &str, input: &DateInput) -> Result<(String, f64), FieldError> {
    match input {
        DateInput::Millis(ms) => dates::format(*ms)
            .map(|text| (text, floor(ms / 1000.0) * 1000.0))
            .ok_or_else(|| filter_error(filter, Reason::InvalidFormat, "is an invalid Date")),
        DateInput::Text(text) => dates::parse(text)
            .map(|ms| (text.clone(), ms))
            .ok_or_else(|| {
                filter_error(
                    filter,
                    Reason::InvalidFormat,
                    "must be a Date or \"YYYY-MM-DD HH:MM:SS\"",
                )
            }),
    }
}

/// Checks vars and filters and builds the query string, or lists every problem.
///
/// # Examples
///
/// ```
/// use takecontrol_session::history::query::{build_query, HistoryFilters};
///
/// let filters = HistoryFilters { customer_name: Some("O'Connor".into()), ..HistoryFilters::default() };
/// let query = build_query(Some(&["ID".into(), "ID".into()]), &filters).unwrap();
/// assert_eq!(query.query, "?vars=ID&FILTER_CUSTOMER_NAME=O%27Connor");
///
/// let errors = build_query(Some(&["FOO".into()]), &HistoryFilters::default()).unwrap_err();
/// assert_eq!(errors[0].field, "vars");
/// ```
pub fn build_query(
    vars: Option<&[String]>,
    filters: &HistoryFilters,
) -> Result<HistoryQuery, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut chosen: Vec<&'static Var> = Vec::new();
    if vars.is_some_and(<[String]>::is_empty) {
        errors.push(FieldError::new(
            "vars",
            Reason::Required,
            "must name at least one var, e.g. [\"ID\", \"DATE_START\"]",
        ));
    }
    // The names given, or the default set when none were, iterated rather
    // than collected (a Vec of names brings its own growth code into the .wasm).
    let defaults: &[&str] = if vars.is_none() { &DEFAULT_VARS } else { &[] };
    let given = vars.unwrap_or_default().iter().map(String::as_str);
    let names = given.chain(defaults.iter().copied());
    for name in names {
        match find_var(name) {
            Some(var) if !chosen.contains(&var) => chosen.push(var),
            Some(_) => {}
            None => {
                let mut message = String::from("names an unknown var \"");
                message.extend(name.chars().take(64));
                message.push_str("\" (documented: ID, COMPUTER_NAME, CUSTOMER_NAME, DATE_START, HAS_VIDEOS, ...)");
                errors.push(FieldError::new("vars", Reason::InvalidFormat, message));
            }
        }
    }

    // The query is written as the checks go; it is returned only without errors.
    let mut query = String::from("?vars=");
    for (i, var) in chosen.iter().enumerate() {
        if i > 0 {
            query.push(',');
        }
        query.push_str(var.name);
    }
    if let Some(id) = filters.id {
        if is_positive_safe_integer(id) {
            push_param(&mut query, "FILTER_ID", &decimal(id as u64));
        } else {
            let error = filter_error("id", Reason::OutOfRange, "must be a positive whole number");
            errors.push(if id < 1.0 {
                error.with_limit(1.0)
            } else if id > MAX_SAFE_INTEGER {
                error.with_limit(MAX_SAFE_INTEGER)
            } else {
                error
            });
        }
    }
    let from = filters
        .date_start_from
        .as_ref()
        .map(|d| checked_date("dateStartFrom", d));
    let to = filters
        .date_start_to
        .as_ref()
        .map(|d| checked_date("dateStartTo", d));
    if let (Some(Ok((_, from_ms))), Some(Ok((_, to_ms)))) = (&from, &to) {
        if from_ms > to_ms {
            errors.push(filter_error(
                "dateStartFrom",
                Reason::OutOfRange,
                "must not be after filters.dateStartTo",
            ));
        }
    }
    for (name, date) in [
        ("FILTER_DATE_START_INI", from),
        ("FILTER_DATE_START_END", to),
    ] {
        match date {
            Some(Ok((text, _))) => push_param(&mut query, name, &text),
            Some(Err(error)) => errors.push(error),
            None => {}
        }
    }
    for (filter, name, value) in [
        (
            "customerName",
            "FILTER_CUSTOMER_NAME",
            &filters.customer_name,
        ),
        (
            "customerEmail",
            "FILTER_CUSTOMER_EMAIL",
            &filters.customer_email,
        ),
        (
            "computerName",
            "FILTER_COMPUTER_NAME",
            &filters.computer_name,
        ),
        (
            "techUsername",
            "FILTER_TECH_USERNAME",
            &filters.tech_username,
        ),
        ("startMethod", "FILTER_START_METHOD", &filters.start_method),
        ("processed", "FILTER_PROCESSED", &filters.processed),
    ] {
        match value.as_deref() {
            Some(text) if text.trim().is_empty() => {
                errors.push(filter_error(filter, Reason::Required, "must not be empty"))
            }
            Some(text) => push_param(&mut query, name, text),
            None => {}
        }
    }
    if let Some(flag) = filters.has_videos {
        push_param(
            &mut query,
            "FILTER_HAS_VIDEOS",
            if flag { "true" } else { "false" },
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(HistoryQuery {
        vars: chosen,
        query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_filter_is_a_dates_milliseconds_or_the_apis_text() {
        // 2026-09-01 00:00:00 UTC, once as a JS Date's milliseconds and once as text.
        for date in [
            DateInput::Millis(1_788_220_800_000.0),
            DateInput::Text("2026-09-01 00:00:00".into()),
        ] {
            let filters = HistoryFilters {
                date_start_from: Some(date),
                ..HistoryFilters::default()
            };
            let query = build_query(Some(&["ID".into()]), &filters).unwrap();
            assert_eq!(
                query.query,
                "?vars=ID&FILTER_DATE_START_INI=2026-09-01%2000:00:00"
            );
        }
    }

    fn fields(result: Result<HistoryQuery, Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn the_contracts_example_query() {
        let filters = HistoryFilters {
            date_start_from: Some(DateInput::Text("2024-01-01 00:00:00".into())),
            has_videos: Some(true),
            ..HistoryFilters::default()
        };
        let vars = ["COMPUTER_NAME".to_owned(), "DATE_START".to_owned()];
        let built = build_query(Some(&vars), &filters).map(|q| q.query);
        assert_eq!(
            built.as_deref(),
            Ok("?vars=COMPUTER_NAME,DATE_START&FILTER_DATE_START_INI=2024-01-01%2000:00:00&FILTER_HAS_VIDEOS=true")
        );
    }

    #[test]
    fn every_filter_has_its_wire_name() {
        let filters = HistoryFilters {
            id: Some(42.0),
            date_start_from: Some(DateInput::Millis(1_704_067_200_000.0)),
            date_start_to: Some(DateInput::Text("2024-01-31 23:59:59".into())),
            customer_name: Some("John Doe".into()),
            customer_email: Some("a+b@example.com".into()),
            computer_name: Some("VM2".into()),
            tech_username: Some("tech@example.com".into()),
            start_method: Some("ALL".into()),
            processed: Some("ANSWERED".into()),
            has_videos: Some(false),
        };
        let query = build_query(Some(&["ID".to_owned()]), &filters).map(|q| q.query);
        assert_eq!(
            query.as_deref(),
            Ok("?vars=ID&FILTER_ID=42&FILTER_DATE_START_INI=2024-01-01%2000:00:00&FILTER_DATE_START_END=2024-01-31%2023:59:59\
&FILTER_CUSTOMER_NAME=John%20Doe&FILTER_CUSTOMER_EMAIL=a%2Bb@example.com&FILTER_COMPUTER_NAME=VM2\
&FILTER_TECH_USERNAME=tech@example.com&FILTER_START_METHOD=ALL&FILTER_PROCESSED=ANSWERED&FILTER_HAS_VIDEOS=false")
        );
    }

    #[test]
    fn default_vars_and_repeats() {
        let default = build_query(None, &HistoryFilters::default()).map(|q| q.vars.len());
        assert_eq!(default, Ok(DEFAULT_VARS.len()));
        let vars = ["ID".to_owned(), "ID".to_owned(), "NOTES".to_owned()];
        let query = build_query(Some(&vars), &HistoryFilters::default()).map(|q| q.query);
        assert_eq!(query.as_deref(), Ok("?vars=ID,NOTES"));
    }

    #[test]
    fn problems_name_their_field() {
        assert_eq!(
            fields(build_query(
                Some(&["id".to_owned()]),
                &HistoryFilters::default()
            )),
            ["vars"]
        );
        assert_eq!(
            fields(build_query(Some(&[]), &HistoryFilters::default())),
            ["vars"]
        );
        let bad = HistoryFilters {
            id: Some(0.0),
            date_start_from: Some(DateInput::Text("2024-02-30 00:00:00".into())),
            date_start_to: Some(DateInput::Millis(f64::NAN)),
            customer_name: Some(" ".into()),
            ..HistoryFilters::default()
        };
        assert_eq!(
            fields(build_query(None, &bad)),
            [
                "filters.id",
                "filters.dateStartFrom",
                "filters.dateStartTo",
                "filters.customerName"
            ]
        );
        let reversed = HistoryFilters {
            date_start_from: Some(DateInput::Text("2024-02-01 00:00:00".into())),
            date_start_to: Some(DateInput::Text("2024-01-01 00:00:00".into())),
            ..HistoryFilters::default()
        };
        assert_eq!(
            fields(build_query(None, &reversed)),
            ["filters.dateStartFrom"]
        );
        let same = HistoryFilters {
            date_start_from: Some(DateInput::Text("2024-01-01 00:00:00".into())),
            date_start_to: Some(DateInput::Text("2024-01-01 00:00:00".into())),
            ..HistoryFilters::default()
        };
        assert!(build_query(None, &same).is_ok());
    }

    #[test]
    fn encoding_keeps_the_contracts_characters_and_escapes_the_rest() {
        assert_eq!(encode_query_value("a b+c&d=e%f"), "a%20b%2Bc%26d%3De%25f");
        assert_eq!(encode_query_value("José"), "Jos%C3%A9");
        assert_eq!(
            encode_query_value("2024-01-01 00:00:00"),
            "2024-01-01%2000:00:00"
        );
    }
}
