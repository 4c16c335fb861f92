//! One error type for the domain. Every variant maps to a closed [`ErrorCode`] that the UI
//! branches on; the message is for people.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The closed set of error codes that cross the IPC boundary and drive exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The thing asked for does not exist (or is in the trash).
    NotFound,
    /// The caller sent something the domain refuses; the message says what and where.
    InvalidInput,
    /// The database was written by a newer Filmdesk; it is left untouched.
    SchemaTooNew,
    /// The file is not a Filmdesk database, or it is damaged.
    Corrupt,
    /// Another process holds the database for too long.
    Busy,
    /// A file already exists where we would write; nothing was overwritten.
    AlreadyExists,
    /// Reading or writing a file failed.
    Io,
    /// SQLite failed in a way the user cannot fix by changing input.
    Database,
    /// A bug: something that should not happen.
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error(
        "this library was written by a newer Filmdesk (schema version {found}, this version knows up to {supported}); it was left untouched — update Filmdesk to open it"
    )]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("the library file is damaged or is not a Filmdesk library: {0}")]
    Corrupt(String),
    #[error("the library is busy in another process; try again in a moment")]
    Busy,
    #[error("{0} already exists; nothing was overwritten")]
    AlreadyExists(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(rusqlite::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::Corrupt(_) => ErrorCode::Corrupt,
            Error::Busy => ErrorCode::Busy,
            Error::AlreadyExists(_) => ErrorCode::AlreadyExists,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database(_) => ErrorCode::Database,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as Sql;
        match err.sqlite_error_code() {
            Some(Sql::DatabaseBusy | Sql::DatabaseLocked) => Error::Busy,
            Some(Sql::DatabaseCorrupt | Sql::NotADatabase) => Error::Corrupt(err.to_string()),
            _ => Error::Database(err),
        }
    }
}

/// An error as it crosses the IPC boundary and as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
}

impl From<&Error> for ErrorPayload {
    fn from(err: &Error) -> Self {
        ErrorPayload {
            code: err.code(),
            message: err.to_string(),
        }
    }
}
