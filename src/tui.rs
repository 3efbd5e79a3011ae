//! Terminal set-up and the event loop. (Placeholder: see issue 4.)

use std::path::{Path, PathBuf};

/// Opens the reader.
///
/// # Errors
/// Terminal failures.
pub fn run(_files: &[PathBuf], _data: Option<&Path>, _config: Option<&Path>) -> anyhow::Result<()> {
    anyhow::bail!("the reader is not built yet")
}
