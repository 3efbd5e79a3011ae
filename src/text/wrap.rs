//! Wrapping a body into lines with byte ranges. (Placeholder: see issue 4.)
