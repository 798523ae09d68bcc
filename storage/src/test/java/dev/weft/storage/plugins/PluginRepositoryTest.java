package dev.weft.storage.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marketplace's tables on real SQLite: publish, search, install, and what survives a reopen. */
class PluginRepositoryTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T12:00:00Z"));

    @TempDir
    Path dataDir;

    private Storage storage;
    private PluginRepository plugins;

    @BeforeEach
    void open() {
        storage = Storage.open(dataDir, StorageSettings.defaults());
        plugins = new PluginRepository(storage.tables(), CLOCK);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aPublishedPluginIsReadBackWholeAfterAReopen() {
        byte[] module = {0, 'a', 's', 'm', 1, 0, 0, 0};
        Publication publication = plugins.publish(wasm("reading-stats", "1.0.0", "analysis", "statistics"),
                previous -> true).join();
        storage.close();
        storage = Storage.open(dataDir, StorageSettings.defaults());
        plugins = new PluginRepository(storage.tables(), CLOCK);

        StoredPlugin found = plugins.find("reading-stats").orElseThrow();
        assertThat(publication.published()).isTrue();
        assertThat(publication.previous()).isEmpty();
        assertThat(found.listing().version()).isEqualTo("1.0.0");
        assertThat(found.listing().kind()).isEqualTo(PluginKind.WASM);
        assertThat(found.listing().tags()).containsExactly("statistics");
        assertThat(found.listing().publishedAt()).isEqualTo(CLOCK.instant());
        assertThat(found.module()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(module));
        assertThat(new String(found.manifest(), StandardCharsets.UTF_8)).contains("reading-stats");
    }

    @Test
    void aRepublishReplacesTheVersionAndTagsOnlyWhenAllowed() {
        plugins.publish(wasm("outline", "1.0.0", "structure", "outline", "summary"), previous -> true).join();

        Publication refused = plugins.publish(wasm("outline", "0.9.0", "structure", "other"),
                previous -> false).join();
        Publication accepted = plugins.publish(wasm("outline", "1.1.0", "structure", "beats"),
                previous -> previous.version().equals("1.0.0")).join();

        assertThat(refused.published()).isFalse();
        assertThat(refused.previous().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(accepted.published()).isTrue();
        PluginListing now = plugins.listing("outline").orElseThrow();
        assertThat(now.version()).isEqualTo("1.1.0");
        assertThat(now.tags()).containsExactly("beats");
    }

    @Test
    void searchFiltersByCategoryTagAndTextIgnoringCase() {
        plugins.publish(wasm("reading-stats", "1.0.0", "analysis", "statistics", "reading time"), p -> true).join();
        plugins.publish(wasm("repeated-words", "1.0.0", "proofreading", "comments"), p -> true).join();
        plugins.publish(prompt("scene-expander", "analysis", "ai", "100%"), p -> true).join();

        assertThat(names(new PluginQuery(Optional.of("ANALYSIS"), Optional.empty(), Optional.empty(), 10)))
                .containsExactly("reading-stats", "scene-expander");
        assertThat(names(new PluginQuery(Optional.empty(), Optional.of("Comments"), Optional.empty(), 10)))
                .containsExactly("repeated-words");
        assertThat(names(new PluginQuery(Optional.of("analysis"), Optional.of("ai"), Optional.empty(), 10)))
                .containsExactly("scene-expander");
        assertThat(names(new PluginQuery(Optional.empty(), Optional.empty(), Optional.of("WORDS"), 10)))
                .containsExactly("repeated-words");
        assertThat(names(new PluginQuery(Optional.empty(), Optional.empty(), Optional.of("%"), 10))).isEmpty();
        assertThat(names(PluginQuery.all(2))).containsExactly("reading-stats", "repeated-words");
    }

    @Test
    void installationsApplyPerDocumentOrServerWideAndGoWithTheirPlugin() {
        plugins.publish(wasm("reading-stats", "1.0.0", "analysis"), p -> true).join();
        plugins.publish(wasm("outline", "1.0.0", "structure"), p -> true).join();

        assertThat(plugins.install("notes", "reading-stats", "alice").join()).isPresent();
        assertThat(plugins.install("notes", "reading-stats", "bob").join().orElseThrow().installedBy())
                .isEqualTo("alice");
        assertThat(plugins.install(PluginInstall.SERVER_WIDE, "outline", "admin").join()).isPresent();
        assertThat(plugins.install("notes", "missing", "alice").join()).isEmpty();

        assertThat(plugins.installs("notes")).extracting(PluginInstall::plugin)
                .containsExactly("outline", "reading-stats");
        assertThat(plugins.installs("other")).extracting(PluginInstall::plugin).containsExactly("outline");
        assertThat(plugins.installation("other", "outline").orElseThrow().serverWide()).isTrue();
        assertThat(plugins.installation("other", "reading-stats")).isEmpty();

        assertThat(plugins.uninstall("notes", "reading-stats").join()).isTrue();
        assertThat(plugins.uninstall("notes", "reading-stats").join()).isFalse();
        assertThat(plugins.unpublish("outline").join()).isTrue();
        assertThat(plugins.installs("notes")).isEmpty();
        assertThat(plugins.find("outline")).isEmpty();
    }

    private List<String> names(PluginQuery query) {
        return plugins.search(query).stream().map(PluginListing::name).toList();
    }

    private static StoredPlugin wasm(String name, String version, String category, String... tags) {
        PluginListing listing = new PluginListing(name, version, PluginKind.WASM, "the plugin " + name, "Weft", "MIT",
                category, List.of(tags), "alice", Instant.EPOCH);
        return new StoredPlugin(listing, ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8),
                Optional.of(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}));
    }

    private static StoredPlugin prompt(String name, String category, String... tags) {
        PluginListing listing = new PluginListing(name, "1.0.0", PluginKind.PROMPT, "expands a scene", "Weft", "MIT",
                category, List.of(tags), "alice", Instant.EPOCH);
        return new StoredPlugin(listing, "{}".getBytes(StandardCharsets.UTF_8), Optional.empty());
    }
}
