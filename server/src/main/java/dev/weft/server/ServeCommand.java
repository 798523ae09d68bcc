package dev.weft.server;

import dev.weft.plugin.RuntimeLimits;
import dev.weft.server.config.Limits;
import dev.weft.server.config.PluginSettings;
import dev.weft.server.config.ServerConfig;
import dev.weft.server.config.SignalingSettings;
import dev.weft.server.config.WebhookSettings;
import dev.weft.storage.Durability;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code weft serve}: runs the sync server until SIGTERM (or Ctrl-C), then shuts it down gracefully. Every flag
 * has an environment variable ({@code WEFT_PORT}, ...), which the flag overrides.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        sortOptions = false,
        description = {
            "Run the Weft sync server: y-websocket at ws://HOST:PORT/<document>, the HTTP API, /healthz and"
                    + " /metrics on one port.",
            "Every option can also be set by the environment variable named in its description; a flag wins.",
            "Without a secret the server runs in an open development mode: anyone may read and edit everything."
        })
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:WEFT_PORT:-8080}",
            description = "Port for HTTP and WebSockets; 0 picks a free one (WEFT_PORT; default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:WEFT_BIND:-0.0.0.0}",
            description = "Address to listen on (WEFT_BIND; default: ${DEFAULT-VALUE}).")
    private String bindAddress;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:WEFT_DATA_DIR:-./data}",
            description = "Where the database lives (WEFT_DATA_DIR; default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--secret", paramLabel = "SECRET", defaultValue = "${env:WEFT_SECRET}",
            description = "HS256 secret, at least 32 bytes, that access tokens are signed with (WEFT_SECRET;"
                    + " prefer the variable or --secret-file: flags show in the process list).")
    private String secret;

    @Option(names = "--secret-file", paramLabel = "FILE", defaultValue = "${env:WEFT_SECRET_FILE}",
            description = "File holding the secret; surrounding whitespace is ignored (WEFT_SECRET_FILE).")
    private Path secretFile;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "${env:WEFT_MAX_CONNECTIONS:-10000}",
            description = "Most open connections; more are answered 503 (WEFT_MAX_CONNECTIONS;"
                    + " default: ${DEFAULT-VALUE}).")
    private int maxConnections;

    @Option(names = "--max-frame-size", paramLabel = "BYTES", defaultValue = "${env:WEFT_MAX_FRAME_SIZE:-16777216}",
            description = "Largest WebSocket message; a larger one closes the connection with 1009"
                    + " (WEFT_MAX_FRAME_SIZE; default: ${DEFAULT-VALUE}).")
    private int maxFrameBytes;

    @Option(names = "--write-buffer-high", paramLabel = "BYTES",
            defaultValue = "${env:WEFT_WRITE_BUFFER_HIGH:-1048576}",
            description = "Unsent bytes above which a connection is unwritable; at twice this it is closed"
                    + " (WEFT_WRITE_BUFFER_HIGH; default: ${DEFAULT-VALUE}).")
    private int writeBufferHigh;

    @Option(names = "--write-buffer-low", paramLabel = "BYTES", defaultValue = "${env:WEFT_WRITE_BUFFER_LOW:-262144}",
            description = "Unsent bytes below which a connection is writable again (WEFT_WRITE_BUFFER_LOW;"
                    + " default: ${DEFAULT-VALUE}).")
    private int writeBufferLow;

    @Option(names = "--unwritable-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:WEFT_UNWRITABLE_TIMEOUT:-10}",
            description = "A connection unwritable this long (its client stopped reading) is closed; so is one"
                    + " whose close frame is not sent within it"
                    + " (WEFT_UNWRITABLE_TIMEOUT; default: ${DEFAULT-VALUE}).")
    private long unwritableSeconds;

    @Option(names = "--max-queued-before-sync", paramLabel = "BYTES",
            defaultValue = "${env:WEFT_MAX_QUEUED_BEFORE_SYNC:-16777216}",
            description = "What a connection may send while its document loads; more closes it"
                    + " (WEFT_MAX_QUEUED_BEFORE_SYNC; default: ${DEFAULT-VALUE}).")
    private int maxQueuedBeforeSync;

    @Option(names = "--ping-interval", paramLabel = "SECONDS", defaultValue = "${env:WEFT_PING_INTERVAL:-30}",
            description = "A WebSocket ping after this long without a message from the client (WEFT_PING_INTERVAL;"
                    + " default: ${DEFAULT-VALUE}).")
    private long pingSeconds;

    @Option(names = "--pong-timeout", paramLabel = "SECONDS", defaultValue = "${env:WEFT_PONG_TIMEOUT:-75}",
            description = "A connection silent this long, pongs included, is closed (WEFT_PONG_TIMEOUT;"
                    + " default: ${DEFAULT-VALUE}).")
    private long pongSeconds;

    @Option(names = "--durability", paramLabel = "WHAT", defaultValue = "${env:WEFT_DURABILITY:-power-loss}",
            converter = DurabilityConverter.class,
            description = "What a committed update survives: power-loss (every commit synced to the disk) or"
                    + " process-crash (handed to the operating system, synced at checkpoints: much less CPU per"
                    + " update; a power loss may take back the last moments) (WEFT_DURABILITY; default:"
                    + " ${DEFAULT-VALUE}).")
    private Durability durability;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "${env:WEFT_IO_THREADS:-0}",
            description = "Event loops serving connections and documents; 0 for one per two processors"
                    + " (WEFT_IO_THREADS; default: ${DEFAULT-VALUE}).")
    private int ioThreads;

    @Option(names = "--document-idle-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:WEFT_DOCUMENT_IDLE_TIMEOUT:-30}",
            description = "A document without connections is unloaded from memory after this long"
                    + " (WEFT_DOCUMENT_IDLE_TIMEOUT; default: ${DEFAULT-VALUE}).")
    private long documentIdleSeconds;

    @Option(names = "--signaling-path", paramLabel = "PATH", defaultValue = "${env:WEFT_SIGNALING_PATH:-/signaling}",
            description = "WebSocket path of the y-webrtc signalling endpoint (WEFT_SIGNALING_PATH;"
                    + " default: ${DEFAULT-VALUE}).")
    private String signalingPath;

    @Option(names = "--signaling-open-topics", paramLabel = "PATTERNS", split = ",",
            defaultValue = "${env:WEFT_SIGNALING_OPEN_TOPICS}",
            description = "Comma-separated signalling topics (* for any characters) anyone may use, token or not;"
                    + " every other topic names a document and needs a token covering it (WEFT_SIGNALING_OPEN_TOPICS;"
                    + " default: none).")
    private List<String> signalingOpenTopics;

    @Option(names = "--signaling-max-topics", paramLabel = "N", defaultValue = "${env:WEFT_SIGNALING_MAX_TOPICS:-64}",
            description = "Topics one signalling connection may be subscribed to (WEFT_SIGNALING_MAX_TOPICS;"
                    + " default: ${DEFAULT-VALUE}).")
    private int signalingMaxTopics;

    @Option(names = "--signaling-max-subscribers", paramLabel = "N",
            defaultValue = "${env:WEFT_SIGNALING_MAX_SUBSCRIBERS:-256}",
            description = "Connections one signalling topic may hold (WEFT_SIGNALING_MAX_SUBSCRIBERS;"
                    + " default: ${DEFAULT-VALUE}).")
    private int signalingMaxSubscribers;

    @Option(names = "--signaling-max-message-size", paramLabel = "BYTES",
            defaultValue = "${env:WEFT_SIGNALING_MAX_MESSAGE_SIZE:-65536}",
            description = "Largest signalling message; a larger one closes the connection with 1009"
                    + " (WEFT_SIGNALING_MAX_MESSAGE_SIZE; default: ${DEFAULT-VALUE}).")
    private int signalingMaxMessageBytes;

    @Option(names = "--signaling-max-publish-rate", paramLabel = "N",
            defaultValue = "${env:WEFT_SIGNALING_MAX_PUBLISH_RATE:-200}",
            description = "Publishes per second one signalling connection may send; more are refused"
                    + " (WEFT_SIGNALING_MAX_PUBLISH_RATE; default: ${DEFAULT-VALUE}).")
    private int signalingMaxPublishRate;

    @Option(names = "--webhook-url", paramLabel = "URL", defaultValue = "${env:WEFT_WEBHOOK_URL}",
            description = "Where each new comment is POSTed, signed with HMAC-SHA256 (WEFT_WEBHOOK_URL;"
                    + " default: none). Needs --webhook-secret.")
    private URI webhookUrl;

    @Option(names = "--webhook-secret", paramLabel = "SECRET", defaultValue = "${env:WEFT_WEBHOOK_SECRET}",
            description = "The key webhook requests are signed with (WEFT_WEBHOOK_SECRET; prefer the variable).")
    private String webhookSecret;

    @Option(names = "--ai-base-url", paramLabel = "URL", defaultValue = "${env:WEFT_AI_BASE_URL}",
            description = "Base URL of an OpenAI-compatible API for prompt plugins, like https://api.openai.com/v1"
                    + " (WEFT_AI_BASE_URL; default: none, AI runs answer 503).")
    private URI aiBaseUrl;

    @Option(names = "--ai-api-key", paramLabel = "KEY", defaultValue = "${env:WEFT_AI_API_KEY}",
            description = "Key sent to the AI provider as a bearer token (WEFT_AI_API_KEY; prefer the variable:"
                    + " flags show in the process list).")
    private String aiApiKey;

    @Option(names = "--ai-timeout", paramLabel = "SECONDS", defaultValue = "${env:WEFT_AI_TIMEOUT:-60}",
            description = "How long to wait for one AI completion (WEFT_AI_TIMEOUT; default: ${DEFAULT-VALUE}).")
    private long aiTimeoutSeconds;

    @Option(names = "--ai-default-model", paramLabel = "MODEL",
            defaultValue = "${env:WEFT_AI_DEFAULT_MODEL:-gpt-4o-mini}",
            description = "Model a wasm plugin's ai.generate calls (WEFT_AI_DEFAULT_MODEL; default: ${DEFAULT-VALUE}).")
    private String aiDefaultModel;

    @Option(names = "--ai-max-concurrent", paramLabel = "N", defaultValue = "${env:WEFT_AI_MAX_CONCURRENT:-16}",
            description = "AI calls the server makes at once; more wait up to --ai-timeout, then answer 503"
                    + " (WEFT_AI_MAX_CONCURRENT; default: ${DEFAULT-VALUE}).")
    private int aiMaxConcurrent;

    @Option(names = "--ai-prices", paramLabel = "MODEL=PRICE", split = ",", defaultValue = "${env:WEFT_AI_PRICES}",
            description = "Comma-separated model prices in credits per 1000 tokens, INPUT[:OUTPUT], like"
                    + " gpt-4o-mini=0.00015:0.0006 (WEFT_AI_PRICES; default: none).")
    private List<String> aiPrices;

    @Option(names = "--ai-default-price", paramLabel = "PRICE", defaultValue = "${env:WEFT_AI_DEFAULT_PRICE:-0.002}",
            description = "Price of a model missing from --ai-prices, credits per 1000 tokens, INPUT[:OUTPUT]"
                    + " (WEFT_AI_DEFAULT_PRICE; default: ${DEFAULT-VALUE}).")
    private String aiDefaultPrice;

    @Option(names = "--ai-starting-credits", paramLabel = "CREDITS",
            defaultValue = "${env:WEFT_AI_STARTING_CREDITS:-10}",
            description = "Credits each user may spend on AI runs before an administrator grants more"
                    + " (WEFT_AI_STARTING_CREDITS; default: ${DEFAULT-VALUE}).")
    private BigDecimal aiStartingCredits;

    @Option(names = "--plugin-admins", paramLabel = "SUBJECTS", split = ",", defaultValue = "${env:WEFT_PLUGIN_ADMINS}",
            description = "Comma-separated token subjects who may install plugins server-wide, unpublish any plugin"
                    + " and grant credits (WEFT_PLUGIN_ADMINS; default: none, everyone in the open mode).")
    private List<String> pluginAdmins;

    @Option(names = "--plugin-run-deadline", paramLabel = "MILLIS",
            defaultValue = "${env:WEFT_PLUGIN_RUN_DEADLINE:-5000}",
            description = "Wall time one wasm plugin run may take before it is stopped (WEFT_PLUGIN_RUN_DEADLINE;"
                    + " default: ${DEFAULT-VALUE}).")
    private long pluginRunDeadlineMillis;

    @Option(names = "--plugin-max-memory", paramLabel = "BYTES",
            defaultValue = "${env:WEFT_PLUGIN_MAX_MEMORY:-33554432}",
            description = "Most linear memory a wasm plugin may declare; others are refused (WEFT_PLUGIN_MAX_MEMORY;"
                    + " default: ${DEFAULT-VALUE}).")
    private long pluginMaxMemory;

    @Option(names = "--plugin-workers", paramLabel = "N", defaultValue = "${env:WEFT_PLUGIN_WORKERS:-2}",
            description = "Wasm plugin runs that execute at once (WEFT_PLUGIN_WORKERS; default: ${DEFAULT-VALUE}).")
    private int pluginWorkers;

    @Option(names = "--plugin-queue", paramLabel = "N", defaultValue = "${env:WEFT_PLUGIN_QUEUE:-64}",
            description = "Wasm plugin runs that may wait for a worker; more are answered 503 (WEFT_PLUGIN_QUEUE;"
                    + " default: ${DEFAULT-VALUE}).")
    private int pluginQueue;

    @Option(names = "--plugin-runs-per-minute", paramLabel = "N",
            defaultValue = "${env:WEFT_PLUGIN_RUNS_PER_MINUTE:-120}",
            description = "Runs one wasm plugin may start per minute; more are answered 429"
                    + " (WEFT_PLUGIN_RUNS_PER_MINUTE; default: ${DEFAULT-VALUE}).")
    private int pluginRunsPerMinute;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = config();
        WeftServer server;
        try {
            server = WeftServer.start(config);
        } catch (RuntimeException e) {
            log.error("Weft could not start: {}", e.getMessage(), e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "weft-shutdown"));
        stopped.await();
        return 0;
    }

    /** The configuration the flags and variables describe; a bad value is a usage error naming it. */
    ServerConfig config() {
        try {
            Limits limits = new Limits(maxConnections, maxFrameBytes, Limits.DEFAULTS.maxHttpRequestBytes(),
                    writeBufferLow, writeBufferHigh, Duration.ofSeconds(unwritableSeconds), maxQueuedBeforeSync,
                    Duration.ofSeconds(pingSeconds), Duration.ofSeconds(pongSeconds),
                    Limits.DEFAULTS.httpIdleTimeout());
            SignalingSettings signaling = new SignalingSettings(signalingPath,
                    signalingOpenTopics == null ? List.of()
                            : signalingOpenTopics.stream().map(String::strip).filter(t -> !t.isEmpty()).toList(),
                    signalingMaxTopics, signalingMaxSubscribers, signalingMaxMessageBytes, signalingMaxPublishRate);
            return new ServerConfig(bindAddress, port, dataDir, secret(), limits,
                    Duration.ofSeconds(documentIdleSeconds), signaling, plugins(), webhook(), ioThreads,
                    durability);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private Optional<WebhookSettings> webhook() {
        if (webhookUrl == null) {
            return Optional.empty();
        }
        if (webhookSecret == null || webhookSecret.isEmpty()) {
            throw new IllegalArgumentException("--webhook-url needs --webhook-secret (WEFT_WEBHOOK_SECRET)");
        }
        return Optional.of(WebhookSettings.of(webhookUrl, webhookSecret));
    }

    private PluginSettings plugins() {
        Map<String, PluginSettings.Price> prices = new HashMap<>();
        for (String entry : aiPrices == null ? List.<String>of() : aiPrices) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--ai-prices takes MODEL=PRICE entries, not " + entry);
            }
            prices.put(entry.substring(0, equals).strip(), PluginSettings.Price.parse(entry.substring(equals + 1)));
        }
        RuntimeLimits runtime = RuntimeLimits.defaults()
                .withRunDeadline(Duration.ofMillis(pluginRunDeadlineMillis))
                .withMaxMemoryBytes(pluginMaxMemory)
                .withWorkers(pluginWorkers, pluginQueue)
                .withRunsPerMinute(pluginRunsPerMinute);
        return new PluginSettings(Optional.ofNullable(aiBaseUrl), Optional.ofNullable(aiApiKey),
                Duration.ofSeconds(aiTimeoutSeconds), aiDefaultModel, aiMaxConcurrent, prices,
                PluginSettings.Price.parse(aiDefaultPrice), aiStartingCredits,
                pluginAdmins == null ? List.of() : pluginAdmins.stream().map(String::strip).toList(), runtime);
    }

    private Optional<String> secret() {
        if (secret != null && secretFile != null) {
            throw new IllegalArgumentException("give the secret once: --secret (WEFT_SECRET) or --secret-file"
                    + " (WEFT_SECRET_FILE), not both");
        }
        if (secretFile == null) {
            return Optional.ofNullable(secret);
        }
        try {
            return Optional.of(Files.readString(secretFile, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + secretFile + ": " + e.getMessage());
        }
    }

    /** The flag's spelling of a {@link Durability}: its name in lower case with dashes, as {@code power-loss}. */
    static final class DurabilityConverter implements ITypeConverter<Durability> {
        @Override
        public Durability convert(String value) {
            for (Durability durability : Durability.values()) {
                if (durability.name().replace('_', '-').equalsIgnoreCase(value.strip())) {
                    return durability;
                }
            }
            throw new TypeConversionException("expected power-loss or process-crash, not '" + value + "'");
        }
    }
}
