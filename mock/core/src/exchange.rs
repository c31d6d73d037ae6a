//! What crosses between a shell and the core: the request as the shell read
//! it, the answer, and what the shell does next (send it, stall it part way,
//! or wait first and ask again).

use serde::Serialize;

use crate::body;
use crate::cors::Cors;
use crate::error::ApiError;
use crate::faults::Fault;
use crate::hardening::harden;
use crate::headers;

/// How a request reached the core.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Transport {
    /// Over HTTP (a socket anyone on the machine, or a web page, can
    /// reach): the `Host` must be loopback and the admin API checks who
    /// calls it ([`crate::access`]).
    #[default]
    Http,
    /// Handed over in process by a caller that holds the stand-in itself
    /// (the npm package's `fetch`): neither check applies.
    InProcess,
}

/// A request as the shell received it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// The method as sent (`GET`, `POST`, ...).
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string, `""` when there is none.
    pub query: String,
    /// The headers in the order received, names in lower case; a header sent
    /// twice appears twice.
    pub headers: Vec<(String, String)>,
    /// The body, read as [`Request::body_to_read`] says; `None` when it was
    /// not read whole (not needed, over the limit, or unreadable).
    pub body: Option<Vec<u8>>,
    /// How it came (HTTP unless the shell says otherwise).
    pub transport: Transport,
}

impl Request {
    /// How many body bytes the shell reads before [`handle`], if any.
    /// `Some(n)`: at most `n`; when the body is longer or cannot be read,
    /// `body` stays `None` (the answer is then a 413). `None`: read nothing,
    /// because the route takes no body or because the declared
    /// `Content-Length` is already over the limit (a 413 without waiting
    /// for the body).
    ///
    /// [`handle`]: crate::StandIn::handle
    pub fn body_to_read(&self) -> Option<usize> {
        let limit = body::limit(&self.method, &self.path)?;
        if body::declared_over(&self.headers, limit) {
            return None;
        }
        Some(limit)
    }

    /// The body when it was read whole and is within `limit` bytes, its
    /// declared length too.
    pub(crate) fn whole_body(&self, limit: usize) -> Option<&[u8]> {
        if body::declared_over(&self.headers, limit) {
            return None;
        }
        self.body.as_deref().filter(|b| b.len() <= limit)
    }
}

/// An answer for the shell to send. A `HEAD` request gets the `GET` answer,
/// body included: the shell's HTTP server sends only its head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// Header names (lower case) and values, in order. No `Content-Length`:
    /// the shell's HTTP server sets it for a whole body.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// An answer with a body of the given content type.
    pub(crate) fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: vec![("content-type".to_owned(), content_type.to_owned())],
            body,
        }
    }

    /// A JSON answer (a value that does not serialize gives a 500 in plain text).
    pub(crate) fn json(status: u16, value: &impl Serialize) -> Self {
        match serde_json::to_vec(value) {
            Ok(body) => Self::new(status, "application/json", body),
            Err(e) => Self::new(500, "text/plain; charset=utf-8", e.to_string().into_bytes()),
        }
    }

    /// The first value of a header (the name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        headers::get(&self.headers, name)
    }

    /// Sets a header, replacing any value it had.
    pub(crate) fn set_header(&mut self, name: &str, value: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    /// The answer with one more header.
    pub(crate) fn with_header(mut self, name: &str, value: &str) -> Self {
        self.set_header(name, value);
        self
    }
}

/// An answer and how to send it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// What to send.
    pub response: Response,
    /// How to send it.
    pub action: Action,
}

impl Exchange {
    /// An answer sent as `action` says, with the headers every answer
    /// carries ([`crate::hardening`]): every exchange the core makes comes
    /// from here.
    pub(crate) fn new(response: Response, action: Action) -> Self {
        Self {
            response: harden(response),
            action,
        }
    }

    /// An answer sent whole.
    pub(crate) fn send(response: Response) -> Self {
        Self::new(response, Action::Send)
    }
}

/// How the shell sends an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The whole answer.
    Send,
    /// The status, the headers (chunked, no `Content-Length`) and the first
    /// `after_bytes` bytes of the body; then the answer never finishes, until
    /// the client goes away or the shell stops (which cuts the connection).
    Stall {
        /// How many body bytes go out before the stall.
        after_bytes: usize,
    },
}

/// What the shell does with a request the core has seen.
#[derive(Debug)]
pub enum Step {
    /// Send this answer now.
    Answer(Exchange),
    /// Wait `ms` milliseconds, then hand `pending` to [`resume`]. If the
    /// client goes away first, drop `pending`: the request is then never
    /// handled. If the shell stops first, send [`Pending::cut_short`].
    ///
    /// [`resume`]: crate::StandIn::resume
    Delay {
        /// How long to wait.
        ms: u64,
        /// The rest of the request's handling.
        pending: Pending,
    },
}

/// A request whose answer waits for an injected delay to pass (boxed: a
/// step that answers at once stays small).
#[derive(Debug)]
pub struct Pending(Box<Waiting>);

/// What a pending request's answer still needs.
#[derive(Debug)]
pub(crate) struct Waiting {
    pub(crate) cors: Cors,
    pub(crate) request: Request,
    pub(crate) fault: Fault,
}

impl Pending {
    /// The rest of a request's handling.
    pub(crate) fn new(cors: Cors, request: Request, fault: Fault) -> Self {
        Self(Box::new(Waiting {
            cors,
            request,
            fault,
        }))
    }

    /// What the answer still needs.
    pub(crate) fn into_waiting(self) -> Waiting {
        *self.0
    }

    /// The answer when the shell stops before the delay is over:
    /// 503 `server shutting down`, sent whole.
    pub fn cut_short(self) -> Exchange {
        let response = ApiError::new(503, "server shutting down").into_response();
        Exchange::send(self.0.cors.apply(response))
    }
}
