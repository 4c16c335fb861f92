//! How domain errors cross the IPC boundary: as `{code, message}`, nothing else.

use filmdesk_core::{Error, ErrorPayload};
use serde::Serialize;

/// The error every command returns; it serialises as `ErrorPayload`.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct IpcError(pub ErrorPayload);

impl From<Error> for IpcError {
    fn from(err: Error) -> Self {
        IpcError(ErrorPayload::from(&err))
    }
}

pub type CommandResult<T> = Result<T, IpcError>;
