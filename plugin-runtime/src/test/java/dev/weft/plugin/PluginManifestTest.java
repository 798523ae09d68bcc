package dev.weft.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PluginManifestTest {
    private static final String VALID = """
            {
              "name": "repeated-words",
              "version": "1.2.0-beta.1",
              "description": "Finds repeated words.",
              "author": "Ada",
              "license": "MIT",
              "entry": "plugin.wasm",
              "apiVersion": 1,
              "permissions": ["doc.read", "comments.write"],
              "variables": ["highlighted_text"],
              "category": "proofreading",
              "tags": ["comments"]
            }
            """;

    @Test
    void readsEveryField() {
        PluginManifest manifest = PluginManifest.parse(VALID.getBytes(UTF_8));

        assertThat(manifest.id()).isEqualTo("repeated-words@1.2.0-beta.1");
        assertThat(manifest.version().getMinor()).isEqualTo(2);
        assertThat(manifest.permissions()).containsExactlyInAnyOrder(Permission.DOC_READ, Permission.COMMENTS_WRITE);
        assertThat(manifest.allows(Permission.DOC_WRITE)).isFalse();
        assertThat(manifest.variables()).containsExactly("highlighted_text");
        assertThat(manifest.category()).isEqualTo("proofreading");
        assertThat(manifest.tags()).containsExactly("comments");
    }

    @Test
    void listsEveryProblemAtOnce() {
        String json = VALID.replace("\"1.2.0-beta.1\"", "\"1.2\"")
                .replace("\"repeated-words\"", "\"Repeated Words\"")
                .replace("\"comments.write\"", "\"network.open\"")
                .replace("\"apiVersion\": 1", "\"apiVersion\": 7")
                .replace("\"plugin.wasm\"", "\"../secret.wasm\"")
                .replace("\"author\": \"Ada\",", "\"autor\": \"Ada\",");

        assertThatThrownBy(() -> PluginManifest.parse(json.getBytes(UTF_8)))
                .isInstanceOfSatisfying(InvalidPluginException.class, e -> assertThat(e.problems()).containsExactly(
                        "unknown field \"autor\"",
                        "name \"Repeated Words\" must be lowercase letters and digits, words joined by '-'",
                        "version \"1.2\" is not a semantic version such as 1.2.0 (semver.org)",
                        "\"author\" is missing",
                        "entry \"../secret.wasm\" must be a file name ending in .wasm, with no directory",
                        "apiVersion 7 is not supported: this runtime implements 1",
                        "unknown permission \"network.open\" (known: [doc.read, doc.write, comments.write, "
                                + "canvas.write, storybible.read, ai.generate])"))
                .hasMessageStartingWith("invalid plugin: unknown field")
                .extracting(e -> ((PluginException) e).reason())
                .isEqualTo(PluginException.Reason.INVALID_PLUGIN);
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> PluginManifest.parse("{\"name\":".getBytes(UTF_8)))
                .isInstanceOf(InvalidPluginException.class)
                .hasMessageContaining("plugin.json is not JSON");
        assertThatThrownBy(() -> PluginManifest.parse("[1]".getBytes(UTF_8)))
                .hasMessage("invalid plugin: plugin.json must be a JSON object");
    }

    @Test
    void refusesDuplicatesAndBadVariableNames() {
        String json = VALID.replace("[\"highlighted_text\"]", "[\"highlighted_text\", \"highlighted_text\", \"Genre\"]");

        assertThatThrownBy(() -> PluginManifest.parse(json.getBytes(UTF_8)))
                .isInstanceOfSatisfying(InvalidPluginException.class, e -> assertThat(e.problems()).containsExactly(
                        "\"variables\" lists \"highlighted_text\" twice",
                        "variable \"Genre\" must be snake_case (a-z, 0-9, _)"));
    }
}
