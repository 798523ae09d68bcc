package dev.weft.storage.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credits and usage on real SQLite: a starting balance, reservations, charges, grants, and the usage history.
 */
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

        assertThat(credits.charge(usage("alice", 250_000), 0).join()).isEqualTo(750_000);
        assertThat(credits.charge(usage("alice", 900_000), 0).join()).isEqualTo(-150_000);
        assertThat(credits.grant("alice", 200_000).join()).isEqualTo(50_000);

        assertThat(credits.balance("alice")).isEqualTo(50_000);
        assertThat(credits.balance("bob")).isEqualTo(1_000_000);
    }

    @Test
    void aReservationIsTakenOnlyWhenTheBalanceHoldsItAndTheChargeGivesItBack() {
        assertThat(credits.reserve("alice", 1_000_001).join())
                .isEqualTo(new CreditRepository.Reservation(false, 1_000_000));
        assertThat(credits.reserve("alice", 600_000).join())
                .isEqualTo(new CreditRepository.Reservation(true, 400_000));
        assertThat(credits.reserve("alice", 600_000).join())
                .isEqualTo(new CreditRepository.Reservation(false, 400_000));

        assertThat(credits.charge(usage("alice", 150_000), 600_000).join()).isEqualTo(850_000);
        assertThat(credits.balance("alice")).isEqualTo(850_000);
    }

    @Test
    void concurrentReservationsNeverOverdraw() throws Exception {
        int spenders = 16;
        List<CompletableFuture<CreditRepository.Reservation>> reservations = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(spenders)) {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < spenders; i++) {
                reservations.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return credits.reserve("alice", 300_000).join();
                }, threads));
            }
            start.countDown();
        }

        assertThat(reservations.stream().filter(r -> r.join().reserved()).count()).isEqualTo(3);
        assertThat(credits.balance("alice")).isEqualTo(100_000);
    }

    @Test
    void usageIsListedNewestFirstPerUser() {
        credits.charge(usage("alice", 1), 0).join();
        credits.charge(usage("bob", 2), 0).join();
        credits.charge(usage("alice", 3), 0).join();

        assertThat(credits.usage("alice", 10)).extracting(AiUsage::cost).containsExactly(3L, 1L);
        assertThat(credits.usage("alice", 1)).extracting(AiUsage::cost).containsExactly(3L);
        assertThat(credits.usage("alice", 10).getFirst().model()).isEqualTo("gpt-test");
    }

    private static AiUsage usage(String subject, long cost) {
        return new AiUsage(subject, "notes", "scene-expander", "gpt-test", 120, 40, cost, Instant.EPOCH);
    }
}
