//! The stand-in as one value: its state, and what it does with each request,
//! read top to bottom in [`StandIn::handle`]: over HTTP, a `Host` that is
//! not loopback is refused first; then the admin API (its preflights, who
//! may call it, the route); then preflights; then the `/rest` front door
//! (body limit, request log, the next matching fault), then the route.

use crate::access::{self, Grant};
use crate::body::{self, BODY_LIMIT};
use crate::config::Config;
use crate::cors::{self, Cors};
use crate::error::ApiError;
use crate::exchange::{Exchange, Pending, Request, Response, Step, Transport, Waiting};
use crate::faults::{Fault, FaultQueue};
use crate::keys::Keys;
use crate::loopback;
use crate::request_log::{KeyUse, LoggedRequest, RequestLog};
use crate::routes::{self, admin, history, session, ticket, Miss, Route};
use crate::store::Store;
use crate::tickets::Tickets;
use crate::token::AdminToken;

/// Everything the stand-in holds: the keys, the admin token, the sessions,
/// the tickets, the request log and the pending faults. A shell serving
/// requests concurrently keeps it behind one lock; each call is brief and
/// does no I/O.
#[derive(Debug)]
pub struct StandIn {
    keys: Keys,
    admin_token: Option<AdminToken>,
    store: Store,
    tickets: Tickets,
    log: RequestLog,
    faults: FaultQueue,
}

impl StandIn {
    /// A stand-in with the configured keys, admin token and fixture, no
    /// log, no faults.
    pub fn new(config: Config) -> Self {
        Self {
            keys: Keys::new(config.public_key, config.private_key),
            admin_token: config.admin_token.as_deref().and_then(AdminToken::new),
            store: Store::new(config.fixture),
            tickets: Tickets::default(),
            log: RequestLog::default(),
            faults: FaultQueue::default(),
        }
    }

    /// Replaces the admin token (`None`: no token matches).
    pub fn set_admin_token(&mut self, token: Option<&str>) {
        self.admin_token = token.and_then(AdminToken::new);
    }

    /// What to do with `request`, received at `now_ms` (milliseconds since
    /// the Unix epoch): answer it now, or wait first and [`resume`].
    ///
    /// [`resume`]: StandIn::resume
    pub fn handle(&mut self, request: Request, now_ms: u64) -> Step {
        let http = request.transport == Transport::Http;
        // A page that rebound its own name to loopback still sends that
        // name: over HTTP only loopback names are answered, on every path.
        if http {
            if let Err(refused) = loopback::check_host(&request.headers) {
                return Step::Answer(Exchange::send(refused.into_response()));
            }
        }
        if routes::is_admin(&request.path) {
            return Step::Answer(self.admin(&request, http, now_ms));
        }
        let cors = Cors::open(&request.headers);
        // Preflights are answered before anything else: never logged, never faulted.
        if request.method == "OPTIONS" {
            let response = cors.preflight(routes::allow(&request.path));
            return Step::Answer(Exchange::send(response));
        }
        if !routes::is_rest(&request.path) {
            let body = body::limit(&request.method, &request.path)
                .and_then(|limit| request.whole_body(limit));
            let response = self.route(&request, body, now_ms);
            return Step::Answer(Exchange::send(cors.apply(response)));
        }
        // The emulated API: every attempt is logged, a refused one too, so
        // that tests can count them.
        let key = self.key_use(&request);
        let Some(body) = request.whole_body(BODY_LIMIT) else {
            self.log.push(LoggedRequest::new(&request, &[], false, key));
            let response = ApiError::too_large(BODY_LIMIT).into_response();
            return Step::Answer(Exchange::send(cors.apply(response)));
        };
        let fault = self.faults.take(&request.method, &request.path);
        self.log
            .push(LoggedRequest::new(&request, body, fault.is_some(), key));
        match fault {
            None => {
                let response = self.route(&request, Some(body), now_ms);
                Step::Answer(Exchange::send(cors.apply(response)))
            }
            // A delay comes before everything else the fault does, the
            // handling of the request included.
            Some(fault) if fault.delay_ms > 0 => Step::Delay {
                ms: fault.delay_ms,
                pending: Pending::new(cors, request, fault),
            },
            Some(fault) => Step::Answer(self.apply(&fault, &request, cors, now_ms)),
        }
    }

    /// The answer to a request whose shell could not get one from its core
    /// (the npm package's core stopped with a WebAssembly trap and was made
    /// afresh): a 500 in the error envelope, with the CORS of the emulated
    /// API outside `/__admin`.
    pub fn failed(request: &Request) -> Exchange {
        let response = ApiError::new(
            500,
            "the stand-in stopped with an internal error and started afresh: its log, sessions, tickets and faults are gone",
        )
        .into_response();
        if routes::is_admin(&request.path) {
            return Exchange::send(Cors::Admin { granted: false }.apply(response));
        }
        Exchange::send(Cors::open(&request.headers).apply(response))
    }

    /// Which key `request` carried and whether its route takes it.
    fn key_use(&self, request: &Request) -> KeyUse {
        let kind = self.keys.classify(&request.headers);
        let wanted = routes::find(&request.method, &request.path)
            .ok()
            .and_then(Route::key);
        KeyUse {
            kind,
            matched: wanted == Some(kind),
        }
    }

    /// A request to the admin API: its preflight, or who calls it
    /// ([`access::check`], over HTTP only) and then the route. The answer
    /// lets a page read it only when the token came (or in process).
    fn admin(&mut self, request: &Request, http: bool, now_ms: u64) -> Exchange {
        if request.method == "OPTIONS" {
            let allow = routes::allow(&request.path);
            return Exchange::send(cors::admin_preflight(&request.headers, allow));
        }
        let body =
            body::limit(&request.method, &request.path).and_then(|limit| request.whole_body(limit));
        let grant = if http {
            access::check(&request.headers, body, self.admin_token.as_ref())
        } else {
            Ok(Grant::InProcess)
        };
        let cors = Cors::Admin {
            granted: matches!(grant, Ok(Grant::Token | Grant::InProcess)),
        };
        let response = match grant {
            Ok(_) => self.route(request, body, now_ms),
            Err(refused) => refused.into_response(),
        };
        Exchange::send(cors.apply(response))
    }

    /// The answer to a request whose delay is over, at `now_ms`.
    pub fn resume(&mut self, pending: Pending, now_ms: u64) -> Exchange {
        let Waiting {
            cors,
            request,
            fault,
        } = pending.into_waiting();
        self.apply(&fault, &request, cors, now_ms)
    }

    /// What a fault does once its delay is over: answers its status instead
    /// of handling the request, or handles it; then sends the answer whole
    /// or stalls it.
    fn apply(&mut self, fault: &Fault, request: &Request, cors: Cors, now_ms: u64) -> Exchange {
        let response = match fault.response() {
            Some(injected) => injected,
            None => {
                let body = request.whole_body(BODY_LIMIT);
                self.route(request, body, now_ms)
            }
        };
        Exchange::new(cors.apply(response), fault.action())
    }

    /// The route's answer; `body` is the body when it was read whole within
    /// the route's limit.
    fn route(&mut self, request: &Request, body: Option<&[u8]>, now_ms: u64) -> Response {
        let route = match routes::find(&request.method, &request.path) {
            Ok(route) => route,
            Err(Miss::NotFound) => {
                let details = format!("not found: {} {}", request.method, request.path);
                return ApiError::new(404, details).into_response();
            }
            Err(Miss::MethodNotAllowed { allow }) => {
                let details = format!("method not allowed: {} {}", request.method, request.path);
                return ApiError::new(405, details)
                    .into_response()
                    .with_header("allow", allow);
            }
        };
        let rest_body = body.unwrap_or_default();
        let answer = match route {
            Route::CreateSession => {
                session::create(&self.keys, &mut self.store, request, rest_body, now_ms)
            }
            Route::History => history::history(&self.keys, &self.store, request, rest_body),
            Route::CreateTicket => {
                ticket::create(&self.keys, &mut self.tickets, request, rest_body, now_ms)
            }
            Route::ListRequests => Ok(admin::list_requests(&self.log)),
            Route::ClearRequests => Ok(admin::clear_requests(&mut self.log)),
            Route::ListSessions => Ok(admin::list_sessions(&self.store)),
            Route::ListTickets => Ok(admin::list_tickets(&self.tickets)),
            Route::Reset => Ok(admin::reset(
                &mut self.log,
                &mut self.store,
                &mut self.tickets,
                &mut self.faults,
            )),
            Route::ListFaults => Ok(admin::list_faults(&self.faults)),
            Route::AddFaults => admin::add_faults(&mut self.faults, body),
            Route::ClearFaults => Ok(admin::clear_faults(&mut self.faults)),
            Route::Stats => Ok(admin::stats(
                &self.log,
                &self.store,
                &self.tickets,
                &self.faults,
            )),
        };
        answer.unwrap_or_else(ApiError::into_response)
    }
}
