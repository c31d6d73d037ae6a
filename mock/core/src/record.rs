//! One session history record, the documented vars, and the projection of a
//! record onto the vars a caller asked for.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The vars a history caller may ask for, in the contract's order. They are
/// also the default when a caller names none.
pub const VARS: [&str; 18] = [
    "ID",
    "COMPUTER_NAME",
    "COMPUTER_DOMAIN",
    "COMPUTER_OS",
    "TECH_USERNAME",
    "TECH_NAME",
    "CUSTOMER_NAME",
    "CUSTOMER_EMAIL",
    "CUSTOMER_NUMBER",
    "PROBLEM_DESCRIPTION",
    "NOTES",
    "HAS_VIDEOS",
    "DATE_START",
    "DATE_END",
    "CHAT_INFO",
    "VIDEO_LINKS",
    "CUSTOM_FIELD_NAME",
    "CUSTOM_FIELD_VALUE",
];

/// The documented var spelled `name` (exact, upper case), if there is one.
pub fn var_named(name: &str) -> Option<&'static str> {
    VARS.iter().copied().find(|v| *v == name)
}

/// One support session as history reports it.
///
/// Read from a fixture with upper-case keys (`"ID"`, `"CUSTOMER_NAME"`, ...);
/// lower-case keys are accepted too. Written with lower-case keys.
/// `start_method` and `processed` are not vars: they only serve the filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Session id.
    #[serde(alias = "ID")]
    pub id: u64,
    /// Customer's computer name.
    #[serde(alias = "COMPUTER_NAME", default)]
    pub computer_name: String,
    /// Customer's computer domain.
    #[serde(alias = "COMPUTER_DOMAIN", default)]
    pub computer_domain: String,
    /// Customer's operating system.
    #[serde(alias = "COMPUTER_OS", default)]
    pub computer_os: String,
    /// Technician's username (an email address).
    #[serde(alias = "TECH_USERNAME", default)]
    pub tech_username: String,
    /// Technician's display name.
    #[serde(alias = "TECH_NAME", default)]
    pub tech_name: String,
    /// Customer's name.
    #[serde(alias = "CUSTOMER_NAME", default)]
    pub customer_name: String,
    /// Customer's email address.
    #[serde(alias = "CUSTOMER_EMAIL", default)]
    pub customer_email: String,
    /// Customer's reference.
    #[serde(alias = "CUSTOMER_NUMBER", default)]
    pub customer_number: String,
    /// The customer's description of the problem.
    #[serde(alias = "PROBLEM_DESCRIPTION", default)]
    pub problem_description: String,
    /// The technician's notes.
    #[serde(alias = "NOTES", default)]
    pub notes: String,
    /// Whether the session was recorded.
    #[serde(alias = "HAS_VIDEOS", default)]
    pub has_videos: bool,
    /// Start, `YYYY-MM-DD HH:MM:SS`.
    #[serde(alias = "DATE_START", default)]
    pub date_start: String,
    /// End, `YYYY-MM-DD HH:MM:SS`; `null` while the session has not ended.
    #[serde(alias = "DATE_END", default)]
    pub date_end: Option<String>,
    /// Chat transcript (XML text).
    #[serde(alias = "CHAT_INFO", default)]
    pub chat_info: String,
    /// Video URLs (XML text).
    #[serde(alias = "VIDEO_LINKS", default)]
    pub video_links: String,
    /// Name of the custom field.
    #[serde(alias = "CUSTOM_FIELD_NAME", default)]
    pub custom_field_name: String,
    /// Value of the custom field.
    #[serde(alias = "CUSTOM_FIELD_VALUE", default)]
    pub custom_field_value: String,
    /// How the session was started (`API`, `PIN`, `CHANNEL`, `APPLET`, `LINK`).
    #[serde(alias = "START_METHOD", default)]
    pub start_method: String,
    /// Processing state (`ANSWERED`, `NOT_ANSWERED`, `WAITING`).
    #[serde(alias = "PROCESSED", default)]
    pub processed: String,
}

impl Record {
    /// The value of one var: `ID` a number, `HAS_VIDEOS` a boolean,
    /// `DATE_END` a string or `null`, the rest strings.
    pub fn value_of(&self, var: &str) -> Value {
        let text = |s: &String| Value::String(s.clone());
        match var {
            "ID" => Value::from(self.id),
            "COMPUTER_NAME" => text(&self.computer_name),
            "COMPUTER_DOMAIN" => text(&self.computer_domain),
            "COMPUTER_OS" => text(&self.computer_os),
            "TECH_USERNAME" => text(&self.tech_username),
            "TECH_NAME" => text(&self.tech_name),
            "CUSTOMER_NAME" => text(&self.customer_name),
            "CUSTOMER_EMAIL" => text(&self.customer_email),
            "CUSTOMER_NUMBER" => text(&self.customer_number),
            "PROBLEM_DESCRIPTION" => text(&self.problem_description),
            "NOTES" => text(&self.notes),
            "HAS_VIDEOS" => Value::Bool(self.has_videos),
            "DATE_START" => text(&self.date_start),
            "DATE_END" => self.date_end.clone().map_or(Value::Null, Value::String),
            "CHAT_INFO" => text(&self.chat_info),
            "VIDEO_LINKS" => text(&self.video_links),
            "CUSTOM_FIELD_NAME" => text(&self.custom_field_name),
            "CUSTOM_FIELD_VALUE" => text(&self.custom_field_value),
            _ => Value::Null,
        }
    }

    /// The record as a JSON object holding only `vars`, under lower-case keys.
    pub fn project(&self, vars: &[&str]) -> Value {
        let mut map = Map::new();
        for var in vars {
            map.insert(var.to_ascii_lowercase(), self.value_of(var));
        }
        Value::Object(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_upper_case_and_projects_lower_case() {
        let r: Record = serde_json::from_str(
            r#"{"ID":7,"CUSTOMER_NAME":"Zoë","HAS_VIDEOS":true,"DATE_START":"2026-01-02 10:00:00"}"#,
        )
        .unwrap();
        assert_eq!(r.id, 7);
        let v = r.project(&["ID", "CUSTOMER_NAME", "HAS_VIDEOS", "DATE_END"]);
        assert_eq!(
            v,
            serde_json::json!({"id":7,"customer_name":"Zoë","has_videos":true,"date_end":null})
        );
        assert!(serde_json::from_str::<Record>(r#"{"ID":1,"NOPE":1}"#).is_err());
        for var in VARS {
            assert_eq!(var_named(var), Some(var));
        }
        assert_eq!(var_named("id"), None);
    }
}
