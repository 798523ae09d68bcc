package dev.weft.storage.sharing;

import dev.weft.storage.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The audit log of sharing and role changes, per document, oldest first. Entries are written by the other
 * repositories of this package in the transaction of the change they record; this class reads them.
 */
public final class SharingAuditLog {
    private final Tables tables;

    public SharingAuditLog(Tables tables) {
        this.tables = tables;
    }

    /** Logs what no other change of this package's writes: an event of its own (a document duplicated, say). */
    public CompletableFuture<Void> append(AuditEntry entry) {
        return tables.write("log " + entry.action() + " on '" + entry.document() + "'", connection -> {
            append(connection, entry);
            return null;
        });
    }

    /**
     * A document's entries after {@code afterId} (0 for the first), oldest first, at most {@code limit}.
     *
     * @return the entries, each with its id for paging
     */
    public List<Numbered> list(String document, long afterId, int limit) {
        return tables.read("read the audit log of '" + document + "'", connection -> {
            List<Numbered> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, document, actor, action, target, detail, at FROM sharing_audit
                    WHERE document = ? AND id > ? ORDER BY id LIMIT ?""")) {
                select.setString(1, document);
                select.setLong(2, afterId);
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new Numbered(rows.getLong(1), new AuditEntry(rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6),
                                Instant.ofEpochMilli(rows.getLong(7)))));
                    }
                }
            }
            return entries;
        });
    }

    /** An entry with its id, which orders the log. */
    public record Numbered(long id, AuditEntry entry) {
    }

    /** Appends {@code entry} on the writer's connection, inside the caller's write. */
    static void append(Connection connection, AuditEntry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO sharing_audit (document, actor, action, target, detail, at) VALUES (?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, entry.document());
            insert.setString(2, entry.actor());
            insert.setString(3, entry.action());
            setNullableString(insert, 4, entry.target());
            setNullableString(insert, 5, entry.detail());
            insert.setLong(6, entry.at().toEpochMilli());
            insert.executeUpdate();
        }
    }

    static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
