/**
 * Numbered migrations; PRAGMA user_version holds the number of the last one applied. Append, never edit: a database
 * written by any earlier version must open (test/main/history/migrations.test.ts keeps a version-1 file).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: entries, their images kept apart (so lists never load blobs and images can be pruned alone), trigram search.
  `
  CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    source_kind   TEXT    NOT NULL CHECK (source_kind IN ('region', 'file', 'clipboard', 'drop')),
    source        TEXT    NOT NULL,
    file_name     TEXT,
    text          TEXT    NOT NULL DEFAULT '',
    edited_text   TEXT,
    engine        TEXT    NOT NULL,
    model         TEXT    NOT NULL,
    mode          TEXT,
    prompt        TEXT,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
    error_code    TEXT,
    error_message TEXT,
    retryable     INTEGER NOT NULL DEFAULT 0,
    input_tokens  INTEGER,
    output_tokens INTEGER,
    image_tokens  INTEGER,
    cost          REAL,
    duration_ms   INTEGER,
    request_id    TEXT,
    width         INTEGER,
    height        INTEGER,
    sent_width    INTEGER,
    sent_height   INTEGER,
    pinned        INTEGER NOT NULL DEFAULT 0,
    tags          TEXT    NOT NULL DEFAULT '[]',
    owner_pid     INTEGER
  );
  CREATE INDEX entries_created ON entries (created_at DESC, id DESC);
  CREATE INDEX entries_status ON entries (status) WHERE status = 'pending';

  CREATE TABLE images (
    entry_id   INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    mime       TEXT    NOT NULL,
    image      BLOB,
    thumbnail  BLOB,
    bytes      INTEGER NOT NULL DEFAULT 0
  );

  CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text, edited_text, file_name,
    content = 'entries', content_rowid = 'id', tokenize = 'trigram'
  );
  CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, text, edited_text, file_name) VALUES (new.id, new.text, new.edited_text, new.file_name);
  END;
  CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, text, edited_text, file_name)
      VALUES ('delete', old.id, old.text, old.edited_text, old.file_name);
  END;
  CREATE TRIGGER entries_fts_update AFTER UPDATE OF text, edited_text, file_name ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, text, edited_text, file_name)
      VALUES ('delete', old.id, old.text, old.edited_text, old.file_name);
    INSERT INTO entries_fts (rowid, text, edited_text, file_name) VALUES (new.id, new.text, new.edited_text, new.file_name);
  END;
  `,
  // 2: how many times an entry has been read, so retries show.
  `ALTER TABLE entries ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
