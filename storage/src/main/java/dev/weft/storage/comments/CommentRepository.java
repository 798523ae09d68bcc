package dev.weft.storage.comments;

import dev.weft.storage.Columns;
import dev.weft.storage.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Comment threads and their comments ({@code V3__comments.sql}). Writes go through the storage's writer and
 * complete after COMMIT; reads block on a pooled connection (call them from a virtual thread). Nothing here
 * checks who may do what: the caller has, and names the document it checked, which every lookup by id must
 * match (an id from another document is "not found").
 */
public final class CommentRepository {
    private static final String THREAD_COLUMNS = "t.id, t.document, t.anchor_start, t.anchor_end, t.anchor_type, "
            + "t.quote, t.author_subject, t.author_name, t.private_to, t.resolved_at, t.resolved_by, t.created_at";
    private static final String COMMENT_COLUMNS = "c.id, c.thread_id, c.author_subject, c.author_name, c.body, "
            + "c.created_at, c.edited_at";

    private final Tables tables;
    private final InstantSource clock;

    public CommentRepository(Tables tables, InstantSource clock) {
        this.tables = tables;
        this.clock = clock;
    }

    /** Stores a new thread with its first comment; completes with the thread as stored. */
    public CompletableFuture<CommentThread> open(NewThread thread) {
        long now = clock.millis();
        return tables.write("open a comment thread on '" + thread.document() + "'", connection -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO comment_threads (document, anchor_start, anchor_end, anchor_type, quote, author_subject,
                        author_name, private_to, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                insert.setString(1, thread.document());
                insert.setBytes(2, thread.anchorStart());
                insert.setBytes(3, thread.anchorEnd());
                insert.setString(4, thread.anchorType());
                insert.setString(5, thread.quote());
                insert.setString(6, thread.author().subject());
                insert.setString(7, thread.author().name());
                if (thread.privateTo() == null) {
                    insert.setNull(8, Types.VARCHAR);
                } else {
                    insert.setString(8, thread.privateTo());
                }
                insert.setLong(9, now);
                id = returnedId(insert);
            }
            insertComment(connection, id, thread.author(), thread.body(), now);
            return find(connection, thread.document(), id).orElseThrow();
        });
    }

    /** Adds a reply to a thread of {@code document}; completes empty if there is no such thread. */
    public CompletableFuture<Optional<Comment>> reply(String document, long threadId, CommentAuthor author,
            String body) {
        long now = clock.millis();
        return tables.write("reply in thread " + threadId, connection -> {
            if (find(connection, document, threadId).isEmpty()) {
                return Optional.empty();
            }
            long id = insertComment(connection, threadId, author, body, now);
            return Optional.of(new Comment(id, threadId, author, body, Instant.ofEpochMilli(now), null));
        });
    }

    /** Every thread of {@code document}, oldest first, with its comments. */
    public List<CommentThread> threads(String document) {
        return tables.read("list the comment threads of '" + document + "'", connection -> {
            Map<Long, List<Comment>> comments = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COMMENT_COLUMNS
                    + " FROM comments c JOIN comment_threads t ON t.id = c.thread_id WHERE t.document = ?"
                    + " ORDER BY c.id")) {
                select.setString(1, document);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Comment comment = comment(rows);
                        comments.computeIfAbsent(comment.threadId(), k -> new ArrayList<>()).add(comment);
                    }
                }
            }
            List<CommentThread> threads = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + THREAD_COLUMNS
                    + " FROM comment_threads t WHERE t.document = ? ORDER BY t.id")) {
                select.setString(1, document);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        threads.add(thread(rows, comments.getOrDefault(rows.getLong(1), List.of())));
                    }
                }
            }
            return threads;
        });
    }

    /** The thread {@code threadId} of {@code document}, with its comments. */
    public Optional<CommentThread> thread(String document, long threadId) {
        return tables.read("read comment thread " + threadId, connection -> find(connection, document, threadId));
    }

    /** Replaces a comment's body and stamps it edited; completes with the comment as now stored, if found. */
    public CompletableFuture<Optional<Comment>> edit(String document, long threadId, long commentId, String body) {
        long now = clock.millis();
        return tables.write("edit comment " + commentId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE comments SET body = ?, edited_at = ?
                    WHERE id = ? AND thread_id IN (SELECT id FROM comment_threads WHERE id = ? AND document = ?)""")) {
                update.setString(1, body);
                update.setLong(2, now);
                update.setLong(3, commentId);
                update.setLong(4, threadId);
                update.setString(5, document);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return find(connection, document, threadId).flatMap(t -> t.comment(commentId));
        });
    }

    /**
     * Deletes a comment. A thread whose last comment goes is deleted with it.
     *
     * @return completes with whether the comment existed and whether its thread was deleted too
     */
    public CompletableFuture<Deletion> deleteComment(String document, long threadId, long commentId) {
        return tables.write("delete comment " + commentId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("""
                    DELETE FROM comments
                    WHERE id = ? AND thread_id IN (SELECT id FROM comment_threads WHERE id = ? AND document = ?)""")) {
                delete.setLong(1, commentId);
                delete.setLong(2, threadId);
                delete.setString(3, document);
                if (delete.executeUpdate() == 0) {
                    return Deletion.NOT_FOUND;
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("""
                    DELETE FROM comment_threads
                    WHERE id = ? AND NOT EXISTS (SELECT 1 FROM comments WHERE thread_id = ?)""")) {
                delete.setLong(1, threadId);
                delete.setLong(2, threadId);
                return delete.executeUpdate() == 0 ? Deletion.COMMENT : Deletion.COMMENT_AND_THREAD;
            }
        });
    }

    /** Deletes a thread and its comments; completes with whether it existed. */
    public CompletableFuture<Boolean> deleteThread(String document, long threadId) {
        return tables.write("delete comment thread " + threadId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM comment_threads WHERE id = ? AND document = ?")) {
                delete.setLong(1, threadId);
                delete.setString(2, document);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** Deletes every thread of {@code document} and their comments; completes with how many threads went. */
    public CompletableFuture<Integer> deleteAll(String document) {
        return tables.write("delete the comment threads of '" + document + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM comment_threads WHERE document = ?")) {
                delete.setString(1, document);
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Resolves a thread ({@code resolvedBy} set) or reopens it ({@code resolvedBy} null); completes with the
     * thread as now stored, if found.
     */
    public CompletableFuture<Optional<CommentThread>> resolve(String document, long threadId, String resolvedBy) {
        long now = clock.millis();
        return tables.write((resolvedBy == null ? "reopen" : "resolve") + " comment thread " + threadId,
                connection -> {
                    try (PreparedStatement update = connection.prepareStatement("UPDATE comment_threads"
                            + " SET resolved_at = ?, resolved_by = ? WHERE id = ? AND document = ?")) {
                        if (resolvedBy == null) {
                            update.setNull(1, Types.INTEGER);
                            update.setNull(2, Types.VARCHAR);
                        } else {
                            update.setLong(1, now);
                            update.setString(2, resolvedBy);
                        }
                        update.setLong(3, threadId);
                        update.setString(4, document);
                        if (update.executeUpdate() == 0) {
                            return Optional.empty();
                        }
                    }
                    return find(connection, document, threadId);
                });
    }

    /** What {@link #deleteComment} removed. */
    public enum Deletion {
        NOT_FOUND, COMMENT, COMMENT_AND_THREAD
    }

    private static long insertComment(Connection connection, long threadId, CommentAuthor author, String body,
            long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO comments (thread_id, author_subject, author_name, body, created_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")) {
            insert.setLong(1, threadId);
            insert.setString(2, author.subject());
            insert.setString(3, author.name());
            insert.setString(4, body);
            insert.setLong(5, now);
            return returnedId(insert);
        }
    }

    private static Optional<CommentThread> find(Connection connection, String document, long threadId)
            throws SQLException {
        List<Comment> comments = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COMMENT_COLUMNS
                + " FROM comments c WHERE c.thread_id = ? ORDER BY c.id")) {
            select.setLong(1, threadId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    comments.add(comment(rows));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT " + THREAD_COLUMNS
                + " FROM comment_threads t WHERE t.id = ? AND t.document = ?")) {
            select.setLong(1, threadId);
            select.setString(2, document);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(thread(rows, comments)) : Optional.empty();
            }
        }
    }

    private static long returnedId(PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.executeQuery()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static CommentThread thread(ResultSet rows, List<Comment> comments) throws SQLException {
        return new CommentThread(rows.getLong(1), rows.getString(2), rows.getBytes(3), rows.getBytes(4),
                rows.getString(5), rows.getString(6), new CommentAuthor(rows.getString(7), rows.getString(8)),
                rows.getString(9), Columns.instantOrNull(rows, 10), rows.getString(11),
                Instant.ofEpochMilli(rows.getLong(12)), comments);
    }

    private static Comment comment(ResultSet rows) throws SQLException {
        return new Comment(rows.getLong(1), rows.getLong(2), new CommentAuthor(rows.getString(3), rows.getString(4)),
                rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)), Columns.instantOrNull(rows, 7));
    }
}
