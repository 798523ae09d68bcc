package dev.weft.storage.sharing;

import dev.weft.storage.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Documents' records and their collaborators. Each change commits with its audit entry. */
public final class DocumentRecordStore {
    private static final String RECORD_COLUMNS = "name, title, owner, created_at, updated_at";

    private final Tables tables;

    public DocumentRecordStore(Tables tables) {
        this.tables = tables;
    }

    /**
     * Creates a record.
     *
     * @return completes with false, writing nothing, if a record of that name exists
     */
    public CompletableFuture<Boolean> create(DocumentRecord record, AuditEntry audit) {
        return tables.write("create the record of '" + record.name() + "'", connection -> {
            if (find(connection, record.name()).isPresent()) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO document_records (" + RECORD_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, record.name());
                insert.setString(2, record.title());
                insert.setString(3, record.owner());
                insert.setLong(4, record.createdAt().toEpochMilli());
                insert.setLong(5, record.updatedAt().toEpochMilli());
                insert.executeUpdate();
            }
            SharingAuditLog.append(connection, audit);
            return true;
        });
    }

    /** The record named {@code name}, if any. */
    public Optional<DocumentRecord> find(String name) {
        return tables.read("read the record of '" + name + "'", connection -> find(connection, name));
    }

    /** Every record, by name. */
    public List<DocumentRecord> all() {
        return tables.read("list the document records", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + RECORD_COLUMNS + " FROM document_records ORDER BY name")) {
                return records(select);
            }
        });
    }

    /** The records {@code subject} owns or is a member of, by name. */
    public List<DocumentRecord> visibleTo(String subject) {
        return tables.read("list the document records of '" + subject + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + RECORD_COLUMNS
                    + " FROM document_records WHERE owner = ? OR name IN"
                    + " (SELECT document FROM document_members WHERE subject = ?) ORDER BY name")) {
                select.setString(1, subject);
                select.setString(2, subject);
                return records(select);
            }
        });
    }

    /**
     * Gives a record a new title, at {@code audit.at()}.
     *
     * @return completes with the updated record, or empty (nothing written) if there is none
     */
    public CompletableFuture<Optional<DocumentRecord>> retitle(String name, String title, AuditEntry audit) {
        return tables.write("rename '" + name + "'", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE document_records SET title = ?, updated_at = ? WHERE name = ?")) {
                update.setString(1, title);
                update.setLong(2, audit.at().toEpochMilli());
                update.setString(3, name);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            SharingAuditLog.append(connection, audit);
            return find(connection, name);
        });
    }

    /**
     * Deletes a record with its members, share links and reader sessions. The audit log keeps its entries.
     *
     * @return completes with whether there was a record
     */
    public CompletableFuture<Boolean> delete(String name, AuditEntry audit) {
        return tables.write("delete the record of '" + name + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM document_records WHERE name = ?")) {
                delete.setString(1, name);
                if (delete.executeUpdate() == 0) {
                    return false;
                }
            }
            SharingAuditLog.append(connection, audit);
            return true;
        });
    }

    /**
     * Where {@code subject} stands on the document {@code document}: in one read, whether it has a record, whether
     * the subject owns it, and the subject's role as a member.
     *
     * @return empty if the document has no record
     */
    public Optional<Membership> membership(String document, String subject) {
        return tables.read("read the role of '" + subject + "' on '" + document + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT r.owner, m.role FROM document_records r
                    LEFT JOIN document_members m ON m.document = r.name AND m.subject = ?
                    WHERE r.name = ?""")) {
                select.setString(1, subject);
                select.setString(2, document);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Membership(subject.equals(rows.getString(1)),
                            Optional.ofNullable(rows.getString(2))));
                }
            }
        });
    }

    /**
     * Where a subject stands on a document that has a record.
     *
     * @param owner whether the subject owns the document
     * @param role the subject's role as a member, if invited
     */
    public record Membership(boolean owner, Optional<String> role) {
    }

    /** A document's members, by subject. */
    public List<MemberRecord> members(String document) {
        return tables.read("list the members of '" + document + "'", connection -> {
            List<MemberRecord> members = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT subject, role, added_by, added_at, updated_at FROM document_members
                    WHERE document = ? ORDER BY subject""")) {
                select.setString(1, document);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        members.add(new MemberRecord(document, rows.getString(1), rows.getString(2),
                                rows.getString(3), Instant.ofEpochMilli(rows.getLong(4)),
                                Instant.ofEpochMilli(rows.getLong(5))));
                    }
                }
            }
            return members;
        });
    }

    /**
     * Adds a member or changes their role ({@code member.updatedAt()} is the time of the change). The audit entry
     * is made from the role the member had before, read in the same transaction.
     *
     * @param audit the audit entry, given the previous role (empty for a new member)
     * @return completes with the previous role; fails with a {@link dev.weft.storage.StorageException} if the
     *     document has no record
     */
    public CompletableFuture<Optional<String>> setRole(MemberRecord member,
            Function<Optional<String>, AuditEntry> audit) {
        return tables.write("set the role of '" + member.subject() + "' on '" + member.document() + "'", connection -> {
            Optional<String> previous = role(connection, member.document(), member.subject());
            if (previous.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO document_members (document, subject, role, added_by, added_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")) {
                    insert.setString(1, member.document());
                    insert.setString(2, member.subject());
                    insert.setString(3, member.role());
                    insert.setString(4, member.addedBy());
                    insert.setLong(5, member.addedAt().toEpochMilli());
                    insert.setLong(6, member.updatedAt().toEpochMilli());
                    insert.executeUpdate();
                }
            } else {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE document_members SET role = ?, updated_at = ? WHERE document = ? AND subject = ?")) {
                    update.setString(1, member.role());
                    update.setLong(2, member.updatedAt().toEpochMilli());
                    update.setString(3, member.document());
                    update.setString(4, member.subject());
                    update.executeUpdate();
                }
            }
            SharingAuditLog.append(connection, audit.apply(previous));
            return previous;
        });
    }

    /**
     * Removes a member.
     *
     * @param audit the audit entry, given the role the member had; not written if there was no such member
     * @return completes with the role the member had, or empty if there was no such member
     */
    public CompletableFuture<Optional<String>> removeMember(String document, String subject,
            Function<String, AuditEntry> audit) {
        return tables.write("remove '" + subject + "' from '" + document + "'", connection -> {
            Optional<String> previous = role(connection, document, subject);
            if (previous.isPresent()) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM document_members WHERE document = ? AND subject = ?")) {
                    delete.setString(1, document);
                    delete.setString(2, subject);
                    delete.executeUpdate();
                }
                SharingAuditLog.append(connection, audit.apply(previous.get()));
            }
            return previous;
        });
    }

    private static Optional<String> role(Connection connection, String document, String subject) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT role FROM document_members WHERE document = ? AND subject = ?")) {
            select.setString(1, document);
            select.setString(2, subject);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static Optional<DocumentRecord> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + RECORD_COLUMNS + " FROM document_records WHERE name = ?")) {
            select.setString(1, name);
            List<DocumentRecord> found = records(select);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        }
    }

    private static List<DocumentRecord> records(PreparedStatement select) throws SQLException {
        List<DocumentRecord> records = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                records.add(new DocumentRecord(rows.getString(1), rows.getString(2), rows.getString(3),
                        Instant.ofEpochMilli(rows.getLong(4)), Instant.ofEpochMilli(rows.getLong(5))));
            }
        }
        return records;
    }
}
