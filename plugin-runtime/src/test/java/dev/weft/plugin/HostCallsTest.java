package dev.weft.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every host import reaches the HostApi with the plugin's arguments, and its answers reach the plugin. */
class HostCallsTest {
    @Test
    void everyHostImportReachesTheHost() {
        String text = "Once upon a time — in Zürich.";
        RecordingHost host = new RecordingHost(text, Map.of("synopsis", "A clockmaker's \"last\" clock"));
        try (PluginRuntime runtime = new PluginRuntime(TestPlugins.limits())) {
            LoadedPlugin plugin = runtime.load(TestPlugins.named("every-host-call"));

            PluginResult result = runtime.run(plugin,
                    new PluginRun(null, Map.of("genre", "fable", "style", "terse"), host));

            String title = new StringBuilder("A title for: A clockmaker's \"last\" clock").reverse().toString();
            assertThat(host.logs).containsExactly("writing a fable story");
            assertThat(host.prompts).containsExactly("A title for: A clockmaker's \"last\" clock");
            assertThat(host.edits).containsExactly(new RecordingHost.Edit(0, 0, title + "\n"));
            assertThat(host.comments).containsExactly(
                    new RecordingHost.Comment(0, text.length(), "The whole text, " + text.length() + " characters"));
            assertThat(host.canvasElements).containsExactly(
                    "{\"type\":\"note\",\"text\":\"A clockmaker's \\\"last\\\" clock\"}");
            assertThat(result.output().get("text").textValue()).isEqualTo(title);
            assertThat(result.output().get("genre").textValue()).isEqualTo("fable");
            assertThat(result.hostCalls()).isEqualTo(8);
        }
    }
}
