package dev.weft.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.server.WeftServer;
import dev.weft.server.testing.EditorPage;
import dev.weft.server.testing.EditorPages;
import dev.weft.server.testing.TestServers;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canvas page (canvas.html) in two real headless Chromium browsers sharing nothing but the server: two writers
 * planning one story on the board of the same document.
 */
class CanvasPageTest {
    @TempDir
    static Path dataDir;

    static WeftServer server;
    static EditorPages browsers;

    @BeforeAll
    static void start() {
        server = TestServers.open(dataDir);
        browsers = EditorPages.start();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        server.close();
    }

    @Test
    void twoWritersAddMoveWriteAndConnectCardsAndSeeWhatTheOtherHasSelected() {
        EditorPage grace = open("plot");
        EditorPage alan = open("plot");
        grace.setName("Grace");
        alan.setName("Alan");

        grace.click("[data-add=card]");
        String storm = only(alan.awaitBoard("shows Grace's card", board -> elements(board, "card").size() == 1),
                "card").path("id").asText();
        grace.fill(element(storm) + " textarea", "The storm arrives");
        JsonNode before = find(alan.awaitBoard("shows the card's text, selected by Grace",
                board -> hasText(board, storm, "The storm arrives")
                        && find(board, storm).path("selectedBy").asText("").equals("Grace")), storm);

        grace.drag(element(storm), 300, 200);
        JsonNode moved = find(alan.awaitBoard("shows the card where Grace dropped it",
                board -> find(board, storm).path("x").asDouble() != before.path("x").asDouble()), storm);
        assertThat(moved.path("x").asDouble()).isEqualTo(before.path("x").asDouble() + 300);
        assertThat(moved.path("y").asDouble()).isEqualTo(before.path("y").asDouble() + 200);

        alan.click("[data-add=note]");
        String harbour = only(grace.awaitBoard("shows Alan's note", board -> elements(board, "note").size() == 1),
                "note").path("id").asText();
        grace.awaitBoard("sees that Alan has his note selected",
                board -> find(board, harbour).path("selectedBy").asText("").equals("Alan"));
        alan.click("#connect");
        alan.click(element(storm) + " textarea");
        grace.awaitBoard("shows an arrow from the note to the card", board -> board.path("arrows").size() == 1);

        assertThat(grace.board().path("errors")).isEmpty();
        assertThat(alan.board().path("errors")).isEmpty();
        grace.close();
        alan.close();
    }

    @Test
    void aTemplateIsLaidOutForEveryoneAndTheBoardExportsAsAnOutline() {
        EditorPage writer = open("structure");
        EditorPage reader = open("structure");

        writer.choose("#template", "three-acts");
        writer.click("#apply-template");
        JsonNode laidOut = reader.awaitBoard("shows the three acts and their beats",
                board -> elements(board, "group").size() == 3 && elements(board, "card").size() == 8);
        JsonNode midpoint = withText(laidOut, "Midpoint");
        JsonNode actThree = withText(laidOut, "Act III: Resolution");

        // The reader moves the midpoint into the third act, below its last beat.
        reader.drag(element(midpoint.path("id").asText()),
                (int) (actThree.path("x").asDouble() - midpoint.path("x").asDouble() + 20),
                (int) (actThree.path("y").asDouble() + actThree.path("height").asDouble() - 80
                        - midpoint.path("y").asDouble()));
        writer.awaitBoard("shows the midpoint in the third act",
                board -> withText(board, "Midpoint").path("x").asDouble() > actThree.path("x").asDouble());
        writer.click("#export");

        String outline = writer.awaitBoard("shows the outline", board -> !board.path("outline").isNull())
                .path("outline").asText();
        assertThat(outline).startsWith("# structure\n\n## Act I: Setup\n\n- Opening image\n- Inciting incident\n")
                .contains("## Act II: Confrontation\n\n- Rising action\n- All is lost\n")
                .endsWith("## Act III: Resolution\n\n- Climax\n- Resolution\n- Midpoint\n");
        writer.close();
        reader.close();
    }

    private static EditorPage open(String document) {
        EditorPage page = browsers.open(
                URI.create("http://127.0.0.1:" + server.port() + "/canvas.html?doc=" + document));
        page.awaitBoard("in sync", board -> board.path("status").asText().equals("synced"));
        return page;
    }

    private static String element(String id) {
        return "#board .element[data-id=\"" + id + "\"]";
    }

    private static List<JsonNode> elements(JsonNode board, String type) {
        return stream(board.path("elements")).filter(element -> element.path("type").asText().equals(type)).toList();
    }

    private static JsonNode only(JsonNode board, String type) {
        List<JsonNode> found = elements(board, type);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static JsonNode find(JsonNode board, String id) {
        return first(board, element -> element.path("id").asText().equals(id)).orElseThrow();
    }

    private static JsonNode withText(JsonNode board, String text) {
        return first(board, element -> element.path("text").asText().equals(text)).orElseThrow();
    }

    private static boolean hasText(JsonNode board, String id, String text) {
        return first(board, element -> element.path("id").asText().equals(id))
                .map(element -> element.path("text").asText().equals(text))
                .orElse(false);
    }

    private static Optional<JsonNode> first(JsonNode board, Predicate<JsonNode> condition) {
        return stream(board.path("elements")).filter(condition).findFirst();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
