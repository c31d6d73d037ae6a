//! `createTicket` and `validateTicketRequest`: a deferred support request
//! (`POST /rest/ticket`), the public key's other call: a technician picks
//! it up later and the customer hears by email. The options, their rules,
//! the wire body and the answer; how a call is made is `call`'s.

use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

use crate::call::error::{Failure, FieldError, Reason};
use crate::call::options::{declare_options, declare_wire, slot, Options};
use crate::call::reply::Envelope;
use crate::call::rules::{
    check_length, is_plausible_email, is_positive_safe_integer, TextLimit, MAX_SAFE_INTEGER,
};
use crate::call::{Built, Members, VisitorEndpoint, VisitorRequest};
use alloc::boxed::Box;

declare_options! {
    /// The options of `createTicket` besides the call options, its key
    /// first, and their JS types.
    OPTIONS, OPTIONS_JS = "publicKey: string, agentId: id, customerName: string, customerEmail: string, problemDescription: string"
}

declare_wire! {
    /// The members of `POST /rest/ticket`'s JSON body, exactly these four,
    /// each with the option it holds (the id digit for digit: js/options.js's
    /// `jsonBody` writes it).
    WIRE, WIRE_JS = "ids: agentId, customer_name: customerName, customer_email: customerEmail, problem_description: problemDescription"
}

/// The agent a ticket is for, as the caller gave it.
#[derive(Clone, Debug, PartialEq)]
pub enum AgentId {
    /// A JS number (a positive safe integer once checked).
    Number(f64),
    /// A string of digits, for ids past `Number.MAX_SAFE_INTEGER`.
    Digits(String),
}

/// What the visitor asks for, as the caller gave it (`None` = not given).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TicketRequest {
    /// `agentId` -> `ids`: the Take Control agent's id.
    pub agent_id: Option<AgentId>,
    /// `customerName`, at most 100 code points; progress emails go to this person.
    pub customer_name: Option<String>,
    /// `customerEmail`, an email address of at most 100 code points.
    pub customer_email: Option<String>,
    /// `problemDescription`, at most 4000 code points.
    pub problem_description: Option<String>,
}

const CUSTOMER_NAME: TextLimit = TextLimit {
    field: "customerName",
    max_chars: 100,
};
const CUSTOMER_EMAIL: TextLimit = TextLimit {
    field: "customerEmail",
    max_chars: 100,
};
const PROBLEM_DESCRIPTION: TextLimit = TextLimit {
    field: "problemDescription",
    max_chars: 4000,
};

/// The largest id the API's numbers hold (a signed 64-bit integer).
const MAX_AGENT_ID_DIGITS: &str = "9223372036854775807";

const AGENT_ID_MESSAGE: &str =
    "must be a positive whole number, or a string of its digits without a leading zero";

/// `createTicket`'s endpoint, for `call::submit` and `call::check_only`.
pub const ENDPOINT: VisitorEndpoint = VisitorEndpoint {
    path: "/rest/ticket",
    declaration: || &OPTIONS_JS,
    key_slot: slot!("publicKey"),
    wire: || &WIRE_JS,
    read: |options| Box::new(TicketRequest::read(options)),
    read_answer,
};

impl TicketRequest {
    /// The request's options, from a read option object.
    fn read(options: &Options) -> Self {
        let agent_id = options.get(slot!("agentId"));
        TicketRequest {
            agent_id: match agent_id.as_f64() {
                Some(n) => Some(AgentId::Number(n)),
                None => agent_id.as_string().map(AgentId::Digits),
            },
            customer_name: options.string(slot!("customerName")),
            customer_email: options.string(slot!("customerEmail")),
            problem_description: options.string(slot!("problemDescription")),
        }
    }
}

impl VisitorRequest for TicketRequest {
    /// Every rule the request breaks, in option order (empty when valid):
    /// all four fields are required.
    fn errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        match &self.agent_id {
            None => errors.push(required("agentId")),
            Some(AgentId::Number(n)) if !is_positive_safe_integer(*n) => {
                errors.push(FieldError::out_of_range(
                    "agentId",
                    AGENT_ID_MESSAGE,
                    *n,
                    1.0,
                    MAX_SAFE_INTEGER,
                ));
            }
            Some(AgentId::Digits(digits)) => {
                if let Some(error) = digits_error(digits) {
                    errors.push(error);
                }
            }
            Some(AgentId::Number(_)) => {}
        }
        // Each text field, its limit, and whether it must be an email address.
        for (value, limit, email) in [
            (&self.customer_name, &CUSTOMER_NAME, false),
            (&self.customer_email, &CUSTOMER_EMAIL, true),
            (&self.problem_description, &PROBLEM_DESCRIPTION, false),
        ] {
            match value.as_deref() {
                Some(text) if !text.trim().is_empty() => {
                    if check_length(Some(text), limit, &mut errors)
                        && email
                        && !is_plausible_email(text)
                    {
                        errors.push(FieldError::new(
                            "customerEmail",
                            Reason::InvalidFormat,
                            "must be an email address such as name@example.com",
                        ));
                    }
                }
                _ => errors.push(required(limit.field)),
            }
        }
        errors
    }
}

/// The ticket a successful answer describes: `{ ticketNumber, raw }`, the
/// number as the server sent it (a number, or a string if it sends one).
fn read_answer(envelope: Envelope) -> Result<JsValue, Failure> {
    let number = Members::of(&envelope.details)
        .map(|details| details.get("ticket_number"))
        .filter(|n| n.as_f64().is_some_and(f64::is_finite) || n.is_string());
    match number {
        Some(number) => Ok(Built::new()
            .with("ticketNumber", &number)
            .with("raw", &envelope.raw)
            .done()),
        None => Err(envelope.not_documented(
            "the API's answer is not the documented shape (details.ticket_number)",
        )),
    }
}

/// The error of a required option not given, or empty.
fn required(field: &'static str) -> FieldError {
    FieldError::new(field, Reason::Required, "is required")
}

/// What is wrong with an agent id given as a string, if anything: it must
/// be ASCII digits without a leading zero, at most the API's largest id.
fn digits_error(digits: &str) -> Option<FieldError> {
    let bytes = digits.as_bytes();
    if bytes.is_empty() {
        return Some(required("agentId"));
    }
    if !bytes.iter().all(u8::is_ascii_digit) || bytes.first() == Some(&b'0') {
        return Some(FieldError::new(
            "agentId",
            Reason::InvalidFormat,
            AGENT_ID_MESSAGE,
        ));
    }
    // Same-length digit strings compare as their numbers do.
    let max = MAX_AGENT_ID_DIGITS.as_bytes();
    let too_large = bytes.len() > max.len() || (bytes.len() == max.len() && bytes > max);
    too_large.then(|| {
        FieldError::new(
            "agentId",
            Reason::OutOfRange,
            "must be at most 9223372036854775807",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> TicketRequest {
        TicketRequest {
            agent_id: Some(AgentId::Number(1_234_567_891_011.0)),
            customer_name: Some("John Doe".into()),
            customer_email: Some("john@example.com".into()),
            problem_description: Some("The printer is offline.".into()),
        }
    }

    fn fields(request: &TicketRequest) -> Vec<(String, Reason, Option<f64>)> {
        request
            .errors()
            .into_iter()
            .map(|e| (e.field, e.reason, e.limit))
            .collect()
    }

    #[test]
    fn an_id_past_2_to_the_53_is_valid_as_digits() {
        let big = TicketRequest {
            agent_id: Some(AgentId::Digits("9223372036854775807".into())),
            ..valid()
        };
        assert!(big.errors().is_empty());
    }

    #[test]
    fn every_field_is_required() {
        let none: Vec<_> = fields(&TicketRequest::default())
            .into_iter()
            .map(|(field, reason, _)| (field, reason))
            .collect();
        assert_eq!(
            none,
            [
                ("agentId".into(), Reason::Required),
                ("customerName".into(), Reason::Required),
                ("customerEmail".into(), Reason::Required),
                ("problemDescription".into(), Reason::Required),
            ]
        );
        let blank = TicketRequest {
            customer_name: Some("  ".into()),
            agent_id: Some(AgentId::Digits(String::new())),
            ..valid()
        };
        assert_eq!(
            fields(&blank),
            [
                ("agentId".into(), Reason::Required, None),
                ("customerName".into(), Reason::Required, None)
            ]
        );
    }

    #[test]
    fn limits_are_checked_at_their_boundary() {
        for (set, limit) in [
            (
                (|r: &mut TicketRequest, s| r.customer_name = Some(s))
                    as fn(&mut TicketRequest, String),
                100,
            ),
            (|r, s| r.problem_description = Some(s), 4000),
        ] {
            let mut ok = valid();
            set(&mut ok, "é".repeat(limit));
            assert!(ok.errors().is_empty(), "{limit}");
            let mut long = valid();
            set(&mut long, "é".repeat(limit + 1));
            let field = if limit == 100 {
                "customerName"
            } else {
                "problemDescription"
            };
            assert_eq!(
                fields(&long),
                [(field.into(), Reason::TooLong, Some(limit as f64))]
            );
        }
        let email = |text: String| TicketRequest {
            customer_email: Some(text),
            ..valid()
        };
        let at_limit = format!("{}@example.com", "a".repeat(64));
        assert!(email(format!("{}@{}.com", "a".repeat(60), "b".repeat(35)))
            .errors()
            .is_empty());
        assert!(email(at_limit).errors().is_empty());
        assert_eq!(
            fields(&email(format!("{}@{}.com", "a".repeat(60), "b".repeat(36)))),
            [("customerEmail".into(), Reason::TooLong, Some(100.0))]
        );
        assert_eq!(
            fields(&email("john at example.com".into())),
            [("customerEmail".into(), Reason::InvalidFormat, None)]
        );
    }

    #[test]
    fn agent_ids_are_positive_whole_numbers_or_their_digits() {
        let id = |id| TicketRequest {
            agent_id: Some(id),
            ..valid()
        };
        for good in [
            AgentId::Number(1.0),
            AgentId::Number(MAX_SAFE_INTEGER),
            AgentId::Digits("1".into()),
            AgentId::Digits("9007199254740993".into()),
        ] {
            assert!(id(good.clone()).errors().is_empty(), "{good:?}");
        }
        for (bad, reason, limit) in [
            (AgentId::Number(0.0), Reason::OutOfRange, Some(1.0)),
            (AgentId::Number(-5.0), Reason::OutOfRange, Some(1.0)),
            (AgentId::Number(1.5), Reason::OutOfRange, None),
            (AgentId::Number(f64::NAN), Reason::OutOfRange, None),
            (
                AgentId::Number(MAX_SAFE_INTEGER + 1.0),
                Reason::OutOfRange,
                Some(MAX_SAFE_INTEGER),
            ),
            (AgentId::Digits("0".into()), Reason::InvalidFormat, None),
            (AgentId::Digits("0123".into()), Reason::InvalidFormat, None),
            (AgentId::Digits("12a".into()), Reason::InvalidFormat, None),
            (AgentId::Digits(" 12".into()), Reason::InvalidFormat, None),
            (AgentId::Digits("-12".into()), Reason::InvalidFormat, None),
            (AgentId::Digits("1e3".into()), Reason::InvalidFormat, None),
            (AgentId::Digits("١٢".into()), Reason::InvalidFormat, None),
            (
                AgentId::Digits("9223372036854775808".into()),
                Reason::OutOfRange,
                None,
            ),
            (
                AgentId::Digits("10000000000000000000".into()),
                Reason::OutOfRange,
                None,
            ),
        ] {
            assert_eq!(
                fields(&id(bad.clone())),
                [("agentId".into(), reason, limit)],
                "{bad:?}"
            );
        }
    }
}
