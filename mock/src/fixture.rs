//! Loading the history records to preload from a JSON fixture file; the
//! checks and the date shift are the core's.

use std::path::Path;

pub use takecontrol_mock_core::fixture::{parse, shift_to_recent};

use crate::record::Record;

/// Reads and checks a fixture file (a JSON array of records).
pub fn load(path: &Path) -> Result<Vec<Record>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read fixture {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("fixture {}: {e}", path.display()))
}
