//! Hands a link to the system's browser opener. The URL is one argv element, never part of a
//! shell string, and only http(s) links are passed on, plus `file:` links of articles the user
//! added from files.

use std::process::{Command, Stdio};

/// The openers tried, in order, for this platform.
const OPENERS: &[&str] = if cfg!(target_os = "macos") {
    &["open"]
} else if cfg!(windows) {
    &["explorer"]
} else {
    &["xdg-open"]
};

/// Starts the first opener that exists with `url`; returns its name, or a message for the
/// status line.
///
/// # Errors
/// A link that is not http(s), or no opener could be started.
pub fn open_link(url: &str, local: bool) -> Result<&'static str, String> {
    check(url, local)?;
    for program in OPENERS {
        let spawned = Command::new(program)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = spawned {
            // Reap it in the background so it does not linger as a zombie.
            std::thread::spawn(move || child.wait());
            return Ok(program);
        }
    }
    Err(format!(
        "cannot open '{url}': no browser opener found (tried {})",
        OPENERS.join(", ")
    ))
}

/// Only web links, and `file:` links when `local` (an article the user added): a feed could
/// carry `file:` or other schemes an opener would act on.
///
/// # Errors
/// Any other scheme.
pub fn check(url: &str, local: bool) -> Result<(), String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || (local && lower.starts_with("file://"))
    {
        Ok(())
    } else {
        Err(format!("not opening '{url}': only http and https links"))
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn only_web_links() {
        assert!(check("https://example.org/a b", false).is_ok());
        assert!(check("HTTP://example.org", false).is_ok());
        assert!(
            check("file:///etc/passwd", false).is_err(),
            "not from a feed"
        );
        assert!(
            check("file:///home/me/a.txt", true).is_ok(),
            "a file the user added"
        );
        assert!(check("javascript:alert(1)", true).is_err());
        assert!(check("-version", true).is_err());
        assert!(check("", false).is_err());
    }
}
