//! `createSession` and `validateSessionRequest`: the options, the rules
//! they meet, the wire body of `POST /rest/session`, and the reading of
//! the answer into what the caller gets: everything that is this
//! endpoint's. How a call is made is `call`'s.

use crate::js::Array;
use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

use crate::call::error::{Failure, FieldError, Reason};
use crate::call::options::{declare_options, declare_wire, slot, Options};
use crate::call::reply::Envelope;
use crate::call::rules::{
    check_length, is_language_code, is_plausible_email, is_positive_safe_integer, TextLimit,
    MAX_SAFE_INTEGER,
};
use crate::call::{Built, Members, VisitorEndpoint, VisitorRequest};
use crate::numbers::is_whole;
use alloc::boxed::Box;

declare_options! {
    /// The options of `createSession` besides the call options, its key
    /// first, and their JS types.
    OPTIONS, OPTIONS_JS = "publicKey: string, customerName: string, customerEmail: string, customerNumber: string, problemDescription: string, departmentId: number, technicianUsername: string, language: string, askCustomerInfo: boolean, showWaitingQueue: boolean"
}

declare_wire! {
    /// The members of `POST /rest/session`'s JSON body in the contract's
    /// order, each with the option it holds: only those given are sent,
    /// flags as 1 or 0 (js/options.js's `jsonBody` writes it).
    WIRE, WIRE_JS = "department_id: departmentId, technician_username: technicianUsername, language: language, customer_name: customerName, customer_email: customerEmail, customer_number: customerNumber, problem_description: problemDescription, ask_customer_info: askCustomerInfo, show_waiting_queue: showWaitingQueue"
}

/// What the visitor asks for, as the caller gave it (`None` = not given).
/// Numbers stay `f64` until the rules have checked they are whole and in range.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionRequest {
    /// `customerName`, at most 128 code points.
    pub customer_name: Option<String>,
    /// `customerEmail`, at most 64 code points, an email address.
    pub customer_email: Option<String>,
    /// `customerNumber`, at most 32 code points, any characters.
    pub customer_number: Option<String>,
    /// `problemDescription`, at most 1024 code points.
    pub problem_description: Option<String>,
    /// `departmentId`, a positive safe integer.
    pub department_id: Option<f64>,
    /// `technicianUsername`, the technician's email address.
    pub technician_username: Option<String>,
    /// `language`, a language code such as `fr` or `pt-BR`.
    pub language: Option<String>,
    /// `askCustomerInfo`: let the customer edit the ticket info.
    pub ask_customer_info: Option<bool>,
    /// `showWaitingQueue`: show the customer their place in the queue.
    pub show_waiting_queue: Option<bool>,
}

const CUSTOMER_NAME: TextLimit = TextLimit {
    field: "customerName",
    max_chars: 128,
};
const CUSTOMER_EMAIL: TextLimit = TextLimit {
    field: "customerEmail",
    max_chars: 64,
};
const CUSTOMER_NUMBER: TextLimit = TextLimit {
    field: "customerNumber",
    max_chars: 32,
};
const PROBLEM_DESCRIPTION: TextLimit = TextLimit {
    field: "problemDescription",
    max_chars: 1024,
};
const TECHNICIAN_USERNAME: TextLimit = TextLimit {
    field: "technicianUsername",
    max_chars: 254,
};

/// `createSession`'s endpoint, for `call::submit` and `call::check_only`.
pub const ENDPOINT: VisitorEndpoint = VisitorEndpoint {
    path: "/rest/session",
    declaration: || &OPTIONS_JS,
    key_slot: slot!("publicKey"),
    wire: || &WIRE_JS,
    read: |options| Box::new(SessionRequest::read(options)),
    read_answer,
};

impl SessionRequest {
    /// The request's options, from a read option object.
    fn read(options: &Options) -> Self {
        SessionRequest {
            customer_name: options.string(slot!("customerName")),
            customer_email: options.string(slot!("customerEmail")),
            customer_number: options.string(slot!("customerNumber")),
            problem_description: options.string(slot!("problemDescription")),
            department_id: options.number(slot!("departmentId")),
            technician_username: options.string(slot!("technicianUsername")),
            language: options.string(slot!("language")),
            ask_customer_info: options.flag(slot!("askCustomerInfo")),
            show_waiting_queue: options.flag(slot!("showWaitingQueue")),
        }
    }
}

impl VisitorRequest for SessionRequest {
    /// Every rule the request breaks, in option order (empty when valid).
    fn errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_length(self.customer_name.as_deref(), &CUSTOMER_NAME, &mut errors);
        if check_length(self.customer_email.as_deref(), &CUSTOMER_EMAIL, &mut errors) {
            if let Some(email) = self.customer_email.as_deref() {
                if !is_plausible_email(email) {
                    errors.push(FieldError::new(
                        "customerEmail",
                        Reason::InvalidFormat,
                        "must be an email address such as name@example.com",
                    ));
                }
            }
        }
        check_length(
            self.customer_number.as_deref(),
            &CUSTOMER_NUMBER,
            &mut errors,
        );
        check_length(
            self.problem_description.as_deref(),
            &PROBLEM_DESCRIPTION,
            &mut errors,
        );
        if let Some(id) = self.department_id {
            if !is_positive_safe_integer(id) {
                errors.push(FieldError::out_of_range(
                    "departmentId",
                    "must be a positive whole number (Admin Area > Management > Departments)",
                    id,
                    1.0,
                    MAX_SAFE_INTEGER,
                ));
            }
        }
        if check_length(
            self.technician_username.as_deref(),
            &TECHNICIAN_USERNAME,
            &mut errors,
        ) {
            if let Some(username) = self.technician_username.as_deref() {
                if !is_plausible_email(username) {
                    errors.push(FieldError::new(
                        "technicianUsername",
                        Reason::InvalidFormat,
                        "must be the technician's email address",
                    ));
                }
            }
        }
        if let Some(language) = self.language.as_deref() {
            if !is_language_code(language) {
                errors.push(FieldError::new(
                    "language",
                    Reason::InvalidFormat,
                    "must be a language code such as \"fr\" or \"pt-BR\"",
                ));
            }
        }
        errors
    }
}

/// The session a successful answer describes: `{ queueLength, requests, raw }`.
fn read_answer(envelope: Envelope) -> Result<JsValue, Failure> {
    session(&envelope.details).map_or_else(
        || {
            Err(envelope.not_documented(
                "the API's answer is not the documented shape (details.nrequests, details.requests)",
            ))
        },
        |(queue_length, requests)| {
            Ok(Built::new()
                .with("queueLength", &JsValue::from_f64(queue_length))
                .with("requests", &requests)
                .with("raw", &envelope.raw)
                .done())
        },
    )
}

/// `details.nrequests` and the caller's `requests`; `None` when `details`
/// is not the documented shape (`nrequests` a whole number, `requests` an
/// array of requests when present; `null` is not an array).
fn session(details: &JsValue) -> Option<(f64, JsValue)> {
    let details = Members::of(details)?;
    let queue_length = details
        .get("nrequests")
        .as_f64()
        .filter(|n| is_whole(*n) && *n >= 0.0)?;
    let list = details.get("requests");
    let requests = if list.is_undefined() {
        Array::new().into()
    } else {
        QUEUED_REQUEST_JS.with(|declaration| records(&list, declaration))
    };
    (!requests.is_undefined()).then_some((queue_length, requests))
}

declare_options! {
    /// The members of an entry of `details.requests`: the wire's name, the
    /// caller's, and its type (js/call.js's `records` reads them; Rust,
    /// only its tests).
    #[cfg_attr(not(test), allow(dead_code))]
    QUEUED_REQUEST, QUEUED_REQUEST_JS = "computer_name -> computerName: string, computer_domain -> computerDomain: string, tech_username -> techUsername: string, waiting_time -> waitingMinutes: number"
}

#[wasm_bindgen(module = "/js/call.js")]
extern "C" {
    /// The entries of `list` in the caller's words, by `declaration`;
    /// `undefined` when `list` is not an array of such entries.
    fn records(list: &JsValue, declaration: &crate::js::JsString) -> JsValue;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize) -> String {
        "é".repeat(n)
    }

    #[test]
    fn a_queued_request_declares_each_member_once_as_text_or_a_number() {
        let mut names = Vec::new();
        for entry in QUEUED_REQUEST.split(", ") {
            let (wire, rest) = entry.split_once(" -> ").expect("wire_name -> name");
            let (name, kind) = rest.split_once(": ").expect("name: type");
            assert!(
                wire.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{wire}"
            );
            assert!(["string", "number"].contains(&kind), "{entry}");
            assert!(!names.contains(&name), "{name} twice");
            names.push(name);
        }
        assert_eq!(names.len(), 4);
    }

    #[test]
    fn limits_count_code_points_at_the_boundary() {
        for (limit, set) in [
            (
                128,
                (|r: &mut SessionRequest, s| r.customer_name = Some(s))
                    as fn(&mut SessionRequest, String),
            ),
            (32, |r, s| r.customer_number = Some(s)),
            (1024, |r, s| r.problem_description = Some(s)),
        ] {
            let mut ok = SessionRequest::default();
            set(&mut ok, text(limit));
            assert!(ok.errors().is_empty(), "{limit} accepted");
            let mut too_long = SessionRequest::default();
            set(&mut too_long, text(limit + 1));
            assert_eq!(too_long.errors().len(), 1, "{} refused", limit + 1);
        }
        // Astral characters count once each, as code points.
        let mut astral = SessionRequest {
            customer_name: Some("😀".repeat(128)),
            ..SessionRequest::default()
        };
        assert!(astral.errors().is_empty());
        astral.customer_name = Some("😀".repeat(129));
        assert_eq!(astral.errors()[0].field, "customerName");
    }

    #[test]
    fn email_limit_is_64_characters() {
        let local = "a".repeat(64 - "@example.com".len());
        let ok = SessionRequest {
            customer_email: Some(format!("{local}@example.com")),
            ..SessionRequest::default()
        };
        assert!(ok.errors().is_empty());
        let long = SessionRequest {
            customer_email: Some(format!("a{local}@example.com")),
            ..SessionRequest::default()
        };
        let errors = long.errors();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "customerEmail");
    }

    #[test]
    fn every_broken_rule_is_listed_in_option_order() {
        let request = SessionRequest {
            customer_name: Some("a".repeat(129)),
            customer_email: Some("john at example.com".into()),
            department_id: Some(1.5),
            technician_username: Some("bob".into()),
            language: Some("french".into()),
            ..SessionRequest::default()
        };
        let fields: Vec<String> = request.errors().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "customerName",
                "customerEmail",
                "departmentId",
                "technicianUsername",
                "language"
            ]
        );
        let valid = SessionRequest {
            customer_name: Some("John Doe".into()),
            language: Some("pt-BR".into()),
            ..SessionRequest::default()
        };
        assert!(valid.errors().is_empty());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2_000))]

            #[test]
            fn a_text_limit_refuses_exactly_what_is_too_long(name in "\\PC{0,200}", number in ".{0,50}") {
                let request = SessionRequest {
                    customer_name: Some(name.clone()),
                    customer_number: Some(number.clone()),
                    ..SessionRequest::default()
                };
                let fields: Vec<String> = request.errors().into_iter().map(|e| e.field).collect();
                prop_assert_eq!(fields.iter().any(|f| f == "customerName"), name.chars().count() > 128);
                prop_assert_eq!(fields.iter().any(|f| f == "customerNumber"), number.chars().count() > 32);
            }

            #[test]
            fn any_request_is_checked_without_panicking(
                email in ".{0,80}",
                language in ".{0,12}",
                technician in ".{0,40}",
                department in proptest::num::f64::ANY,
            ) {
                let request = SessionRequest {
                    customer_email: Some(email),
                    language: Some(language),
                    technician_username: Some(technician),
                    department_id: Some(department),
                    ..SessionRequest::default()
                };
                for error in request.errors() {
                    prop_assert!(!error.predicate.is_empty());
                }
            }
        }
    }
}
