//! The real binary's `annotate` command: JSON offsets, the JSONL batch, the text listing, errors.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_byline");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/articles/seed-obama-putin-syria.txt"
);

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn byline");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn json_offsets_slice_the_body() {
    let (code, out, err) = run(&["annotate", SEED, "--format", "json"], "");
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["schema"], "byline.annotations/1");
    assert_eq!(
        v["title"],
        "Gaps of trust hamper Syria deal with Russia —Obama"
    );
    let body = v["body"].as_str().expect("body").as_bytes();
    let quotes = v["quotes"].as_array().expect("quotes");
    assert!(quotes.len() >= 9, "{} quotes", quotes.len());
    for q in quotes {
        let (a, b) = (
            q["start"].as_u64().expect("start") as usize,
            q["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            body.get(a..b).and_then(|p| std::str::from_utf8(p).ok()),
            q["text"].as_str()
        );
    }
    let obama: Vec<_> = v["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .filter(|s| s["name"].as_str().is_some_and(|n| n.contains("Obama")))
        .collect();
    assert_eq!(obama.len(), 1);
}

#[test]
fn jsonl_batch_keeps_ids_and_order() {
    let input = "{\"id\": \"b\", \"text\": \"“Yes,” she said.\"}\n\n{\"id\": 7, \"text\": \"The mayor said the road would reopen.\"}\n";
    let (code, out, err) = run(&["annotate", "--jsonl"], input);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "b");
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["quotes"][0]["kind"], "indirect");
}

#[test]
fn text_listing_names_speakers_then_entities_and_topics() {
    let (code, out, _) = run(
        &["annotate", "-", "--format", "text"],
        "“We will win,” Mayor Ana Ortiz said.\n\nShe spoke in Lisbon.",
    );
    assert_eq!(code, 0);
    let speaker = out.find("Ana Ortiz [person]").expect("speaker line");
    let entities = out.find("Entities:").expect("entities");
    let topics = out.find("Topics:").expect("topics");
    assert!(speaker < entities && entities < topics, "{out}");
    assert!(out.contains("direct   We will win,"), "{out}");
}

#[test]
fn bad_input_is_one_clear_line() {
    let (code, _, err) = run(&["annotate", "/nonexistent/article.txt"], "");
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "byline: cannot read '/nonexistent/article.txt': No such file or directory (os error 2)"
    );
    let (code, _, err) = run(&["annotate", "--jsonl"], "{\"id\": 1}\n");
    assert_eq!(code, 1);
    assert!(err.contains("line 1: no \"text\" string"), "{err}");
}
