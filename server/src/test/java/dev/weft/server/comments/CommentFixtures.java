package dev.weft.server.comments;

import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import dev.weft.storage.sharing.AuditEntry;
import dev.weft.storage.sharing.DocumentRecord;
import dev.weft.storage.sharing.DocumentRecordStore;
import dev.weft.storage.sharing.MemberRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Documents with records, written to the data directory before the server starts: an owner, and members with
 * roles, as the sharing feature stores them.
 */
final class CommentFixtures {
    private CommentFixtures() {
    }

    /** Creates the record of {@code document}, owned by {@code owner}, with {@code members} (subject to role). */
    static void document(Path dataDir, String document, String owner, Map<String, String> members) {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            DocumentRecordStore records = new DocumentRecordStore(storage.tables());
            Instant now = Instant.now();
            records.create(new DocumentRecord(document, document, owner, now, now),
                    new AuditEntry(document, owner, "document.created", document, null, now)).join();
            members.forEach((subject, role) -> records.setRole(
                    new MemberRecord(document, subject, role, owner, now, now),
                    previous -> new AuditEntry(document, owner, "member.added", subject, null, now)).join());
        }
    }

    /** The body of {@code POST .../threads}. */
    static Map<String, Object> thread(String start, String end, String body) {
        return Map.of("anchor", Map.of("start", start, "end", end), "body", body);
    }

    static Map<String, Object> privateThread(String start, String end, String body, Optional<String> reader) {
        return reader.<Map<String, Object>>map(r -> Map.of("anchor", Map.of("start", start, "end", end), "body", body,
                        "private", true, "reader", r))
                .orElseGet(() -> Map.of("anchor", Map.of("start", start, "end", end), "body", body, "private", true));
    }
}
