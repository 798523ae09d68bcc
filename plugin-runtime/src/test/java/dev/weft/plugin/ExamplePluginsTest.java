package dev.weft.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example plugins, built from their AssemblyScript sources, run on documents as the server will run them. */
class ExamplePluginsTest {
    private static PluginRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new PluginRuntime(TestPlugins.limits());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void readingStatisticsCountsWordsSentencesAndParagraphs() {
        LoadedPlugin plugin = runtime.load(TestPlugins.named("reading-stats"));
        String text = "The night was cold. Nobody spoke!\nThen the bell rang, twice, and everyone turned.";

        PluginResult result = runtime.run(plugin, new PluginRun(NullNode.getInstance(), Map.of(), new RecordingHost(text)));

        ObjectNode stats = (ObjectNode) result.output().get("stats");
        assertThat(stats.get("words").intValue()).isEqualTo(14);
        assertThat(stats.get("sentences").intValue()).isEqualTo(3);
        assertThat(stats.get("paragraphs").intValue()).isEqualTo(2);
        assertThat(stats.get("characters").intValue()).isEqualTo(text.length());
        assertThat(result.output().get("text").textValue()).startsWith("14 words, 3 sentences, 2 paragraphs");
        assertThat(result.memoryBytes()).isPositive();
    }

    @Test
    void repeatedWordFinderProposesACommentOnEachRepetition() {
        LoadedPlugin plugin = runtime.load(TestPlugins.named("repeated-words"));
        String text = "It was the the best of times. Times were good, were they not? Not not at all.";
        RecordingHost host = new RecordingHost(text);

        PluginResult result = runtime.run(plugin, new PluginRun(null, Map.of(), host));

        assertThat(host.comments).containsExactly(
                new RecordingHost.Comment(7, 14, "Repeated word: the"),
                new RecordingHost.Comment(62, 69, "Repeated word: not"));
        assertThat(text.substring(7, 14)).isEqualTo("the the");
        assertThat(result.output().get("comments").intValue()).isEqualTo(2);
        assertThat(result.output().get("text").textValue()).isEqualTo("2 repeated words");
    }

    @Test
    void outlineTurnsAParagraphIntoOnePointPerSentence() {
        LoadedPlugin plugin = runtime.load(TestPlugins.named("outline"));
        String paragraph = "Mara leaves the village at dawn, carrying her father's map. "
                + "The river has flooded; the bridge is gone. She meets a \"ferryman\" who asks for a song.";

        PluginResult result = runtime.run(plugin,
                new PluginRun(null, Map.of("highlighted_text", paragraph, "genre", "fantasy"), new RecordingHost()));

        assertThat(result.output().get("outline")).extracting(node -> node.textValue()).containsExactly(
                "Mara leaves the village at dawn",
                "The river has flooded",
                "She meets a \"ferryman\" who asks for a song");
        assertThat(result.output().get("text").textValue()).isEqualTo(
                "- Mara leaves the village at dawn\n- The river has flooded\n- She meets a \"ferryman\" who asks for a song");
    }

    @Test
    void thePluginReceivesOnlyTheVariablesItDeclares() {
        LoadedPlugin plugin = runtime.load(TestPlugins.named("trivial"));

        PluginResult withGenre = runtime.run(plugin,
                new PluginRun(null, Map.of("genre", "x".repeat(1000)), new RecordingHost()));
        PluginResult without = runtime.run(plugin, new PluginRun(null, Map.of(), new RecordingHost()));

        // Its input is the envelope {"plugin","version","variables","input"}: an undeclared variable adds nothing.
        assertThat(withGenre.output().get("inputBytes").intValue())
                .isEqualTo(without.output().get("inputBytes").intValue());
    }
}
