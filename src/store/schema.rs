//! The schema as a list of forward migrations. `PRAGMA user_version` is the number of steps
//! applied; opening runs the missing ones, each in its own transaction with the version bump, so a
//! crash leaves the file at a whole version. Never edit a step once released: append a new one.

use rusqlite::Connection;

/// Step 1: sources and articles. Articles are unique per source by `key` (guid, else URL, else a
/// hash of title and body); articles added from files or pages have no feed (`feed_id` NULL).
const V1: &str = "
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT,
    site_url      TEXT,
    etag          TEXT,
    last_modified TEXT,
    last_fetched  INTEGER,
    last_error    TEXT,
    added         INTEGER NOT NULL
);
CREATE TABLE articles (
    id        INTEGER PRIMARY KEY,
    feed_id   INTEGER REFERENCES feeds(id) ON DELETE CASCADE,
    key       TEXT NOT NULL,
    url       TEXT,
    guid      TEXT,
    title     TEXT NOT NULL,
    author    TEXT,
    source    TEXT,
    published INTEGER,
    fetched   INTEGER NOT NULL,
    body      TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    read      INTEGER NOT NULL DEFAULT 0,
    starred   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX articles_key ON articles (ifnull(feed_id, 0), key);
CREATE INDEX articles_feed ON articles (feed_id, published);
-- Covers the unread counts of the list's groups without reading article rows.
CREATE INDEX articles_read ON articles (feed_id, read);
";

/// Step 2: standoff annotations, quote rows for the speakers index and quote search, and
/// full-text search over titles and bodies (external-content FTS5 kept in step by triggers;
/// `detail=column` because queries are words and prefixes, never phrases, and it indexes ~30%
/// faster). Quote texts lie inside bodies, so the body index finds them too.
const V2: &str = "
CREATE TABLE annotations (
    article_id        INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    body_hash         TEXT NOT NULL,
    annotator_version INTEGER NOT NULL,
    quote_count       INTEGER NOT NULL,
    json              TEXT NOT NULL
);
CREATE TABLE quotes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    speaker    TEXT,
    text       TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id);
-- Covers the speakers index (quote and article counts per speaker).
CREATE INDEX quotes_speaker ON quotes (speaker, article_id);

CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, content = 'articles', content_rowid = 'id', detail = column);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

";

/// Step 3, for writing speed (a fetch of 50,000 articles spent most of its writer's time here):
/// - new articles are indexed by the store in one statement per article at the end of each
///   chunk, not by a trigger: with the trigger every article insert opened a statement journal,
///   and FTS5 flushes its pending terms at every savepoint, so a fetch wrote one tiny segment
///   per article and then merged them all. Deletes and body updates keep their triggers;
/// - the index keeps no positions (`detail=none`: queries are words and prefixes, never
///   phrases; snippets re-read the text) and merges in larger steps (`automerge` 8);
/// - quote rows are clustered by article (`WITHOUT ROWID`, no separate article index) and keep
///   no copy of their text, which lies in the body at `start..end`.
const V3: &str = "
DROP TRIGGER articles_fts_ai;
DROP TRIGGER articles_fts_ad;
DROP TRIGGER articles_fts_au;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, content = 'articles', content_rowid = 'id',
    detail = none, tokenize = \"unicode61 categories 'L* N* Co M*'\");
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TABLE quotes_v3 (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    speaker    TEXT,
    PRIMARY KEY (article_id, ord)
) WITHOUT ROWID;
INSERT INTO quotes_v3 SELECT article_id, ord, kind, start, end, speaker FROM quotes;
DROP TABLE quotes;
ALTER TABLE quotes_v3 RENAME TO quotes;
-- Covers the speakers index (quote and article counts per speaker).
CREATE INDEX quotes_speaker ON quotes (speaker, article_id);
";

/// Step 4: the speakers index keeps one row per speaker and article with the number of quotes
/// (about 8 rows an article instead of 18 quote rows, each in two b-trees: the writer's largest
/// cost after the full-text index). A quote itself is read from its article's annotations.
const V4: &str = "
CREATE TABLE speaker_quotes (
    speaker    TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quotes     INTEGER NOT NULL,
    PRIMARY KEY (speaker, article_id)
) WITHOUT ROWID;
INSERT INTO speaker_quotes
    SELECT speaker, article_id, count(*) FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker, article_id;
-- Deletes by article (a changed body, a removed feed's cascade).
CREATE INDEX speaker_quotes_article ON speaker_quotes (article_id);
DROP TABLE quotes;
";

/// Step 5: the full-text index keeps no copy of the text (`content=''`, deletes by rowid with
/// `contentless_delete`), so the store can give it each article's distinct words instead of the
/// body (`store::terms`): with `detail=none` both index alike, and the list is half the tokens.
/// Search snippets are cut from the stored body (`store::search`). Rows indexed before this step
/// are indexed again here from their bodies (the same terms, only more of them).
const V5: &str = "
DROP TRIGGER articles_fts_ad;
DROP TRIGGER articles_fts_au;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, content = '', contentless_delete = 1,
    detail = none, tokenize = \"unicode61 categories 'L* N* Co M*'\");
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM articles;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;
";

/// Step 6: the speakers index is one row per article (`article_speakers`: the article's quoted
/// speakers and their quote counts as one text, see `store::annotations::encode_speakers`), keyed
/// by the article, so a fetch appends one row per article. `speaker_quotes` had ~12.6 rows an
/// article keyed by speaker: every transaction of 250 articles dirtied most of its pages at random,
/// and each dirty 16 KB page is a WAL frame at commit; without it a 50,000-article fetch took 20 %
/// less time and wrote 58 % fewer bytes. The speakers view reads the rows once and counts in Rust.
const V6: &str = "
CREATE TABLE article_speakers (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    speakers   TEXT NOT NULL
);
INSERT INTO article_speakers (article_id, speakers)
    SELECT article_id, group_concat(replace(speaker, char(31), ' ') || char(31) || quotes, char(31))
    FROM speaker_quotes GROUP BY article_id;
DROP TABLE speaker_quotes;
";

/// Every step, in order; `STEPS[i]` takes a file from version `i` to `i + 1`.
pub const STEPS: &[&str] = &[V1, V2, V3, V4, V5, V6];

/// The version this build writes and reads.
#[allow(clippy::cast_possible_truncation)]
pub const VERSION: u32 = STEPS.len() as u32;

/// Applies the steps after `from`, one transaction each.
///
/// # Errors
/// SQLite fails; the file stays at the last whole version.
pub fn migrate(conn: &mut Connection, from: u32) -> rusqlite::Result<()> {
    migrate_to(conn, from, VERSION)
}

/// Applies the steps after `from` up to `to` (tests build older files with this).
///
/// # Errors
/// SQLite fails.
pub fn migrate_to(conn: &mut Connection, from: u32, to: u32) -> rusqlite::Result<()> {
    for v in from..to.min(VERSION) {
        let Some(step) = STEPS.get(v as usize) else {
            break;
        };
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
    Ok(())
}
