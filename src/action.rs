//! Placeholder: see issue 4 (the reader).
