//! The deferred support requests (tickets) created since start or the last
//! reset, numbered from 1 up. The newest [`MAX_TICKETS`] within
//! [`TICKETS_BUDGET`] bytes are kept; numbering goes on past dropped ones.

use serde::Serialize;

use crate::bounded::{Bounded, Usage};
use crate::store::weight;

use crate::validate::CreateTicket;

/// Most tickets kept.
pub const MAX_TICKETS: usize = 10_000;

/// Most bytes of tickets kept (as their JSON takes).
pub const TICKETS_BUDGET: usize = 8 * 1024 * 1024;

/// A ticket created through `POST /rest/ticket`, as `GET /__admin/tickets`
/// lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ticket {
    /// Its number, as the create answered it (1, 2, ...).
    pub ticket_number: u64,
    /// The agent id as received, as a string of its digits: exact, even past
    /// what a JavaScript number holds.
    pub ids: String,
    /// Customer's name.
    pub customer_name: String,
    /// Customer's email address.
    pub customer_email: String,
    /// Description of the problem.
    pub problem_description: String,
    /// When it was created, `YYYY-MM-DD HH:MM:SS` (UTC).
    pub date_created: String,
}

/// The tickets created, oldest first.
#[derive(Debug)]
pub struct Tickets {
    created: Bounded<Ticket>,
    next_number: u64,
}

impl Default for Tickets {
    fn default() -> Self {
        Self {
            created: Bounded::new(MAX_TICKETS, TICKETS_BUDGET),
            next_number: 1,
        }
    }
}

impl Tickets {
    /// Records a ticket created at `now`; returns its number.
    pub fn create(&mut self, request: CreateTicket, now: String) -> u64 {
        let ticket_number = self.next_number;
        self.next_number = self.next_number.saturating_add(1);
        let ticket = Ticket {
            ticket_number,
            ids: request.ids.to_string(),
            customer_name: request.customer_name,
            customer_email: request.customer_email,
            problem_description: request.problem_description,
            date_created: now,
        };
        let weight = weight(&ticket);
        self.created.push(ticket, weight);
        ticket_number
    }

    /// The tickets created (the newest kept), oldest first.
    pub fn all(&self) -> Vec<&Ticket> {
        self.created.iter().collect()
    }

    /// What the tickets hold and may hold.
    pub fn usage(&self) -> Usage {
        self.created.usage()
    }

    /// Drops every ticket; numbering starts again at 1. Returns how many
    /// there were.
    pub fn clear(&mut self) -> usize {
        let n = self.created.clear();
        *self = Self::default();
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(ids: u64) -> CreateTicket {
        CreateTicket {
            ids,
            customer_name: "Zoë".into(),
            customer_email: "zoe@example.com".into(),
            problem_description: "Printer".into(),
        }
    }

    #[test]
    fn numbers_from_one_and_restarts_after_clear() {
        let mut tickets = Tickets::default();
        assert_eq!(tickets.create(request(7), "2026-11-29 10:00:00".into()), 1);
        assert_eq!(
            tickets.create(request(u64::MAX), "2026-11-29 10:00:01".into()),
            2
        );
        assert_eq!(tickets.all()[1].ids, "18446744073709551615");
        assert_eq!(
            serde_json::to_value(tickets.all()[0]).unwrap(),
            serde_json::json!({
                "ticket_number": 1, "ids": "7", "customer_name": "Zoë",
                "customer_email": "zoe@example.com", "problem_description": "Printer",
                "date_created": "2026-11-29 10:00:00"
            })
        );
        assert_eq!(tickets.clear(), 2);
        assert!(tickets.all().is_empty());
        assert_eq!(tickets.create(request(7), "2026-11-29 10:00:02".into()), 1);
    }
}
