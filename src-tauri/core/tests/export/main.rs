//! Export tests: goldens of every format, JSON-LD, the XSS vectors, the JSON form's round
//! trip and its errors, batch export. One test binary (linking is the slow part here).

mod batch;
mod golden;
mod json_form;
mod schema;
mod xss;
