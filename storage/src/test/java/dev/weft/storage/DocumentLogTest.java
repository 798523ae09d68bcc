package dev.weft.storage;

import static dev.weft.storage.DocumentStoreTest.appendAll;
import static dev.weft.storage.DocumentStoreTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The update log's rows: the seqs the writer hands out, the rows a compaction folded (deleted a few hundred per
 * transaction, and no longer part of the document before they are), and a log stored before the log was kept in
 * document order.
 */
class DocumentLogTest {
    @TempDir
    Path dataDir;

    @Test
    void appendsAfterAReopenFollowTheSeqsACompactionFoldedAway() {
        EditingSession session = new EditingSession(20);
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            appendAll(storage.documents(), "doc", session.edit(3));
            assertThat(storage.documents().compact("doc").compacted()).isTrue();
        }
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            // The log is empty: only the snapshot remembers the highest seq handed out.
            byte[] next = session.edit(1).getFirst();
            storage.documents().append("doc", next).join();

            assertThat(storage.documents().load("doc").updates()).containsExactly(next);
        }
    }

    @Test
    void foldedRowsLeaveTheLogAFewHundredPerTransaction() throws SQLException {
        RecordingListener listener = new RecordingListener();
        int rows = 2 * DocumentWrites.TRIM_ROWS + 10;
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults().withListener(listener))) {
            List<byte[]> updates = new EditingSession(21).edit(rows);
            appendAll(storage.documents(), "doc", updates);
            appendAll(storage.documents(), "other", List.of(bytes("untouched")));
            int commitsBefore = listener.commits.size();

            assertThat(storage.documents().compact("doc").updatesFolded()).isEqualTo(rows);

            // The snapshot, then 512 + 512 + 10 rows, each in a transaction of its own.
            assertThat(listener.commits.subList(commitsBefore, listener.commits.size()))
                    .extracting(CommitStats::writes).containsExactly(1, 1, 1, 1);
            assertThat(rowsOf("doc")).isZero();
            assertThat(rowsOf("other")).isOne();
            assertThat(EditingSession.stateOf(storage.documents().load("doc").allUpdates()))
                    .isEqualTo(EditingSession.stateOf(updates));
        }
    }

    @Test
    void rowsACompactionFoldedAreNotPartOfTheDocumentAndTheNextCompactionDeletesThem() throws SQLException {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            EditingSession session = new EditingSession(22);
            List<byte[]> folded = session.edit(20);
            appendAll(storage.documents(), "doc", folded);
            storage.documents().compact("doc");
            // As if the server stopped between the compaction's commit and the deletion of the rows it folded.
            putBack("doc", folded);
            List<byte[]> later = session.edit(3);
            appendAll(storage.documents(), "doc", later);

            assertThat(storage.documents().load("doc").updates()).containsExactlyElementsOf(later);
            assertThat(storage.documents().info("doc").orElseThrow().updateCount()).isEqualTo(later.size());

            assertThat(storage.documents().compact("doc").updatesFolded()).isEqualTo(later.size());
            assertThat(rowsOf("doc")).isZero();
            List<byte[]> all = new ArrayList<>(folded);
            all.addAll(later);
            assertThat(EditingSession.stateOf(storage.documents().load("doc").allUpdates()))
                    .isEqualTo(EditingSession.stateOf(all));
        }
    }

    @Test
    void aLogStoredBeforeTheLogWasKeptInDocumentOrderIsKeptInOrder() throws SQLException {
        DataSource database = new SqliteConnections(databaseFile(), Duration.ofSeconds(5), Durability.POWER_LOSS)
                .writeDataSource();
        Flyway.configure().dataSource(database).locations(Migrations.LOCATION).target("5").load().migrate();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO documents (id, name, created_at, updated_at) VALUES (1, 'a', 0, 0), "
                    + "(2, 'b', 0, 0)");
            // In append order, the two documents' rows interleaved.
            statement.execute("INSERT INTO document_updates (document_id, data, created_at) VALUES "
                    + "(1, X'01', 0), (2, X'02', 0), (1, X'03', 0), (2, X'04', 0)");
        }

        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            storage.documents().append("a", new byte[] {5}).join();

            assertThat(storage.documents().load("a").updates())
                    .containsExactly(new byte[] {1}, new byte[] {3}, new byte[] {5});
            assertThat(storage.documents().load("b").updates()).containsExactly(new byte[] {2}, new byte[] {4});
        }
    }

    private Path databaseFile() {
        return dataDir.resolve(Storage.DATABASE_FILE);
    }

    private long rowsOf(String document) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM document_updates u "
                        + "JOIN documents d ON d.id = u.document_id WHERE d.name = ?")) {
            select.setString(1, document);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Writes {@code updates} into the log again, with the seqs at and below the snapshot's that they had. */
    private void putBack(String document, List<byte[]> updates) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO document_updates (document_id, seq, data, created_at)
                        SELECT id, snapshot_seq - ?, ?, 0 FROM documents WHERE name = ?""")) {
            for (int i = 0; i < updates.size(); i++) {
                insert.setInt(1, updates.size() - 1 - i);
                insert.setBytes(2, updates.get(i));
                insert.setString(3, document);
                insert.executeUpdate();
            }
        }
    }
}
