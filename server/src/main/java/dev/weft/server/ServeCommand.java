package dev.weft.server;

import dev.weft.server.config.Limits;
import dev.weft.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
            description = "A connection unwritable this long (its client stopped reading) is closed"
                    + " (WEFT_UNWRITABLE_TIMEOUT; default: ${DEFAULT-VALUE}).")
    private long unwritableSeconds;

    @Option(names = "--max-queued-before-sync", paramLabel = "BYTES",
            defaultValue = "${env:WEFT_MAX_QUEUED_BEFORE_SYNC:-16777216}",
            description = "What a connection may send while its document loads; more closes it"
                    + " (WEFT_MAX_QUEUED_BEFORE_SYNC; default: ${DEFAULT-VALUE}).")
    private int maxQueuedBeforeSync;

    @Option(names = "--ping-interval", paramLabel = "SECONDS", defaultValue = "${env:WEFT_PING_INTERVAL:-30}",
            description = "A WebSocket ping after this long without traffic (WEFT_PING_INTERVAL;"
                    + " default: ${DEFAULT-VALUE}).")
    private long pingSeconds;

    @Option(names = "--pong-timeout", paramLabel = "SECONDS", defaultValue = "${env:WEFT_PONG_TIMEOUT:-75}",
            description = "A connection silent this long, pongs included, is closed (WEFT_PONG_TIMEOUT;"
                    + " default: ${DEFAULT-VALUE}).")
    private long pongSeconds;

    @Option(names = "--document-idle-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:WEFT_DOCUMENT_IDLE_TIMEOUT:-30}",
            description = "A document without connections is unloaded from memory after this long"
                    + " (WEFT_DOCUMENT_IDLE_TIMEOUT; default: ${DEFAULT-VALUE}).")
    private long documentIdleSeconds;

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
            return new ServerConfig(bindAddress, port, dataDir, secret(), limits,
                    Duration.ofSeconds(documentIdleSeconds));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
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
}
