package dev.weft.server.config;

import dev.weft.storage.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code weft serve} can be told: where to listen, where the data lives, the token secret, and the
 * limits. Built by the command line (flags and environment variables) or by tests.
 *
 * @param bindAddress the address to listen on ({@code 0.0.0.0} for every interface)
 * @param port the port for HTTP and WebSockets; 0 picks a free one
 * @param dataDir the directory holding the database
 * @param secret the HS256 secret that access tokens are signed with; empty for the open development mode
 * @param limits what one client may cost the server
 * @param documentIdleTimeout how long a loaded document without connections stays in memory
 * @param signaling the y-webrtc signalling endpoint
 * @param plugins plugins and the AI provider behind prompt plugins
 * @param webhook where new comments are POSTed, signed; empty for no webhook
 * @param ioThreads the event loops serving connections and documents; 0 for one per two processors
 * @param durability what a committed update survives
 */
public record ServerConfig(
        String bindAddress,
        int port,
        Path dataDir,
        Optional<String> secret,
        Limits limits,
        Duration documentIdleTimeout,
        SignalingSettings signaling,
        PluginSettings plugins,
        Optional<WebhookSettings> webhook,
        int ioThreads,
        Durability durability) {

    /** HS256 needs a key of at least 256 bits (RFC 7518, section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(signaling, "signaling");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(durability, "durability");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the port must be between 0 and 65535, not " + port);
        }
        secret.ifPresent(s -> {
            if (s.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("the secret must be at least " + MIN_SECRET_BYTES
                        + " bytes long (HS256 needs a 256-bit key)");
            }
        });
        if (ioThreads < 0) {
            throw new IllegalArgumentException(
                    "ioThreads must be 0 (one per two processors) or more, not " + ioThreads);
        }
        if (documentIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("documentIdleTimeout must not be negative");
        }
    }

    /** Listens on every interface on port 8080, stores in {@code dataDir}, open mode, default limits. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("0.0.0.0", 8080, dataDir, Optional.empty(), Limits.DEFAULTS, Duration.ofSeconds(30),
                SignalingSettings.DEFAULTS, PluginSettings.DEFAULTS, Optional.empty(), 0,
                Durability.POWER_LOSS);
    }

    public ServerConfig withListen(String address, int newPort) {
        return new ServerConfig(address, newPort, dataDir, secret, limits, documentIdleTimeout, signaling, plugins,
                webhook, ioThreads, durability);
    }

    public ServerConfig withSecret(String newSecret) {
        return new ServerConfig(bindAddress, port, dataDir, Optional.ofNullable(newSecret), limits,
                documentIdleTimeout, signaling, plugins, webhook, ioThreads, durability);
    }

    public ServerConfig withLimits(Limits newLimits) {
        return new ServerConfig(bindAddress, port, dataDir, secret, newLimits, documentIdleTimeout, signaling,
                plugins, webhook, ioThreads, durability);
    }

    public ServerConfig withDocumentIdleTimeout(Duration timeout) {
        return new ServerConfig(bindAddress, port, dataDir, secret, limits, timeout, signaling, plugins, webhook,
                ioThreads, durability);
    }

    public ServerConfig withSignaling(SignalingSettings settings) {
        return new ServerConfig(bindAddress, port, dataDir, secret, limits, documentIdleTimeout, settings, plugins,
                webhook, ioThreads, durability);
    }

    public ServerConfig withPlugins(PluginSettings settings) {
        return new ServerConfig(bindAddress, port, dataDir, secret, limits, documentIdleTimeout, signaling, settings,
                webhook, ioThreads, durability);
    }

    public ServerConfig withWebhook(WebhookSettings settings) {
        return new ServerConfig(bindAddress, port, dataDir, secret, limits, documentIdleTimeout, signaling, plugins,
                Optional.ofNullable(settings), ioThreads, durability);
    }

    public ServerConfig withIoThreads(int threads) {
        return new ServerConfig(bindAddress, port, dataDir, secret, limits, documentIdleTimeout, signaling, plugins,
                webhook, threads, durability);
    }

    public ServerConfig withDurability(Durability newDurability) {
        return new ServerConfig(bindAddress, port, dataDir, secret, limits, documentIdleTimeout, signaling, plugins,
                webhook, ioThreads, newDurability);
    }

    /**
     * The number of event loops to start: {@link #ioThreads}, or one per two processors (at least one) when it is 0.
     * The loops take about 60 % of an update's CPU; the storage writer, compaction, checkpoints and GC the rest, and
     * need cores of their own. Fewer loops also batch more per turn: on 2 cores at 22,000 edits/s over 20 documents,
     * one loop delivered with a p99 of 32-52 ms at 4.2-4.4 CPU seconds per million deliveries, two loops with 42-118 ms
     * at 4.8-5.1 (three runs each, interleaved).
     */
    public int eventLoops() {
        return ioThreads > 0 ? ioThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ServerConfig[bindAddress=" + bindAddress + ", port=" + port + ", dataDir=" + dataDir + ", secret="
                + (secret.isPresent() ? "(set)" : "(none)") + ", limits=" + limits + ", documentIdleTimeout="
                + documentIdleTimeout + ", signaling=" + signaling + ", plugins=" + plugins + ", webhook=" + webhook
                + ", ioThreads=" + ioThreads + ", durability=" + durability + "]";
    }
}
