//! `getSessionHistory`: the options, the web-page guard (a private key
//! never on a web page unless told otherwise), the query of
//! `GET /rest/session/history` (query.rs) and the typed records (records.rs).

use crate::js::Promise;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

#[doc(hidden)]
pub mod query;
mod records;

use crate::call::error::{ErrorCode, Failure, Problems};
use crate::call::options::{declare_options, slot, CallOptions, Options, Ready};
use crate::call::reply::Envelope;
use crate::call::{self, Built, Method, Request};
use query::{HistoryFilters, HistoryQuery, Var};

/// The path of the endpoint under the API base.
const PATH: &str = "/rest/session/history";

declare_options! {
    /// The options of `getSessionHistory` besides the call options, its
    /// key first, and their JS types.
    OPTIONS, OPTIONS_JS = "privateKey: string, vars: names, filters: { id: number, dateStartFrom: date, dateStartTo: date, customerName: string, customerEmail: string, computerName: string, techUsername: string, startMethod: string, processed: string, hasVideos: boolean }, dangerouslyAllowBrowser: boolean"
}

#[wasm_bindgen(module = "/js/call.js")]
extern "C" {
    /// True in a browser's global scope: a page, or a worker of any kind.
    #[wasm_bindgen(js_name = inABrowser)]
    fn in_a_browser() -> bool;
}

/// The filters of a read option object.
fn read_filters(options: &Options) -> HistoryFilters {
    HistoryFilters {
        id: options.number(slot!("filters.id")),
        date_start_from: options.date(slot!("filters.dateStartFrom")),
        date_start_to: options.date(slot!("filters.dateStartTo")),
        customer_name: options.string(slot!("filters.customerName")),
        customer_email: options.string(slot!("filters.customerEmail")),
        computer_name: options.string(slot!("filters.computerName")),
        tech_username: options.string(slot!("filters.techUsername")),
        start_method: options.string(slot!("filters.startMethod")),
        processed: options.string(slot!("filters.processed")),
        has_videos: options.flag(slot!("filters.hasVideos")),
    }
}

/// Every problem with the options (what reading met, the key, the vars and
/// filters, the call settings), or the ready call and its query.
fn check(
    options: &Options,
    mut problems: Problems,
    call: CallOptions,
) -> Result<(Ready, HistoryQuery), Problems> {
    let mut errors = Vec::new();
    call.check_key(&mut errors);
    let query = query::build_query(
        options.names(slot!("vars")).as_deref(),
        &read_filters(options),
    )
    .map_err(|mut more| errors.append(&mut more))
    .ok();
    problems.add(errors);
    let ready = call.ready_with(problems)?;
    // `ready_with` succeeds only when no problem was met, so the query is there.
    query
        .map(|query| (ready, query))
        .ok_or_else(|| Problems::read(crate::js::Array::new()))
}

/// `getSessionHistory`: the web-page guard, the checks and the `rateLimit`
/// happen now, before any request.
pub fn get(value: &JsValue) -> Promise {
    let (options, problems) = Options::read(value, &OPTIONS_JS);
    let call = options.call("privateKey", slot!("privateKey"));
    let secret = call.secret();
    if !options
        .flag(slot!("dangerouslyAllowBrowser"))
        .unwrap_or(false)
        && in_a_browser()
    {
        return call::reject(
            Failure::new(
                ErrorCode::PrivateKeyInBrowser,
                "getSessionHistory needs the account's private key, which must never be on a web page: call it from a server, or pass dangerouslyAllowBrowser: true on an internal page behind your own login",
            ),
            &secret,
        );
    }
    let (ready, query) = match check(&options, problems, call) {
        Ok(checked) => checked,
        Err(problems) => return call::reject(Failure::from_problems(problems), &secret),
    };
    let mut path = String::from(PATH);
    path.push_str(&query.query);
    let vars = query.vars;
    call::start(
        ready,
        Request {
            method: Method::Get,
            path,
            json_body: None,
            join_identical: false,
        },
        Box::new(move |envelope| read_answer(envelope, &vars)),
    )
}

/// The history a successful answer holds: `{ sessions, raw }`.
fn read_answer(envelope: Envelope, vars: &[&Var]) -> Result<JsValue, Failure> {
    let sessions = records::sessions(&envelope.details, vars).ok_or_else(|| {
        envelope.not_documented(
            "the API's answer is not the documented shape (details must be an array of records)",
        )
    })?;
    Ok(Built::new()
        .with("sessions", &sessions)
        .with("raw", &envelope.raw)
        .done())
}
