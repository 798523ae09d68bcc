package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

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
    void serveHelpNamesBothOptionsWithTheirDefaults() {
        assertThat(run("serve", "--help")).isZero();

        assertThat(out.toString())
                .contains("--port=PORT")
                .contains("(default: 8080)")
                .contains("--data-dir=DIR")
                .contains("(default: ./data)");
    }

    @Test
    void versionIsTheProjectVersionFilledInByMaven() {
        assertThat(run("--version")).isZero();

        assertThat(out.toString().strip()).matches("Weft \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void aPortOutsideTheTcpRangeIsRejected() {
        assertThat(run("serve", "--port", "65536")).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("--port must be between 1 and 65535, not 65536");
    }

    @Test
    void weftAloneAsksForASubcommand() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("Missing required subcommand").contains("serve");
    }
}
