-- Documents and their update logs. A document's state is its snapshot (the merge of every update that
-- compaction folded into it; NULL until the first compaction) followed by the updates still in its log, in seq
-- order. Times are epoch milliseconds.
--
-- AUTOINCREMENT keeps ids and seqs from ever being reused: a compaction prepared before a document was deleted
-- and created again must not match the new document, and seq order must stay append order after the rows with
-- the highest seqs were folded away. (PostgreSQL's identity columns behave so by default.)

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 1024),
    snapshot     BLOB,
    -- the seq of the last update folded into snapshot; 0 before the first compaction
    snapshot_seq INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    -- the time of the last append
    updated_at   INTEGER NOT NULL
);

CREATE TABLE document_updates (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    data        BLOB    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE INDEX document_updates_by_document ON document_updates (document_id, seq);
