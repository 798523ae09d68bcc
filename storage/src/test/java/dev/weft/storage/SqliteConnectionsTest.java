package dev.weft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqliteConnectionsTest {
    @TempDir
    Path dataDir;

    /** SQLite's numbers: 1 is NORMAL, 2 is FULL. */
    @ParameterizedTest
    @CsvSource({"POWER_LOSS, 2", "PROCESS_CRASH, 1"})
    void theWriteConnectionSyncsAsTheDurabilityAsks(Durability durability, int synchronous) throws SQLException {
        SqliteConnections connections = new SqliteConnections(dataDir.resolve(Storage.DATABASE_FILE),
                Duration.ofSeconds(5), durability);
        try (Connection connection = connections.openWriteConnection();
                ResultSet journal = connection.createStatement().executeQuery("PRAGMA journal_mode");
                ResultSet sync = connection.createStatement().executeQuery("PRAGMA synchronous")) {
            assertThat(journal.getString(1)).isEqualTo("wal");
            assertThat(sync.getInt(1)).isEqualTo(synchronous);
        }
    }
}
