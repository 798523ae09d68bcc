-- Sharing: documents as records with an owner and collaborators' roles, share links and the reader sessions
-- opened from them, and the audit log of sharing and role changes. Times are epoch milliseconds.
--
-- A record's name is the document's name everywhere else (the room, the update log, comments): it never changes.
-- What a rename changes is the title, which people see.

CREATE TABLE document_records (
    name       TEXT    PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 1024),
    title      TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    -- the subject that created the record; the one member with the owner role
    owner      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE INDEX document_records_by_owner ON document_records (owner);

-- Collaborators the owner invited; the owner is not listed here.
CREATE TABLE document_members (
    document   TEXT    NOT NULL REFERENCES document_records (name) ON DELETE CASCADE,
    subject    TEXT    NOT NULL,
    role       TEXT    NOT NULL CHECK (role IN ('editor', 'commenter', 'viewer')),
    added_by   TEXT    NOT NULL,
    added_at   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (document, subject)
);

CREATE INDEX document_members_by_subject ON document_members (subject);

-- Only the SHA-256 of a link's token is kept: the token itself is shown once, when the link is created.
CREATE TABLE share_links (
    id               TEXT    PRIMARY KEY,
    document         TEXT    NOT NULL REFERENCES document_records (name) ON DELETE CASCADE,
    token_hash       BLOB    NOT NULL UNIQUE,
    allow_comments   INTEGER NOT NULL CHECK (allow_comments IN (0, 1)),
    allow_anonymous  INTEGER NOT NULL CHECK (allow_anonymous IN (0, 1)),
    -- NULL: no limit
    max_participants INTEGER CHECK (max_participants > 0),
    -- NULL: never expires
    expires_at       INTEGER,
    published        INTEGER NOT NULL CHECK (published IN (0, 1)),
    created_by       TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);

CREATE INDEX share_links_by_document ON share_links (document);

-- One row per reader who opened a link: a participant until the session expires.
CREATE TABLE link_sessions (
    id           TEXT    PRIMARY KEY,
    link         TEXT    NOT NULL REFERENCES share_links (id) ON DELETE CASCADE,
    -- NULL: anonymous
    display_name TEXT CHECK (length(display_name) BETWEEN 1 AND 80),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);

CREATE INDEX link_sessions_by_link ON link_sessions (link, expires_at);

-- Kept when the document's record is deleted: the deletion is the last entry.
CREATE TABLE sharing_audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT    NOT NULL,
    actor    TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    -- the member or link acted on, if any
    target   TEXT,
    -- a JSON object with the change's details, if any
    detail   TEXT,
    at       INTEGER NOT NULL
);

CREATE INDEX sharing_audit_by_document ON sharing_audit (document, id);
