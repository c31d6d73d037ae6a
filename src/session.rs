//! Create session: the typed request, its wire body (`POST /rest/session`)
//! and the mapping of the answer to what the JS caller gets back.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// What the visitor asks for, as the caller gave it (`None` = not given).
/// Numbers stay `f64` until validation has checked they are whole and in range.
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

/// The JSON body of `POST /rest/session`: only the fields the caller gave,
/// in the wire's names, flags as 1/0.
#[derive(Serialize, Debug, PartialEq)]
pub struct CreateSessionBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    department_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    technician_username: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem_description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ask_customer_info: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    show_waiting_queue: Option<u8>,
}

impl SessionRequest {
    /// The wire body. Call only after validation: `department_id` is then a
    /// whole number in range, so the conversion is exact.
    pub fn wire_body(&self) -> CreateSessionBody<'_> {
        CreateSessionBody {
            department_id: self.department_id.map(|id| id as u64),
            technician_username: self.technician_username.as_deref(),
            language: self.language.as_deref(),
            customer_name: self.customer_name.as_deref(),
            customer_email: self.customer_email.as_deref(),
            customer_number: self.customer_number.as_deref(),
            problem_description: self.problem_description.as_deref(),
            ask_customer_info: self.ask_customer_info.map(u8::from),
            show_waiting_queue: self.show_waiting_queue.map(u8::from),
        }
    }
}

/// `details` of a successful create-session answer, as documented.
#[derive(Deserialize, Debug)]
pub struct WireSessionDetails {
    /// Number of active requests: the queue.
    pub nrequests: u32,
    /// The requests of this session (usually one).
    #[serde(default)]
    pub requests: Vec<WireQueuedRequest>,
}

/// One entry of `details.requests`; every field may be missing or null.
#[derive(Deserialize, Debug)]
pub struct WireQueuedRequest {
    computer_name: Option<String>,
    computer_domain: Option<String>,
    tech_username: Option<String>,
    waiting_time: Option<f64>,
}

/// What `createSession` resolves with.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// Number of active requests in the account's queue.
    queue_length: u32,
    /// The requests the API reported for this session.
    requests: Vec<QueuedRequest>,
    /// The whole parsed response body, so nothing the server adds is lost.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    raw: JsValue,
}

/// One request in the queue, in the JS caller's words.
#[derive(Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct QueuedRequest {
    /// The customer's computer name, when known.
    pub computer_name: Option<String>,
    /// The customer's computer domain, when known.
    pub computer_domain: Option<String>,
    /// The technician assigned, when known.
    pub tech_username: Option<String>,
    /// Estimated wait in minutes, when known.
    pub waiting_minutes: Option<f64>,
}

impl From<WireQueuedRequest> for QueuedRequest {
    fn from(wire: WireQueuedRequest) -> Self {
        QueuedRequest {
            computer_name: wire.computer_name,
            computer_domain: wire.computer_domain,
            tech_username: wire.tech_username,
            waiting_minutes: wire.waiting_time,
        }
    }
}

impl Session {
    /// The caller's result from the typed details and the whole raw body.
    pub fn new(details: WireSessionDetails, raw: JsValue) -> Self {
        Session {
            queue_length: details.nrequests,
            requests: details
                .requests
                .into_iter()
                .map(QueuedRequest::from)
                .collect(),
            raw,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_body_holds_only_given_fields_with_flags_as_numbers() {
        let request = SessionRequest {
            customer_name: Some("Ada".into()),
            department_id: Some(123.0),
            ask_customer_info: Some(true),
            show_waiting_queue: Some(false),
            ..SessionRequest::default()
        };
        let body = request.wire_body();
        assert_eq!(
            body,
            CreateSessionBody {
                department_id: Some(123),
                technician_username: None,
                language: None,
                customer_name: Some("Ada"),
                customer_email: None,
                customer_number: None,
                problem_description: None,
                ask_customer_info: Some(1),
                show_waiting_queue: Some(0),
            }
        );
    }

    #[test]
    fn queued_request_renames_waiting_time() {
        let wire = WireQueuedRequest {
            computer_name: Some("VM2".into()),
            computer_domain: None,
            tech_username: Some("tech@example.com".into()),
            waiting_time: Some(1.0),
        };
        let mapped = QueuedRequest::from(wire);
        assert_eq!(mapped.waiting_minutes, Some(1.0));
        assert_eq!(mapped.computer_domain, None);
    }
}
