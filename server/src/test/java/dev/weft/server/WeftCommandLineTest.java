package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.server.config.ServerConfig;
import dev.weft.storage.Durability;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeftCommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Weft.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void serveHelpNamesEveryOptionWithItsVariableAndDefault() {
        assertThat(run("serve", "--help")).isZero();

        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--port=PORT")
                .contains("(WEFT_PORT; default: 8080)")
                .contains("--bind=ADDRESS")
                .contains("--data-dir=DIR")
                .contains("(WEFT_DATA_DIR; default:")
                .contains("--secret=SECRET")
                .contains("--secret-file=FILE")
                .contains("--max-connections=N")
                .contains("--max-frame-size=BYTES")
                .contains("--write-buffer-high=BYTES")
                .contains("--unwritable-timeout=SECONDS")
                .contains("--max-queued-before-sync=BYTES")
                .contains("--ping-interval=SECONDS")
                .contains("--pong-timeout=SECONDS")
                .contains("--document-idle-timeout=SECONDS");
    }

    @Test
    void serveFlagsBecomeTheServerConfiguration(@TempDir Path dir) throws Exception {
        Path secretFile = Files.writeString(dir.resolve("secret"), "  " + "s".repeat(40) + "\n");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--port", "0", "--bind", "127.0.0.1", "--data-dir", dir.toString(),
                "--secret-file", secretFile.toString(), "--max-connections", "7", "--max-frame-size", "1000",
                "--document-idle-timeout", "5", "--io-threads", "3", "--durability", "process-crash");

        ServerConfig config = serve.config();

        assertThat(config.port()).isZero();
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.dataDir()).isEqualTo(dir);
        assertThat(config.secret()).hasValue("s".repeat(40));
        assertThat(config.limits().maxConnections()).isEqualTo(7);
        assertThat(config.limits().maxFrameBytes()).isEqualTo(1000);
        assertThat(config.documentIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.eventLoops()).isEqualTo(3);
        assertThat(config.durability()).isEqualTo(Durability.PROCESS_CRASH);
    }

    @Test
    void withoutFlagsOrVariablesTheServerListensOn8080InOpenModeWithItsDataInDotData() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();

        ServerConfig config = serve.config();

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.secret()).isEmpty();
        assertThat(config.eventLoops()).as("one per two processors")
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(config.durability()).isEqualTo(Durability.POWER_LOSS);
    }

    @Test
    void anUnknownDurabilityIsRejected() {
        assertThat(run("serve", "--durability", "maybe")).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("expected power-loss or process-crash, not 'maybe'");
    }

    @Test
    void aSecretShorterThanHs256NeedsIsRejected() {
        assertThat(run("serve", "--secret", "short")).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("the secret must be at least 32 bytes long");
    }

    @Test
    void versionIsTheProjectVersionFilledInByMaven() {
        assertThat(run("--version")).isZero();

        assertThat(out.toString().strip()).matches("Weft \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void aPortOutsideTheTcpRangeIsRejected() {
        assertThat(run("serve", "--port", "65536")).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("the port must be between 0 and 65535, not 65536");
    }

    @Test
    void aWebhookUrlAndSecretBecomeTheWebhookSettingsAndTheSecretIsNeverPrinted() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--webhook-url", "https://hooks.example/weft", "--webhook-secret", "hush");

        ServerConfig config = serve.config();

        assertThat(config.webhook()).hasValueSatisfying(webhook -> {
            assertThat(webhook.url()).hasToString("https://hooks.example/weft");
            assertThat(webhook.secret()).isEqualTo("hush");
        });
        assertThat(config.toString()).contains("hooks.example").doesNotContain("hush");
    }

    @Test
    void aWebhookUrlWithoutASecretIsRejected() {
        assertThat(run("serve", "--webhook-url", "https://hooks.example/weft")).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("--webhook-url needs --webhook-secret");
    }

    @Test
    void weftAloneAsksForASubcommand() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("Missing required subcommand").contains("serve");
    }
}
