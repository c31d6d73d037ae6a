//! The history query: which vars and filters a caller asked for, read from the
//! query string (`vars=A,B&FILTER_X=...`) and/or a JSON body
//! (`{"vars":[..],"filters":{..}}`), and whether a record passes the filters.
//!
//! Text filters (customer name and email, computer name, tech username) match
//! a case-insensitive substring. Dates bound `DATE_START` inclusively.
//! `FILTER_START_METHOD` and `FILTER_PROCESSED` take `ALL` or a value matched
//! exactly, ignoring case.

use serde_json::Value;

use crate::dates;
use crate::record::{var_named, Record, VARS};

/// The filter names the history call knows.
pub const FILTERS: [&str; 10] = [
    "FILTER_ID",
    "FILTER_DATE_START_INI",
    "FILTER_DATE_START_END",
    "FILTER_CUSTOMER_NAME",
    "FILTER_CUSTOMER_EMAIL",
    "FILTER_COMPUTER_NAME",
    "FILTER_TECH_USERNAME",
    "FILTER_START_METHOD",
    "FILTER_PROCESSED",
    "FILTER_HAS_VIDEOS",
];

/// A parsed history query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryQuery {
    /// The vars to return, in the order asked, without repeats.
    pub vars: Vec<&'static str>,
    /// The filters, all of which a record must pass.
    pub filters: Filters,
}

/// The filters a record must pass; `None` means no constraint. Text values
/// are kept lower-cased.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// `FILTER_ID`.
    pub id: Option<u64>,
    /// `FILTER_DATE_START_INI`: start at or after.
    pub date_start_ini: Option<String>,
    /// `FILTER_DATE_START_END`: start at or before.
    pub date_start_end: Option<String>,
    /// `FILTER_CUSTOMER_NAME`.
    pub customer_name: Option<String>,
    /// `FILTER_CUSTOMER_EMAIL`.
    pub customer_email: Option<String>,
    /// `FILTER_COMPUTER_NAME`.
    pub computer_name: Option<String>,
    /// `FILTER_TECH_USERNAME`.
    pub tech_username: Option<String>,
    /// `FILTER_START_METHOD` (`None` for `ALL`).
    pub start_method: Option<String>,
    /// `FILTER_PROCESSED` (`None` for `ALL`).
    pub processed: Option<String>,
    /// `FILTER_HAS_VIDEOS`.
    pub has_videos: Option<bool>,
}

impl Filters {
    /// Whether `r` passes every filter.
    pub fn matches(&self, r: &Record) -> bool {
        let contains = |want: &Option<String>, have: &str| {
            want.as_ref()
                .is_none_or(|w| have.to_lowercase().contains(w.as_str()))
        };
        let equals = |want: &Option<String>, have: &str| {
            want.as_ref().is_none_or(|w| have.to_lowercase() == *w)
        };
        self.id.is_none_or(|id| r.id == id)
            && self
                .date_start_ini
                .as_ref()
                .is_none_or(|d| r.date_start.as_str() >= d.as_str())
            && self
                .date_start_end
                .as_ref()
                .is_none_or(|d| r.date_start.as_str() <= d.as_str())
            && contains(&self.customer_name, &r.customer_name)
            && contains(&self.customer_email, &r.customer_email)
            && contains(&self.computer_name, &r.computer_name)
            && contains(&self.tech_username, &r.tech_username)
            && equals(&self.start_method, &r.start_method)
            && equals(&self.processed, &r.processed)
            && self.has_videos.is_none_or(|v| r.has_videos == v)
    }

    /// Sets one filter from its text value; the error names the filter.
    fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let text = || Some(value.to_lowercase());
        let all_or = || {
            if value.eq_ignore_ascii_case("ALL") {
                None
            } else {
                text()
            }
        };
        match name {
            "FILTER_ID" => {
                self.id = Some(
                    value
                        .trim()
                        .parse()
                        .map_err(|_| format!("{name}: must be a non-negative integer"))?,
                );
            }
            "FILTER_DATE_START_INI" | "FILTER_DATE_START_END" => {
                if !dates::is_valid(value) {
                    return Err(format!("{name}: must be YYYY-MM-DD HH:MM:SS"));
                }
                let slot = if name == "FILTER_DATE_START_INI" {
                    &mut self.date_start_ini
                } else {
                    &mut self.date_start_end
                };
                *slot = Some(value.to_owned());
            }
            "FILTER_CUSTOMER_NAME" => self.customer_name = text(),
            "FILTER_CUSTOMER_EMAIL" => self.customer_email = text(),
            "FILTER_COMPUTER_NAME" => self.computer_name = text(),
            "FILTER_TECH_USERNAME" => self.tech_username = text(),
            "FILTER_START_METHOD" => self.start_method = all_or(),
            "FILTER_PROCESSED" => self.processed = all_or(),
            "FILTER_HAS_VIDEOS" => {
                self.has_videos = Some(match value.to_ascii_lowercase().as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(format!("{name}: must be true or false")),
                });
            }
            _ => return Err(format!("unknown filter: {name}")),
        }
        Ok(())
    }
}

/// Collects vars and filters from both sources before checking them.
#[derive(Default)]
struct Collected {
    vars: Option<Vec<String>>,
    filters: Vec<(String, String)>,
}

impl Collected {
    fn add_vars(&mut self, names: impl IntoIterator<Item = String>) {
        self.vars.get_or_insert_with(Vec::new).extend(names);
    }

    fn add_filter(&mut self, name: &str, value: String) -> Result<(), String> {
        if self.filters.iter().any(|(n, _)| n == name) {
            return Err(format!("{name}: given more than once"));
        }
        self.filters.push((name.to_owned(), value));
        Ok(())
    }
}

fn split_vars(list: &str) -> impl Iterator<Item = String> + '_ {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Reads the query string: `vars` (comma-separated, may repeat) and each
/// filter as its own parameter. Other parameters are refused (empty names
/// such as a stray `&=` are skipped).
fn from_query(query: &str, into: &mut Collected) -> Result<(), String> {
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if name.is_empty() {
            continue;
        } else if name == "vars" {
            into.add_vars(split_vars(&value).collect::<Vec<_>>());
        } else if FILTERS.contains(&name.as_ref()) {
            into.add_filter(&name, value.into_owned())?;
        } else if name.starts_with("FILTER_") {
            return Err(format!("unknown filter: {name}"));
        } else {
            return Err(format!("unknown parameter: {name}"));
        }
    }
    Ok(())
}

/// Reads a JSON body `{"vars": [..] or "A,B", "filters": {..}}`; other keys are ignored.
fn from_body(body: &[u8], into: &mut Collected) -> Result<(), String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("body: malformed JSON ({e})"))?;
    let Value::Object(obj) = value else {
        return Err("body: expected a JSON object".to_owned());
    };
    match obj.get("vars") {
        None | Some(Value::Null) => {}
        Some(Value::String(list)) => into.add_vars(split_vars(list).collect::<Vec<_>>()),
        Some(Value::Array(items)) => {
            let mut names = Vec::new();
            for item in items {
                match item {
                    Value::String(s) => names.push(s.trim().to_owned()),
                    _ => return Err("vars: must be a list of strings".to_owned()),
                }
            }
            into.add_vars(names);
        }
        Some(_) => return Err("vars: must be a list of strings".to_owned()),
    }
    match obj.get("filters") {
        None | Some(Value::Null) => {}
        Some(Value::Object(filters)) => {
            for (name, value) in filters {
                if !FILTERS.contains(&name.as_str()) {
                    return Err(format!("unknown filter: {name}"));
                }
                let text = match value {
                    Value::String(s) => s.clone(),
                    Value::Bool(b) => b.to_string(),
                    Value::Number(n) => n.to_string(),
                    _ => return Err(format!("{name}: must be a string, number or boolean")),
                };
                into.add_filter(name, text)?;
            }
        }
        Some(_) => return Err("filters: must be an object".to_owned()),
    }
    Ok(())
}

/// Parses a history request from its query string and body. Vars default to
/// all documented vars when none are named.
pub fn parse(query: Option<&str>, body: &[u8]) -> Result<HistoryQuery, String> {
    let mut collected = Collected::default();
    from_query(query.unwrap_or(""), &mut collected)?;
    from_body(body, &mut collected)?;
    let mut vars: Vec<&'static str> = Vec::new();
    for name in collected.vars.unwrap_or_default() {
        let var = var_named(&name).ok_or_else(|| format!("vars: unknown var {name}"))?;
        if !vars.contains(&var) {
            vars.push(var);
        }
    }
    if vars.is_empty() {
        vars = VARS.to_vec();
    }
    let mut filters = Filters::default();
    for (name, value) in &collected.filters {
        filters.set(name, value)?;
    }
    Ok(HistoryQuery { vars, filters })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_query_and_body() {
        let q = parse(
            Some("vars=ID,DATE_START&FILTER_DATE_START_INI=2026-01-01+00:00:00&FILTER_HAS_VIDEOS=true"),
            b"",
        )
        .unwrap();
        assert_eq!(q.vars, vec!["ID", "DATE_START"]);
        assert_eq!(
            q.filters.date_start_ini.as_deref(),
            Some("2026-01-01 00:00:00")
        );
        assert_eq!(q.filters.has_videos, Some(true));

        let b = parse(
            None,
            br#"{"vars":["COMPUTER_NAME"],"filters":{"FILTER_ID":3,"FILTER_START_METHOD":"ALL","FILTER_PROCESSED":"answered"}}"#,
        )
        .unwrap();
        assert_eq!(b.vars, vec!["COMPUTER_NAME"]);
        assert_eq!(b.filters.id, Some(3));
        assert_eq!(b.filters.start_method, None);
        assert_eq!(b.filters.processed.as_deref(), Some("answered"));
        assert_eq!(parse(None, b"").unwrap().vars.len(), VARS.len());
    }

    #[test]
    fn refuses_unknown_and_malformed() {
        assert_eq!(
            parse(Some("vars=NOPE"), b"").unwrap_err(),
            "vars: unknown var NOPE"
        );
        assert_eq!(
            parse(Some("FILTER_NOPE=1"), b"").unwrap_err(),
            "unknown filter: FILTER_NOPE"
        );
        assert_eq!(parse(Some("x=1"), b"").unwrap_err(), "unknown parameter: x");
        assert_eq!(
            parse(Some("&=&vars="), b"").map(|q| q.vars.len()),
            Ok(VARS.len())
        );
        assert!(parse(Some("FILTER_DATE_START_END=2026-01-01"), b"")
            .unwrap_err()
            .starts_with("FILTER_DATE_START_END:"));
        assert!(parse(Some("FILTER_ID=x"), b"")
            .unwrap_err()
            .starts_with("FILTER_ID:"));
        assert!(parse(Some("FILTER_ID=1"), br#"{"filters":{"FILTER_ID":1}}"#).is_err());
        assert!(parse(None, b"{").unwrap_err().starts_with("body:"));
        assert!(parse(None, br#"{"filters":{"FILTER_HAS_VIDEOS":"maybe"}}"#).is_err());
    }

    #[test]
    fn matches_records() {
        let r = Record {
            id: 5,
            customer_name: "Zoë O'Brien".into(),
            date_start: "2026-06-01 10:00:00".into(),
            start_method: "PIN".into(),
            processed: "ANSWERED".into(),
            ..Record::default()
        };
        let f = |q: &str| parse(Some(q), b"").unwrap().filters.matches(&r);
        assert!(f("FILTER_CUSTOMER_NAME=zo%C3%AB"));
        assert!(!f("FILTER_CUSTOMER_NAME=bob"));
        assert!(f(
            "FILTER_DATE_START_INI=2026-06-01+10:00:00&FILTER_DATE_START_END=2026-06-01+10:00:00"
        ));
        assert!(!f("FILTER_DATE_START_INI=2026-06-01+10:00:01"));
        assert!(f(
            "FILTER_START_METHOD=pin&FILTER_PROCESSED=ALL&FILTER_HAS_VIDEOS=false&FILTER_ID=5"
        ));
        assert!(!f("FILTER_START_METHOD=API"));
    }
}
