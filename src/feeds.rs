//! Fetching and parsing feeds. (Placeholder: see issue 5.)
