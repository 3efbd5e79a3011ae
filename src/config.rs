//! Configuration. (Placeholder: see issue 4.)

/// The documented default configuration, embedded from `config.toml`.
pub const DEFAULT_TOML: &str = include_str!("../config.toml");
