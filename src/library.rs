//! Library use cases: add, fetch, import, export. (Placeholder: see issue 5.)

pub mod cli {
    use std::path::Path;

    use crate::cli::Command;

    /// Runs a library subcommand.
    ///
    /// # Errors
    /// Not built yet.
    pub fn run(_cmd: Command, _data: Option<&Path>) -> anyhow::Result<()> {
        anyhow::bail!("the library is not built yet")
    }
}
