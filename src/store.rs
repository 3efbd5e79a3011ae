//! The SQLite store. (Placeholder: see issue 5.)
