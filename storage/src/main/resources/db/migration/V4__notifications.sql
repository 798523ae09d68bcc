-- Notifications: one row per recipient of each new comment or reply (the document's owner and the thread's
-- participants, never the comment's own author), read back as a feed and marked read. A deleted comment takes
-- its notifications with it. Times are epoch milliseconds.

CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient     TEXT    NOT NULL,
    document      TEXT    NOT NULL,
    thread_id     INTEGER NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
    comment_id    INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    -- 'comment' (a new thread) or 'reply'
    kind          TEXT    NOT NULL CHECK (kind IN ('comment', 'reply')),
    actor_subject TEXT    NOT NULL,
    actor_name    TEXT    NOT NULL,
    excerpt       TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    -- NULL while unread
    read_at       INTEGER
);

CREATE INDEX notifications_by_recipient ON notifications (recipient, id);

-- Every attempt to deliver a webhook event, successful or not: the event's id is the same on every attempt
-- (receivers use it to drop duplicates), the attempt number counts from 1.
CREATE TABLE webhook_deliveries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id     TEXT    NOT NULL,
    event_type   TEXT    NOT NULL,
    url          TEXT    NOT NULL,
    attempt      INTEGER NOT NULL CHECK (attempt >= 1),
    -- the receiver's HTTP status; NULL when no answer came (refused, timed out)
    status       INTEGER,
    -- why the attempt failed; NULL when it succeeded
    error        TEXT,
    -- 'delivered', 'retrying' (another attempt follows) or 'failed' (the last attempt failed)
    outcome      TEXT    NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed')),
    attempted_at INTEGER NOT NULL
);

CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id, attempt);
