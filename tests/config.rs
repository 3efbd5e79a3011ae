//! Config fixtures: every valid one parses; every invalid one fails with a message naming the
//! file, line, column and key.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use byline::action::Action;
use byline::config::Config;

fn fixture(name: &str) -> (std::path::PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

#[test]
fn valid_fixtures_parse() {
    let (path, text) = fixture("valid/partial.toml");
    let c = Config::from_toml(&text, &path).unwrap();
    assert_eq!(c.layout.panel_width, 40);
    assert_eq!(
        c.layout.wrap_width,
        Config::default().layout.wrap_width,
        "unset options keep defaults"
    );
    assert_eq!(
        c.keys.get(&Action::Next),
        Some(&vec!["n".to_owned(), "<Right>".to_owned()])
    );
    let (path, text) = fixture("valid/empty.toml");
    assert_eq!(Config::from_toml(&text, &path).unwrap(), Config::default());
}

#[test]
fn invalid_fixtures_name_file_line_column_and_key() {
    let cases = [
        (
            "invalid/typo.toml",
            "line 3, column 1",
            "layout.pannel_width",
        ),
        (
            "invalid/unknown_action.toml",
            "line 2, column 1",
            "keys.jump_around",
        ),
        (
            "invalid/wrong_type.toml",
            "line 2, column 14",
            "key 'layout.wrap_width'",
        ),
        ("invalid/syntax.toml", "line 1, column 8", "unclosed table"),
    ];
    for (name, at, key) in cases {
        let (path, text) = fixture(name);
        let err = Config::from_toml(&text, &path).unwrap_err().to_string();
        assert!(err.contains(name), "{name}: {err}");
        assert!(err.contains(at), "{name}: {err}");
        assert!(err.contains(key), "{name}: {err}");
    }
}

#[test]
fn load_reports_and_falls_back_to_defaults() {
    let (path, _) = fixture("invalid/typo.toml");
    let (config, err) = Config::load(Some(&path));
    assert_eq!(config, Config::default());
    assert!(err.unwrap().to_string().contains("pannel_width"));
    let (config, err) = Config::load(Some(Path::new("/nonexistent/byline.toml")));
    assert_eq!(config, Config::default());
    assert!(
        err.unwrap()
            .to_string()
            .contains("/nonexistent/byline.toml")
    );
}
