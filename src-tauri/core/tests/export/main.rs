//! Export tests: goldens of every format, JSON-LD, the XSS vectors, the JSON form's round
//! trip and its errors, batch export. One test binary (linking is the slow part here).

#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

mod batch;
mod golden;
mod json_form;
mod schema;
mod xss;
