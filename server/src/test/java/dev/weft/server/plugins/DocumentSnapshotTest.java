package dev.weft.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.Doc;
import dev.weft.crdt.YArray;
import dev.weft.crdt.YMap;
import dev.weft.plugin.Permission;
import dev.weft.server.http.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a run reads of a document (its text and Story Bible) and the variables made of it. */
class DocumentSnapshotTest {

    @Test
    void theTextAndStoryBibleAreReadAsAClientWroteThem() {
        Doc writer = new Doc();
        writer.getText("text").insert(0, "It was dark.");
        YMap bible = writer.getMap("storyBible");
        bible.set("genre", "noir");
        YArray characters = new YArray();
        bible.set("characters", characters);
        characters.push(List.of(Map.of("name", "Sam", "description", "a tired detective", "age", "40"),
                "the city"));
        bible.set("setting", Map.of("place", "Lisbon"));
        Doc server = new Doc();
        server.applyUpdate(writer.encodeStateAsUpdate());

        DocumentSnapshot snapshot = DocumentSnapshot.of(server);

        assertThat(snapshot.text()).isEqualTo("It was dark.");
        assertThat(snapshot.storyBibleText("genre")).isEqualTo("noir");
        assertThat(snapshot.storyBibleText("characters"))
                .isEqualTo("- Sam: a tired detective (age: 40)\n- the city");
        assertThat(snapshot.storyBibleText("setting")).isEqualTo("place: Lisbon");
        assertThat(snapshot.storyBibleText("outline")).isEmpty();
        // reading declared nothing: a client may still claim the roots as it likes
        assertThat(server.toJson()).containsKeys("text", "storyBible");
    }

    @Test
    void aDocumentWithoutTextOrStoryBibleReadsEmpty() {
        DocumentSnapshot snapshot = DocumentSnapshot.of(new Doc());

        assertThat(snapshot.text()).isEmpty();
        assertThat(snapshot.storyBible()).isEmpty();
    }

    @Test
    void variablesComeFromAroundTheSelectionTheStoryBibleAndTheRequest() {
        String text = "x".repeat(2500) + "HIGHLIGHT" + "y".repeat(10);
        DocumentSnapshot snapshot = new DocumentSnapshot(text, Map.of("synopsis", "A long wait."));
        RunRequest request = new RunRequest(new RunRequest.Selection(2500, 2509), "more rain", null, null, null);

        Map<String, String> values = RunVariables.of("chapter-2", snapshot, request, "Chapter one.");

        assertThat(values).containsEntry("highlighted_text", "HIGHLIGHT")
                .containsEntry("following_text", "y".repeat(10))
                .containsEntry("user_text_input", "more rain")
                .containsEntry("previous_document_text", "Chapter one.")
                .containsEntry("document_name", "chapter-2")
                .containsEntry("synopsis", "A long wait.")
                .containsEntry("genre", "");
        assertThat(values.get("preceding_text")).hasSize(RunVariables.CONTEXT_CHARS);
        assertThat(values.keySet()).containsAll(Arrays.stream(Variable.values())
                .filter(variable -> variable != Variable.FIRST_STAGE_OUTPUT).map(Variable::id).toList());
    }

    @Test
    void aPluginReadsOnlyTheVariablesItsPermissionsCover() {
        Map<String, String> values = Map.of("highlighted_text", "chosen", "document_text", "all of it",
                "synopsis", "the plot", "user_text_input", "typed", "made_up", "x");

        assertThat(Variable.readableWith(Set.of(), values))
                .containsOnlyKeys("highlighted_text", "user_text_input");
        assertThat(Variable.readableWith(Set.of(Permission.DOC_READ), values))
                .containsOnlyKeys("highlighted_text", "user_text_input", "document_text");
        assertThat(Variable.readableWith(Set.of(Permission.STORYBIBLE_READ), values))
                .containsOnlyKeys("highlighted_text", "user_text_input", "synopsis");
    }

    @Test
    void aSelectionOutsideTheTextIsRefused() {
        DocumentSnapshot snapshot = new DocumentSnapshot("short", Map.of());
        RunRequest request = new RunRequest(new RunRequest.Selection(2, 9), null, null, null, null);

        assertThatThrownBy(() -> RunVariables.of("d", snapshot, request, ""))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_selection"));
    }

    @Test
    void theSampleSelectionIsTheSampleTextsFirstSentence() {
        assertThat(SampleData.SNAPSHOT.text().substring(SampleData.SELECTION.from(), SampleData.SELECTION.to()))
                .isEqualTo("The lighthouse keeper counted the ships twice.");
    }
}
