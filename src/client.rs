//! One API call from start to finish, for every endpoint: the time budget,
//! the attempts, the waits between them, and the answer read as an envelope.

use js_sys::Math;
use web_sys::AbortSignal;

use crate::cancel::CallSignal;
use crate::error::Failure;
use crate::response::{read_envelope, Envelope};
use crate::retry;
use crate::settings::CallPlan;
use crate::transport::{self, ApiRequest};

/// Sends `request` under `plan`: retries a 429 or 503 while the retry and
/// time budgets allow, and never waits past the deadline.
pub async fn call(
    request: &ApiRequest<'_>,
    plan: &CallPlan,
    caller_signal: Option<AbortSignal>,
) -> Result<Envelope, Failure> {
    let cancel = CallSignal::start(plan.timeout_ms, caller_signal)?;
    let mut retries_done = 0;
    loop {
        let failure = match transport::send(request, &cancel)
            .await
            .and_then(read_envelope)
        {
            Ok(envelope) => return Ok(envelope),
            Err(failure) => failure,
        };
        let delay = retry::delay_ms(
            failure.status,
            retries_done,
            plan.max_retries,
            failure.retry_after_seconds,
            Math::random(),
        );
        match delay {
            Some(ms) if ms < cancel.remaining_ms() => cancel.sleep(ms).await?,
            _ => return Err(failure),
        }
        retries_done += 1;
    }
}
