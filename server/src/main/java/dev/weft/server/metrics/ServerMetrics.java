package dev.weft.server.metrics;

import dev.weft.storage.CommitStats;
import dev.weft.storage.StorageException;
import dev.weft.storage.StorageListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The server's meters, served at {@code /metrics} in Prometheus text. Rates (updates and bytes per second) are
 * counters: Prometheus derives the rate, so nothing here keeps time windows.
 */
public final class ServerMetrics {

    /** The Content-Type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger documents = new AtomicInteger();
    private final Counter updates;
    private final Counter updateBytes;
    private final Counter messagesSent;
    private final Counter evictions;
    private final Counter slowConsumersClosed;
    private final Timer commits;
    private final DistributionSummary writesPerCommit;
    private final Counter failedWrites;
    private final AtomicInteger signalingConnections = new AtomicInteger();
    private final Counter signalingPublishes;
    private final Counter signalingRelayed;

    public ServerMetrics() {
        Gauge.builder("weft.connections", connections, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        Gauge.builder("weft.documents.loaded", documents, AtomicInteger::get)
                .description("Documents loaded in memory").register(registry);
        updates = Counter.builder("weft.updates").description("Document updates applied and stored")
                .register(registry);
        updateBytes = Counter.builder("weft.updates.size").baseUnit("bytes")
                .description("Bytes of document updates applied and stored").register(registry);
        messagesSent = Counter.builder("weft.messages.sent")
                .description("Messages sent to connections (a broadcast counts once per receiver)").register(registry);
        evictions = Counter.builder("weft.documents.evictions")
                .description("Documents unloaded after having no connection for a while").register(registry);
        slowConsumersClosed = Counter.builder("weft.connections.slow.closed")
                .description("Connections closed because they stopped reading").register(registry);
        commits = Timer.builder("weft.storage.commit")
                .description("Duration of the storage writer's transactions, from begin to commit")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        writesPerCommit = DistributionSummary.builder("weft.storage.commit.writes")
                .description("Writes committed together by one transaction (group commit)").register(registry);
        failedWrites = Counter.builder("weft.storage.writes.failed")
                .description("Writes that failed and were rolled back").register(registry);
        Gauge.builder("weft.signaling.connections", signalingConnections, AtomicInteger::get)
                .description("Open y-webrtc signalling connections").register(registry);
        signalingPublishes = Counter.builder("weft.signaling.publishes")
                .description("Signalling publishes accepted and relayed").register(registry);
        signalingRelayed = Counter.builder("weft.signaling.relayed")
                .description("Signalling messages relayed (a publish counts once per subscriber)").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Every meter in Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public void documentLoaded() {
        documents.incrementAndGet();
    }

    public void documentUnloaded(boolean evicted) {
        documents.decrementAndGet();
        if (evicted) {
            evictions.increment();
        }
    }

    public void updateStored(int bytes) {
        updates.increment();
        updateBytes.increment(bytes);
    }

    /** What storage reports of its transactions: commit latency, and how many writes each carried. */
    public StorageListener storageListener() {
        return new StorageListener() {
            @Override
            public void committed(CommitStats commit) {
                commits.record(commit.latency());
                writesPerCommit.record(commit.writes());
            }

            @Override
            public void writeFailed(StorageException failure) {
                failedWrites.increment();
            }
        };
    }

    public void messagesSent(int count) {
        messagesSent.increment(count);
    }

    public void slowConsumerClosed() {
        slowConsumersClosed.increment();
    }

    /** Reports, on each scrape, the bytes written to connections and not yet sent (what slow readers cost). */
    public void measureUnsentBytes(LongSupplier unsentBytes) {
        Gauge.builder("weft.connections.unsent", unsentBytes, LongSupplier::getAsLong).baseUnit("bytes")
                .description("Bytes written to connections and not yet sent").register(registry);
    }

    public void signalingConnectionOpened() {
        signalingConnections.incrementAndGet();
    }

    public void signalingConnectionClosed() {
        signalingConnections.decrementAndGet();
    }

    /** A publish was relayed to {@code subscribers} connections. */
    public void signalingPublished(int subscribers) {
        signalingPublishes.increment();
        signalingRelayed.increment(subscribers);
    }

    /** A signalling message was refused with an error frame; {@code code} is the frame's error code. */
    public void signalingRefused(String code) {
        Counter.builder("weft.signaling.refused").tag("code", code)
                .description("Signalling messages refused with an error frame, by error code").register(registry)
                .increment();
    }

    /** Reports, on each scrape, the signalling topics that have subscribers. */
    public void measureSignalingTopics(IntSupplier topics) {
        // Held strongly: Micrometer keeps a gauge's object weakly, and nothing else holds this lambda.
        Gauge.builder("weft.signaling.topics", topics, IntSupplier::getAsInt).strongReference(true)
                .description("Signalling topics with at least one subscriber").register(registry);
    }

    /**
     * A plugin run finished or was refused: counted and timed per plugin and outcome ({@code ok}, or why it failed,
     * such as {@code timeout}), its memory recorded per plugin.
     */
    public void pluginRun(String plugin, Optional<String> failure, Duration elapsed, long memoryBytes) {
        Timer.builder("weft.plugins.runs").tag("plugin", plugin).tag("outcome", failure.orElse("ok"))
                .description("Plugin runs, by plugin and outcome (ok, or why it failed), and their duration")
                .register(registry).record(elapsed);
        DistributionSummary.builder("weft.plugins.memory").baseUnit("bytes").tag("plugin", plugin)
                .description("Linear memory of a wasm plugin at the end of its run").register(registry)
                .record(memoryBytes);
    }

    public int connections() {
        return connections.get();
    }

    public int loadedDocuments() {
        return documents.get();
    }
}
