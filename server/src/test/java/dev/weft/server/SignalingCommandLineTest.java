package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.server.config.SignalingSettings;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import org.junit.jupiter.api.Test;

/** The signalling flags of {@code weft serve} and what they become. */
class SignalingCommandLineTest {

    private static SignalingSettings parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.config().signaling();
    }

    @Test
    void withoutFlagsSignallingIsAtSlashSignalingWithNoOpenTopicsAndTheDefaultLimits() {
        assertThat(parse()).isEqualTo(SignalingSettings.DEFAULTS);
    }

    @Test
    void everyFlagReachesTheSettings() {
        SignalingSettings settings = parse("--signaling-path", "/rtc", "--signaling-open-topics", "lobby/*, demo,",
                "--signaling-max-topics", "3", "--signaling-max-subscribers", "4", "--signaling-max-message-size",
                "5000", "--signaling-max-publish-rate", "6");

        assertThat(settings).isEqualTo(new SignalingSettings("/rtc", List.of("lobby/*", "demo"), 3, 4, 5000, 6));
    }

    @Test
    void aPathThatIsNotOneIsAUsageError() {
        assertThatThrownBy(() -> parse("--signaling-path", "signaling"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("must start with /");
        assertThatThrownBy(() -> parse("--signaling-max-topics", "0"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("maxTopicsPerConnection must be positive");
    }

    @Test
    void helpNamesTheFlagsAndTheirVariables() {
        String help = new CommandLine(new ServeCommand()).getUsageMessage();
        assertThat(help.replaceAll("\\s+", " "))
                .contains("--signaling-path=PATH")
                .contains("(WEFT_SIGNALING_PATH; default: /signaling)")
                .contains("--signaling-open-topics=PATTERNS")
                .contains("WEFT_SIGNALING_OPEN_TOPICS")
                .contains("(WEFT_SIGNALING_MAX_TOPICS; default: 64)")
                .contains("(WEFT_SIGNALING_MAX_SUBSCRIBERS; default: 256)")
                .contains("(WEFT_SIGNALING_MAX_MESSAGE_SIZE; default: 65536)")
                .contains("(WEFT_SIGNALING_MAX_PUBLISH_RATE; default: 200)");
    }
}
