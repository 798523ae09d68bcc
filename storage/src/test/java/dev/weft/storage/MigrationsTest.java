package dev.weft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dataDir;

    @Test
    void migrationsRunOnceEach() throws SQLException {
        DataSource database = new SqliteConnections(dataDir.resolve(Storage.DATABASE_FILE), Duration.ofSeconds(5), Durability.POWER_LOSS)
                .writeDataSource();

        int applied = Migrations.apply(database);
        int appliedAgain = Migrations.apply(database);

        assertThat(applied).isPositive();
        assertThat(appliedAgain).isZero();
        assertThat(count(database, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1"))
                .isEqualTo(applied);
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsData() {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            storage.documents().append("doc", DocumentStoreTest.bytes("kept")).join();
        }
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            assertThat(storage.documents().load("doc").updates()).containsExactly(DocumentStoreTest.bytes("kept"));
        }
    }

    @Test
    void theDatabaseIsInWalModeWithForeignKeysOn() throws SQLException {
        DataSource database = new SqliteConnections(dataDir.resolve(Storage.DATABASE_FILE), Duration.ofSeconds(5), Durability.POWER_LOSS)
                .writeDataSource();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(statement, "PRAGMA synchronous")).isEqualTo("2"); // FULL
            assertThat(single(statement, "PRAGMA foreign_keys")).isEqualTo("1");
        }
    }

    private static long count(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            return Long.parseLong(single(statement, sql));
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
