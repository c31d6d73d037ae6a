//! The history records to preload: checking a fixture's text (the shell
//! reads the file) and moving its dates to look recent.

use std::collections::HashSet;

use crate::dates;
use crate::record::Record;

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

/// Moves every record by the same whole number of days so that the newest
/// `DATE_START` falls on the day before `now_secs` (UTC): a fixture written
/// once then always looks recent ("last week" has sessions in it).
pub fn shift_to_recent(records: &mut [Record], now_secs: u64) {
    let Some(newest) = records
        .iter()
        .filter_map(|r| dates::parse_unix(&r.date_start))
        .max()
    else {
        return;
    };
    let yesterday = (now_secs / 86_400).saturating_sub(1);
    let offset_days = yesterday as i64 - (newest / 86_400) as i64;
    let shift = |text: &str| {
        dates::parse_unix(text)
            .and_then(|secs| secs.checked_add_signed(offset_days * 86_400))
            .map(dates::format_unix)
    };
    for record in records.iter_mut() {
        if let Some(start) = shift(&record.date_start) {
            record.date_start = start;
        }
        if let Some(end) = record.date_end.as_deref().and_then(shift) {
            record.date_end = Some(end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifting_keeps_gaps_and_ends_yesterday() {
        let mut records = parse(
            r#"[{"ID":1,"DATE_START":"2026-01-01 10:00:00","DATE_END":"2026-01-01 11:00:00"},
                {"ID":2,"DATE_START":"2026-01-10 09:30:00"}]"#,
        )
        .unwrap();
        let now = dates::parse_unix("2026-12-25 08:00:00").unwrap();
        shift_to_recent(&mut records, now);
        assert_eq!(records[1].date_start, "2026-12-24 09:30:00");
        assert_eq!(records[0].date_start, "2026-12-15 10:00:00");
        assert_eq!(records[0].date_end.as_deref(), Some("2026-12-15 11:00:00"));
    }

    #[test]
    fn the_shipped_fixture_parses() {
        let records = parse(include_str!("../../fixtures/history.json")).unwrap();
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
