//! The error of every fallible operation.

use interop_core::ffi;

/// Why an operation on a store failed.
#[ffi]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KvError {
    /// The path was empty.
    EmptyPath,
    /// The directory that should hold the file does not exist.
    MissingDirectory {
        /// The directory.
        directory: String,
    },
    /// The key was empty.
    EmptyKey,
    /// The file is not a store file; `line` is the first line that could not be read (1-based).
    Corrupt {
        /// The line.
        line: u64,
    },
    /// Reading or writing the file failed.
    Io {
        /// What the operating system said.
        message: String,
    },
}

impl std::fmt::Display for KvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KvError::EmptyPath => f.write_str("the path is empty"),
            KvError::MissingDirectory { directory } => {
                write!(f, "the directory `{directory}` does not exist")
            }
            KvError::EmptyKey => f.write_str("the key is empty"),
            KvError::Corrupt { line } => write!(f, "not a store file (line {line})"),
            KvError::Io { message } => write!(f, "i/o error: {message}"),
        }
    }
}

impl std::error::Error for KvError {}

impl From<std::io::Error> for KvError {
    fn from(e: std::io::Error) -> KvError {
        KvError::Io {
            message: e.to_string(),
        }
    }
}
