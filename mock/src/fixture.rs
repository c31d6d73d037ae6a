//! Loading the history records to preload from a JSON fixture file.

use std::collections::HashSet;
use std::path::Path;

use crate::dates;
use crate::record::Record;

/// Reads and checks a fixture file (a JSON array of records).
pub fn load(path: &Path) -> Result<Vec<Record>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read fixture {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("fixture {}: {e}", path.display()))
}

/// Parses and checks fixture text: ids unique, dates as `YYYY-MM-DD HH:MM:SS`.
pub fn parse(text: &str) -> Result<Vec<Record>, String> {
    let records: Vec<Record> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut ids = HashSet::new();
    for r in &records {
        if !ids.insert(r.id) {
            return Err(format!("ID {} appears more than once", r.id));
        }
        if !dates::is_valid(&r.date_start) {
            return Err(format!(
                "ID {}: DATE_START is not YYYY-MM-DD HH:MM:SS",
                r.id
            ));
        }
        if let Some(end) = &r.date_end {
            if !dates::is_valid(end) {
                return Err(format!("ID {}: DATE_END is not YYYY-MM-DD HH:MM:SS", r.id));
            }
        }
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_fixture_loads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/history.json");
        let records = load(&path).unwrap();
        assert!(records.len() >= 30);
        assert!(records.iter().any(|r| r.has_videos));
    }

    #[test]
    fn refuses_bad_fixtures() {
        assert!(parse("{}").is_err());
        assert!(parse(r#"[{"ID":1,"DATE_START":"2026-01-01 00:00:00"},{"ID":1,"DATE_START":"2026-01-01 00:00:00"}]"#).is_err());
        assert!(parse(r#"[{"ID":1,"DATE_START":"yesterday"}]"#).is_err());
        assert!(parse(r#"[{"ID":1,"DATE_START":"2026-01-01 00:00:00","DATE_END":"x"}]"#).is_err());
    }
}
