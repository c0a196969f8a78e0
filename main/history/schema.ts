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
  // 3: one- and two-character search through the index. Each column is indexed with two sentinel characters
  // appended (U+E000, never typed), so every occurrence of a short term starts some trigram, and the trigrams that
  // start with it are found in the vocabulary. The index holds no copy of the text (contentless).
  `
  DROP TRIGGER entries_fts_insert;
  DROP TRIGGER entries_fts_delete;
  DROP TRIGGER entries_fts_update;
  DROP TABLE entries_fts;
  CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text, edited_text, file_name,
    content = '', contentless_delete = 1, tokenize = 'trigram'
  );
  CREATE VIRTUAL TABLE entries_fts_vocab USING fts5vocab (entries_fts, 'row');
  CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, text, edited_text, file_name)
      VALUES (new.id, new.text || char(57344, 57344), COALESCE(new.edited_text, '') || char(57344, 57344),
              COALESCE(new.file_name, '') || char(57344, 57344));
  END;
  CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    DELETE FROM entries_fts WHERE rowid = old.id;
  END;
  CREATE TRIGGER entries_fts_update AFTER UPDATE OF text, edited_text, file_name ON entries BEGIN
    UPDATE entries_fts SET text = new.text || char(57344, 57344),
      edited_text = COALESCE(new.edited_text, '') || char(57344, 57344),
      file_name = COALESCE(new.file_name, '') || char(57344, 57344)
    WHERE rowid = new.id;
  END;
  INSERT INTO entries_fts (rowid, text, edited_text, file_name)
    SELECT id, text || char(57344, 57344), COALESCE(edited_text, '') || char(57344, 57344),
           COALESCE(file_name, '') || char(57344, 57344)
    FROM entries;
  `,
  // 4: the same index without positions (detail=none): less than half the size. Terms become the set of their
  // trigrams, which finds candidates; LIKE over the entry then confirms the characters really are adjacent.
  `
  DROP TABLE entries_fts_vocab;
  DROP TABLE entries_fts;
  CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text, edited_text, file_name,
    content = '', contentless_delete = 1, tokenize = 'trigram', detail = none
  );
  CREATE VIRTUAL TABLE entries_fts_vocab USING fts5vocab (entries_fts, 'row');
  INSERT INTO entries_fts (rowid, text, edited_text, file_name)
    SELECT id, text || char(57344, 57344), COALESCE(edited_text, '') || char(57344, 57344),
           COALESCE(file_name, '') || char(57344, 57344)
    FROM entries;
  `,
  // 5: how sure the engine was of the text (the offline engine says; null for the others).
  `ALTER TABLE entries ADD COLUMN confidence REAL;`,
  // 6: the text with its places on the original image, as JSON (ocr/words.ts); null where the engine gave none.
  `ALTER TABLE entries ADD COLUMN words TEXT;`,
  // 7: the DashScope region that billed an entry, and what each region billed per month: a ledger apart from the
  // entries, so that deleting history does not make the month's spending look smaller than it was.
  `
  ALTER TABLE entries ADD COLUMN region TEXT;
  CREATE TABLE usage_totals (
    month         TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    requests      INTEGER NOT NULL DEFAULT 0,
    input_tokens  INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cost          REAL    NOT NULL DEFAULT 0,
    PRIMARY KEY (month, region)
  ) WITHOUT ROWID;
  `,
  // 8: the QR codes and barcodes found beside the text (codes/scan.ts), as JSON, and their contents as text, which
  // the search index now holds as a fourth column (the index is made again, as in 4).
  `
  ALTER TABLE entries ADD COLUMN codes TEXT;
  ALTER TABLE entries ADD COLUMN codes_text TEXT;
  DROP TRIGGER entries_fts_insert;
  DROP TRIGGER entries_fts_delete;
  DROP TRIGGER entries_fts_update;
  DROP TABLE entries_fts_vocab;
  DROP TABLE entries_fts;
  CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text, edited_text, file_name, codes_text,
    content = '', contentless_delete = 1, tokenize = 'trigram', detail = none
  );
  CREATE VIRTUAL TABLE entries_fts_vocab USING fts5vocab (entries_fts, 'row');
  CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, text, edited_text, file_name, codes_text)
      VALUES (new.id, new.text || char(57344, 57344), COALESCE(new.edited_text, '') || char(57344, 57344),
              COALESCE(new.file_name, '') || char(57344, 57344), COALESCE(new.codes_text, '') || char(57344, 57344));
  END;
  CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    DELETE FROM entries_fts WHERE rowid = old.id;
  END;
  CREATE TRIGGER entries_fts_update AFTER UPDATE OF text, edited_text, file_name, codes_text ON entries BEGIN
    UPDATE entries_fts SET text = new.text || char(57344, 57344),
      edited_text = COALESCE(new.edited_text, '') || char(57344, 57344),
      file_name = COALESCE(new.file_name, '') || char(57344, 57344),
      codes_text = COALESCE(new.codes_text, '') || char(57344, 57344)
    WHERE rowid = new.id;
  END;
  INSERT INTO entries_fts (rowid, text, edited_text, file_name, codes_text)
    SELECT id, text || char(57344, 57344), COALESCE(edited_text, '') || char(57344, 57344),
           COALESCE(file_name, '') || char(57344, 57344), char(57344, 57344)
    FROM entries;
  `,
  // 9: PDF documents: one row each, their pages entries that point at it with their page number.
  `
  CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    file_name  TEXT    NOT NULL,
    pages      INTEGER NOT NULL
  );
  ALTER TABLE entries ADD COLUMN document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL;
  ALTER TABLE entries ADD COLUMN page INTEGER;
  CREATE INDEX entries_document ON entries (document_id, page) WHERE document_id IS NOT NULL;
  `,
  // 10: an entry read offline in place of Qwen keeps why (Qwen's error code, or 'asked'), so the result says so after
  // a reload (review H4). A column of its own, not the error kept on a done entry: every "has an error" check would
  // then read a finished entry as failed.
  `ALTER TABLE entries ADD COLUMN fallback TEXT;`,
  // 11: an entry's translation (issue 24): one per entry, replaced when redone, gone with its entry; its text is
  // searched with the entry's own (a fifth column in the index, kept by triggers on both tables).
  `
  CREATE TABLE translations (
    entry_id      INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    target        TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    model         TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    lines         TEXT,
    input_tokens  INTEGER,
    output_tokens INTEGER,
    cost          REAL,
    region        TEXT,
    error_code    TEXT,
    error_message TEXT,
    created_at    INTEGER NOT NULL
  );
  DROP TRIGGER entries_fts_insert;
  DROP TRIGGER entries_fts_delete;
  DROP TRIGGER entries_fts_update;
  DROP TABLE entries_fts_vocab;
  DROP TABLE entries_fts;
  CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text, edited_text, file_name, codes_text, translation_text,
    content = '', contentless_delete = 1, tokenize = 'trigram', detail = none
  );
  CREATE VIRTUAL TABLE entries_fts_vocab USING fts5vocab (entries_fts, 'row');
  CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, text, edited_text, file_name, codes_text, translation_text)
      VALUES (new.id, new.text || char(57344, 57344), COALESCE(new.edited_text, '') || char(57344, 57344),
              COALESCE(new.file_name, '') || char(57344, 57344), COALESCE(new.codes_text, '') || char(57344, 57344),
              char(57344, 57344));
  END;
  CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    DELETE FROM entries_fts WHERE rowid = old.id;
  END;
  CREATE TRIGGER entries_fts_update AFTER UPDATE OF text, edited_text, file_name, codes_text ON entries BEGIN
    UPDATE entries_fts SET text = new.text || char(57344, 57344),
      edited_text = COALESCE(new.edited_text, '') || char(57344, 57344),
      file_name = COALESCE(new.file_name, '') || char(57344, 57344),
      codes_text = COALESCE(new.codes_text, '') || char(57344, 57344),
      translation_text = COALESCE((SELECT t.text FROM translations t WHERE t.entry_id = new.id), '') || char(57344, 57344)
    WHERE rowid = new.id;
  END;
  CREATE TRIGGER translations_fts_insert AFTER INSERT ON translations BEGIN
    UPDATE entries_fts SET text = e.text || char(57344, 57344),
      edited_text = COALESCE(e.edited_text, '') || char(57344, 57344),
      file_name = COALESCE(e.file_name, '') || char(57344, 57344),
      codes_text = COALESCE(e.codes_text, '') || char(57344, 57344),
      translation_text = new.text || char(57344, 57344)
    FROM (SELECT * FROM entries WHERE id = new.entry_id) AS e WHERE entries_fts.rowid = new.entry_id;
  END;
  CREATE TRIGGER translations_fts_update AFTER UPDATE OF text ON translations BEGIN
    UPDATE entries_fts SET text = e.text || char(57344, 57344),
      edited_text = COALESCE(e.edited_text, '') || char(57344, 57344),
      file_name = COALESCE(e.file_name, '') || char(57344, 57344),
      codes_text = COALESCE(e.codes_text, '') || char(57344, 57344),
      translation_text = new.text || char(57344, 57344)
    FROM (SELECT * FROM entries WHERE id = new.entry_id) AS e WHERE entries_fts.rowid = new.entry_id;
  END;
  INSERT INTO entries_fts (rowid, text, edited_text, file_name, codes_text, translation_text)
    SELECT id, text || char(57344, 57344), COALESCE(edited_text, '') || char(57344, 57344),
           COALESCE(file_name, '') || char(57344, 57344), COALESCE(codes_text, '') || char(57344, 57344), char(57344, 57344)
    FROM entries;
  `,
  // 12: batch jobs on DashScope's Batch API (issue 26; batch/ledger.ts): one row per job (one input file), and each
  // request's custom_id tied to the pending entry it fills, so a job that takes a day still lands in its entries.
  `
  CREATE TABLE batch_jobs (
    id             INTEGER PRIMARY KEY,
    batch_id       TEXT    UNIQUE,
    created_at     INTEGER NOT NULL,
    finished_at    INTEGER,
    base_url       TEXT    NOT NULL,
    region         TEXT,
    model          TEXT    NOT NULL,
    input_file_id  TEXT,
    output_file_id TEXT,
    error_file_id  TEXT,
    state          TEXT    NOT NULL,
    total          INTEGER NOT NULL DEFAULT 0,
    completed      INTEGER NOT NULL DEFAULT 0,
    failed         INTEGER NOT NULL DEFAULT 0,
    estimated_cost REAL,
    cost           REAL,
    error          TEXT,
    fetched_at     INTEGER
  );
  CREATE TABLE batch_requests (
    job_id    INTEGER NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
    custom_id TEXT    NOT NULL,
    entry_id  INTEGER REFERENCES entries (id) ON DELETE SET NULL,
    state     TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    PRIMARY KEY (job_id, custom_id)
  ) WITHOUT ROWID;
  CREATE INDEX batch_requests_entry ON batch_requests (entry_id) WHERE state = 'pending';
  `,
  // 13: the files a folder watcher read (issue 25): per file, its identity when read and the state of its reading,
  // so a restarted watcher reads each file exactly once (watch/ledger.ts). entry_ids is a JSON array of entries.
  `
  CREATE TABLE watched_files (
    path            TEXT    PRIMARY KEY,
    size            INTEGER NOT NULL,
    mtime_ms        REAL    NOT NULL,
    sha256          TEXT,
    state           TEXT    NOT NULL CHECK (state IN ('reading', 'done')),
    claimed_at      INTEGER NOT NULL,
    done_at         INTEGER,
    entry_ids       TEXT    NOT NULL DEFAULT '[]',
    output_path     TEXT,
    output_size     INTEGER,
    output_mtime_ms REAL
  ) WITHOUT ROWID;
  `,
  // 14: a batch job's error as a code the window words in the reader's language (batch/job-errors.ts), and the number
  // those words need (requests left unread); the English `error` stays for the command and for older rows.
  `
  ALTER TABLE batch_jobs ADD COLUMN error_code TEXT;
  ALTER TABLE batch_jobs ADD COLUMN error_count INTEGER;
  `,
  // 15: a watched file moved or renamed is known by its bytes (watch/watcher.ts): its new path finds the row read from
  // the same SHA-256 (history/watched-files.ts sameBytes), one lookup however many files were watched.
  `
  CREATE INDEX watched_files_sha256 ON watched_files (sha256) WHERE sha256 IS NOT NULL;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
