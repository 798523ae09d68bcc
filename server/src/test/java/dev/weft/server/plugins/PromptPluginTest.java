package dev.weft.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.plugin.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prompt plugins' manifests and templates: what is accepted, and every problem named at once. */
class PromptPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String EXPANDER = """
            {"kind": "prompt", "name": "scene-expander", "version": "1.2.0", "description": "Expands a passage.",
             "author": "Weft", "license": "MIT", "category": "drafting", "tags": ["ai", "scenes"],
             "permissions": ["ai.generate", "doc.read", "storybible.read", "doc.write"],
             "output": "replace-selection",
             "stages": [
               {"model": "gpt-test", "system": "You write {{genre}} in this style: {{style}}.",
                "prompt": "Before: {{preceding_text}}\\nExpand: {{ highlighted_text }}\\nNote: {{user_text_input}}",
                "temperature": 0.8, "topP": 1, "frequencyPenalty": 0.3, "presencePenalty": 0, "maxTokens": 300,
                "stop": ["THE END"]},
               {"model": "gpt-test", "prompt": "Tighten: {{first_stage_output}}", "maxTokens": 200}
             ]}""";

    @Test
    void aValidManifestReadsWhole() throws Exception {
        PromptPlugin plugin = PromptPlugin.parse(JSON.readTree(EXPANDER));

        assertThat(plugin.name()).isEqualTo("scene-expander");
        assertThat(plugin.version()).isEqualTo("1.2.0");
        assertThat(plugin.permissions()).containsExactlyInAnyOrder(Permission.AI_GENERATE, Permission.DOC_READ,
                Permission.STORYBIBLE_READ, Permission.DOC_WRITE);
        assertThat(plugin.output()).isEqualTo(PromptOutput.REPLACE_SELECTION);
        assertThat(plugin.stages()).hasSize(2);
        PromptStage first = plugin.stages().getFirst();
        assertThat(first.prompt().names()).containsExactly("preceding_text", "highlighted_text", "user_text_input");
        assertThat(first.parameters().temperature()).isEqualTo(0.8);
        assertThat(first.parameters().stop()).containsExactly("THE END");
        assertThat(plugin.stages().get(1).parameters().completionBudget()).isEqualTo(200);
    }

    @Test
    void everyProblemIsListedByItsField() throws Exception {
        JsonNode manifest = JSON.readTree("""
                {"kind": "prompt", "name": "Bad Name", "version": "one", "description": "x", "author": "a",
                 "license": "MIT", "category": "c", "permissions": ["doc.read", "teleport"], "output": "shout",
                 "colour": "red",
                 "stages": [
                   {"model": "m", "prompt": "{{synopsis}} {{nonsense}} {{first_stage_output}} {{", "temperature": 3,
                    "maxTokens": 0, "stop": ["a", "b", "c", "d", "e"], "temp": 1}
                 ]}""");

        assertThatThrownBy(() -> PromptPlugin.parse(manifest)).isInstanceOfSatisfying(InvalidManifestException.class,
                e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "unknown field \"colour\"",
                        "name \"Bad Name\" must be lowercase letters and digits, words joined by '-'",
                        "version \"one\" is not a semantic version such as 1.2.0 (semver.org)",
                        "unknown permission \"teleport\" (known: [doc.read, doc.write, comments.write, canvas.write,"
                                + " storybible.read, ai.generate])",
                        "a prompt plugin calls the AI provider: \"permissions\" must include \"ai.generate\"",
                        "\"output\" must be one of [text, replace-selection, insert-after-selection, canvas-note]",
                        "unknown field \"stages[0].temp\"",
                        "stages[0].prompt: a placeholder is not closed: write {{variable_name}}",
                        "stages[0].prompt: {{synopsis}} needs the permission \"storybible.read\"",
                        "stages[0].prompt: {{nonsense}} is not a known variable (see the seed list)",
                        "stages[0].prompt: {{first_stage_output}} is only known in the second stage",
                        "stages[0].temperature must be a number from 0.0 to 2.0",
                        "stages[0].maxTokens must be an integer from 1 to 32768",
                        "\"stages[0].stop\" must be an array of at most 4 strings"));
    }

    @Test
    void anEditingOutputNeedsDocWriteAndThereAreAtMostTwoStages() throws Exception {
        JsonNode manifest = JSON.readTree("""
                {"kind": "prompt", "name": "p", "version": "1.0.0", "description": "x", "author": "a",
                 "license": "MIT", "category": "c", "permissions": ["ai.generate"], "output": "insert-after-selection",
                 "stages": [{"model": "m", "prompt": "a"}, {"model": "m", "prompt": "b"}, {"model": "m", "prompt": "c"}]}""");

        assertThatThrownBy(() -> PromptPlugin.parse(manifest)).isInstanceOfSatisfying(InvalidManifestException.class,
                e -> assertThat(e.problems()).containsExactly(
                        "\"output\": \"insert-after-selection\" edits the document: \"permissions\" must include"
                                + " \"doc.write\"",
                        "\"stages\" must be an array of 1 or 2 stages"));
    }

    @Test
    void aCanvasNoteNeedsCanvasWrite() throws Exception {
        JsonNode manifest = JSON.readTree("""
                {"kind": "prompt", "name": "p", "version": "1.0.0", "description": "x", "author": "a",
                 "license": "MIT", "category": "c", "permissions": ["ai.generate", "doc.write"],
                 "output": "canvas-note", "stages": [{"model": "m", "prompt": "a"}]}""");

        assertThatThrownBy(() -> PromptPlugin.parse(manifest)).isInstanceOfSatisfying(InvalidManifestException.class,
                e -> assertThat(e.problems()).containsExactly("\"output\": \"canvas-note\" adds to the document's"
                        + " canvas: \"permissions\" must include \"canvas.write\""));
    }

    @Test
    void aTemplateFillsEachPlaceholderAndLeavesOtherBracesAlone() {
        List<String> problems = new ArrayList<>();
        PromptTemplate template = PromptTemplate.parse("{{genre}} { not a placeholder } {{ genre }}: {{style}}$1",
                problems);

        assertThat(problems).isEmpty();
        assertThat(template.names()).containsExactly("genre", "style");
        assertThat(template.render(Map.of("genre", "noir"))).isEqualTo("noir { not a placeholder } noir: $1");
    }
}
