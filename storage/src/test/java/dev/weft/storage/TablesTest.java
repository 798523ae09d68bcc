package dev.weft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features' tables: writes commit through the writer (a failing one alone fails), reads see what committed. */
class TablesTest {
    @TempDir
    Path dataDir;

    private Storage storage;

    @BeforeEach
    void createTable() {
        storage = Storage.open(dataDir, StorageSettings.defaults().withBusyTimeout(Duration.ofMinutes(10)));
        storage.tables().write("create the notes table", connection -> {
            try (var statement = connection.createStatement()) {
                return statement.executeUpdate("CREATE TABLE notes (text TEXT NOT NULL UNIQUE)");
            }
        }).join();
    }

    @Test
    void whatAWriteCommittedIsReadBackAndSurvivesAReopen() {
        storage.tables().write("add a note", connection -> insert(connection, "first")).join();
        storage.close();

        storage = Storage.open(dataDir, StorageSettings.defaults());
        assertThat(notes()).containsExactly("first");
        storage.close();
    }

    @Test
    void aFailingWriteFailsAloneAndItsBatchCommits() throws Exception {
        storage.tables().write("add a note", connection -> insert(connection, "taken")).join();
        CompletableFuture<Integer> before;
        CompletableFuture<Integer> duplicate;
        CompletableFuture<Integer> after;
        // Held so that the three queue up and are tried in one transaction.
        try (DatabaseLock lock = DatabaseLock.hold(dataDir)) {
            before = storage.tables().write("add 'before'", connection -> insert(connection, "before"));
            duplicate = storage.tables().write("add 'taken' again", connection -> insert(connection, "taken"));
            after = storage.tables().write("add 'after'", connection -> insert(connection, "after"));
        }

        assertThatThrownBy(duplicate::join).cause()
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("add 'taken' again failed: ")
                .hasMessageContaining("UNIQUE constraint failed");
        assertThat(before.join()).isEqualTo(1);
        assertThat(after.join()).isEqualTo(1);
        assertThat(notes()).containsExactly("after", "before", "taken");
        storage.close();
    }

    @Test
    void aFailingReadNamesWhatItWasDoing() {
        assertThatThrownBy(() -> storage.tables().read("list the drafts", connection -> {
            try (var statement = connection.createStatement()) {
                return statement.executeQuery("SELECT * FROM drafts").next();
            }
        })).isInstanceOf(StorageException.class)
                .hasMessageStartingWith("list the drafts failed: ")
                .hasMessageContaining("no such table");
        storage.close();
    }

    private static int insert(Connection connection, String text) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO notes (text) VALUES (?)")) {
            statement.setString(1, text);
            return statement.executeUpdate();
        }
    }

    private List<String> notes() {
        return storage.tables().read("list the notes", connection -> {
            List<String> texts = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT text FROM notes ORDER BY text");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    texts.add(rows.getString(1));
                }
            }
            return texts;
        });
    }
}
