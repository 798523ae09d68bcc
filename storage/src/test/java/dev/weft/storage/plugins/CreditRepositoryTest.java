package dev.weft.storage.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credits and usage on real SQLite: a starting balance, charges, grants, and the usage history. */
class CreditRepositoryTest {
    @TempDir
    Path dataDir;

    private Storage storage;
    private CreditRepository credits;

    @BeforeEach
    void open() {
        storage = Storage.open(dataDir, StorageSettings.defaults());
        credits = new CreditRepository(storage.tables(), InstantSource.system(), 1_000_000);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aNewUserHasTheStartingBalanceAndChargesComeOffIt() {
        assertThat(credits.balance("alice")).isEqualTo(1_000_000);

        assertThat(credits.charge(usage("alice", 250_000)).join()).isEqualTo(750_000);
        assertThat(credits.charge(usage("alice", 900_000)).join()).isEqualTo(-150_000);
        assertThat(credits.grant("alice", 200_000).join()).isEqualTo(50_000);

        assertThat(credits.balance("alice")).isEqualTo(50_000);
        assertThat(credits.balance("bob")).isEqualTo(1_000_000);
    }

    @Test
    void usageIsListedNewestFirstPerUser() {
        credits.charge(usage("alice", 1)).join();
        credits.charge(usage("bob", 2)).join();
        credits.charge(usage("alice", 3)).join();

        assertThat(credits.usage("alice", 10)).extracting(AiUsage::cost).containsExactly(3L, 1L);
        assertThat(credits.usage("alice", 1)).extracting(AiUsage::cost).containsExactly(3L);
        assertThat(credits.usage("alice", 10).getFirst().model()).isEqualTo("gpt-test");
    }

    private static AiUsage usage(String subject, long cost) {
        return new AiUsage(subject, "notes", "scene-expander", "gpt-test", 120, 40, cost, Instant.EPOCH);
    }
}
