-- Comment threads, anchored to a passage of a document's text, and their comments (the first one opens the
-- thread; the others are replies). Times are epoch milliseconds. Documents are named, not referenced by id:
-- a thread outlives the room that loaded its document, and a document's record (V2) is optional.
--
-- The anchor is two Yjs relative positions in their binary form (Y.encodeRelativePosition): the passage's
-- first unit and the position after its last one, in the root Y.Text named anchor_type. The server resolves them against the document's current
-- state when it lists threads; the quote is the passage's text when the thread was opened, so that a thread
-- whose passage was deleted (detached) still shows what it was about.

CREATE TABLE comment_threads (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    document       TEXT    NOT NULL CHECK (length(document) BETWEEN 1 AND 1024),
    anchor_start   BLOB    NOT NULL,
    anchor_end     BLOB    NOT NULL,
    anchor_type    TEXT    NOT NULL,
    quote          TEXT    NOT NULL,
    author_subject TEXT    NOT NULL,
    author_name    TEXT    NOT NULL,
    -- NULL: visible to everyone who may read the document. Else the subject of the one reader who shares this
    -- private thread with the document's owner; nobody else sees it.
    private_to     TEXT,
    -- NULL while open
    resolved_at    INTEGER,
    resolved_by    TEXT,
    created_at     INTEGER NOT NULL
);

CREATE INDEX comment_threads_by_document ON comment_threads (document, id);

CREATE TABLE comments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id      INTEGER NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
    author_subject TEXT    NOT NULL,
    author_name    TEXT    NOT NULL,
    body           TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    -- NULL until the author edits it
    edited_at      INTEGER
);

CREATE INDEX comments_by_thread ON comments (thread_id, id);
