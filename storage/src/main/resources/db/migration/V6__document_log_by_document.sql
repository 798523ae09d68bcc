-- The update log, stored in document order: rows keyed by (document_id, seq) in a WITHOUT ROWID table, instead of
-- rows in global append order with an index by document.
--
-- Why: a compaction deletes the rows it folded. In append order, the rows of the documents edited at the same time
-- interleave, so deleting one document's rows rewrote nearly every page of the log written since its last
-- compaction, in one transaction that every append queued behind waited for. In document order they are a few
-- contiguous pages; each commit also writes about one page per document it appends to, and no separate index.
--
-- seq is no longer AUTOINCREMENT (WITHOUT ROWID tables have none): the storage writer hands seqs out, counting on
-- from the highest one the database holds, in the log or folded into a snapshot (documents.snapshot_seq). So within
-- a document seq order is still append order, also after the rows with the highest seqs were folded away; a seq
-- of a deleted document may be handed out again, to another document id (ids stay AUTOINCREMENT).

CREATE TABLE document_log (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    data        BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;

INSERT INTO document_log (document_id, seq, data, created_at)
SELECT document_id, seq, data, created_at FROM document_updates;

DROP TABLE document_updates;

ALTER TABLE document_log RENAME TO document_updates;
