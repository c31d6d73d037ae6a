//! takecontrol-mock-core: every decision of the stand-in for N-able Take
//! Control's REST Session API, as plain functions with no I/O. The shells
//! (the native server in `takecontrol-mock`) read requests, keep time and
//! send answers.

#![warn(missing_docs)]
// Nothing a request reaches may panic.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

pub mod dates;
pub mod filters;
pub mod fixture;
pub mod record;
pub mod validate;
