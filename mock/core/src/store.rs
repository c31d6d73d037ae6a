//! The history records (fixture plus the sessions created since start or the
//! last reset) and the waiting queue.
//!
//! The created sessions are bounded: the newest [`MAX_SESSIONS`] within
//! [`SESSIONS_BUDGET`] bytes are kept, older ones leave the history and
//! `/__admin/sessions` (the queue still counts them, and ids go on).

use serde::Serialize;

use crate::bounded::{Bounded, Usage};
use crate::record::Record;
use crate::validate::CreateSession;

/// Most created sessions kept.
pub const MAX_SESSIONS: usize = 10_000;

/// Most bytes of created sessions kept (as their JSON takes).
pub const SESSIONS_BUDGET: usize = 8 * 1024 * 1024;

/// Technicians a session goes to when the caller names none, in turn.
const DEFAULT_TECHS: [(&str, &str); 3] = [
    ("alice.martin@example.com", "Alice Martin"),
    ("bruno.costa@example.com", "Bruno Costa"),
    ("chen.wei@example.com", "Chen Wei"),
];

/// A session created through `POST /rest/session`.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    /// The history record this session shows up as (lower-case keys).
    #[serde(flatten)]
    pub record: Record,
    /// Its 1-based place in the waiting queue when it was created.
    pub queue_position: usize,
    /// The estimated wait in minutes it was given.
    pub waiting_time: u64,
    /// The validated request fields as received.
    pub request: CreateSession,
}

/// What a create answers with.
#[derive(Debug, Clone)]
pub struct Created {
    /// The new session.
    pub session: Session,
    /// Sessions waiting in the queue now, this one included.
    pub nrequests: usize,
}

/// The sessions: the fixture's and the created ones.
#[derive(Debug)]
pub struct Store {
    fixture: Vec<Record>,
    created: Bounded<Session>,
    /// Sessions queued since start or reset, the ones dropped included.
    queued: usize,
    next_id: u64,
}

/// About how many bytes a kept item takes: its JSON and a fixed share.
pub(crate) fn weight(item: &impl Serialize) -> usize {
    256 + serde_json::to_vec(item).map_or(0, |json| json.len())
}

fn first_id(fixture: &[Record]) -> u64 {
    fixture
        .iter()
        .map(|r| r.id)
        .max()
        .map_or(1, |m| m.saturating_add(1))
}

/// A computer name derived from the customer's name: its ASCII letters and
/// digits (at most 8, upper case, `PC` when none), a dash and the session id.
fn computer_name(customer_name: Option<&str>, id: u64) -> String {
    let stem: String = customer_name
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect::<String>()
        .to_ascii_uppercase();
    let stem = if stem.is_empty() {
        "PC".to_owned()
    } else {
        stem
    };
    format!("{stem}-{id}")
}

/// A display name for a technician username: the local part, words capitalised.
fn tech_name(username: &str) -> String {
    if let Some((_, name)) = DEFAULT_TECHS.iter().find(|(u, _)| *u == username) {
        return (*name).to_owned();
    }
    let local = username.split('@').next().unwrap_or(username);
    local
        .split(['.', '_', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store {
    /// A store preloaded with fixture records.
    pub fn new(fixture: Vec<Record>) -> Self {
        let next_id = first_id(&fixture);
        Self {
            fixture,
            created: Bounded::new(MAX_SESSIONS, SESSIONS_BUDGET),
            queued: 0,
            next_id,
        }
    }

    /// Creates a session started at `now` and puts it at the end of the queue.
    pub fn create(&mut self, request: CreateSession, now: String) -> Created {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        let (tech_username, tech_name) = match &request.technician_username {
            Some(u) => (u.clone(), tech_name(u)),
            None => {
                let i = usize::try_from(id % 3).unwrap_or(0);
                let (u, n) = DEFAULT_TECHS
                    .get(i)
                    .copied()
                    .unwrap_or(("tech@example.com", "Tech"));
                (u.to_owned(), n.to_owned())
            }
        };
        let queue_position = self.queued.saturating_add(1);
        let waiting_time = u64::try_from(queue_position)
            .unwrap_or(u64::MAX / 2)
            .saturating_mul(2)
            .max(1);
        let record = Record {
            id,
            computer_name: computer_name(request.customer_name.as_deref(), id),
            computer_domain: "WORKGROUP".to_owned(),
            computer_os: String::new(),
            tech_username,
            tech_name,
            customer_name: request.customer_name.clone().unwrap_or_default(),
            customer_email: request.customer_email.clone().unwrap_or_default(),
            customer_number: request.customer_number.clone().unwrap_or_default(),
            problem_description: request.problem_description.clone().unwrap_or_default(),
            notes: String::new(),
            has_videos: false,
            date_start: now,
            date_end: None,
            chat_info: String::new(),
            video_links: String::new(),
            custom_field_name: String::new(),
            custom_field_value: String::new(),
            start_method: "API".to_owned(),
            processed: "WAITING".to_owned(),
        };
        let session = Session {
            record,
            queue_position,
            waiting_time,
            request,
        };
        self.queued = queue_position;
        let weight = weight(&session);
        self.created.push(session.clone(), weight);
        Created {
            session,
            nrequests: self.queued,
        }
    }

    /// Fixture and created records for which `keep` holds, by id.
    pub fn records_where(&self, keep: impl Fn(&Record) -> bool) -> Vec<Record> {
        let mut out: Vec<Record> = self
            .fixture
            .iter()
            .chain(self.created.iter().map(|c| &c.record))
            .filter(|r| keep(r))
            .cloned()
            .collect();
        out.sort_by_key(|r| r.id);
        out
    }

    /// The sessions created through the API (the newest kept), oldest first.
    pub fn sessions(&self) -> Vec<&Session> {
        self.created.iter().collect()
    }

    /// What the created sessions hold and may hold.
    pub fn usage(&self) -> Usage {
        self.created.usage()
    }

    /// Drops the created sessions (the fixture stays); ids start again after
    /// the fixture's highest.
    pub fn clear_sessions(&mut self) -> usize {
        let n = self.created.clear();
        self.queued = 0;
        self.next_id = first_id(&self.fixture);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_fixture_and_the_queue_grows() {
        let fixture = vec![Record {
            id: 41,
            ..Record::default()
        }];
        let mut store = Store::new(fixture);
        let a = store.create(CreateSession::default(), "2026-11-29 10:00:00".into());
        let b = store.create(
            CreateSession {
                customer_name: Some("Zoë O'Brien".into()),
                technician_username: Some("jane.doe@example.com".into()),
                ..CreateSession::default()
            },
            "2026-11-29 10:00:01".into(),
        );
        assert_eq!(
            (a.session.record.id, a.nrequests, a.session.waiting_time),
            (42, 1, 2)
        );
        assert_eq!(
            (b.session.record.id, b.nrequests, b.session.waiting_time),
            (43, 2, 4)
        );
        assert_eq!(b.session.record.computer_name, "ZOOBRIEN-43");
        assert_eq!(b.session.record.tech_name, "Jane Doe");
        assert_eq!(a.session.record.computer_name, "PC-42");
        assert_eq!(store.records_where(|_| true).len(), 3);
        assert_eq!(store.clear_sessions(), 2);
        let c = store.create(CreateSession::default(), "2026-11-29 10:00:02".into());
        assert_eq!((c.session.record.id, c.nrequests), (42, 1));
    }

    #[test]
    fn keeps_the_newest_sessions_and_the_queue_counts_on() {
        let mut store = Store::new(Vec::new());
        let long = CreateSession {
            problem_description: Some("é".repeat(1024)),
            ..CreateSession::default()
        };
        for _ in 0..12_000 {
            store.create(long.clone(), "2026-11-29 10:00:00".into());
        }
        let usage = store.usage();
        assert!(
            usage.bytes <= SESSIONS_BUDGET && usage.entries < 12_000,
            "{usage:?}"
        );
        let last = store.create(CreateSession::default(), "2026-11-29 10:00:01".into());
        assert_eq!((last.nrequests, last.session.record.id), (12_001, 12_001));
        assert_eq!(store.sessions().last().map(|s| s.record.id), Some(12_001));
    }
}
