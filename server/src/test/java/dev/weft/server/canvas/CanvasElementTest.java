package dev.weft.server.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanvasElementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsACardWithEveryField() throws Exception {
        CanvasElement card = CanvasElement.fromJson(JSON.readTree("""
                {"id": "act-1", "type": "card", "x": -40.5, "y": 80, "width": 300, "height": 120, "z": 3,
                 "text": "The heist", "color": "#FFD966", "parent": "plot", "links": ["chapter-1"]}"""));

        assertThat(card).isEqualTo(new CanvasElement("act-1", ElementType.CARD, -40.5, 80.0, 300.0, 120.0, 3.0,
                "The heist", "#ffd966", "plot", null, null, List.of("chapter-1")));
    }

    @Test
    void leavesOutWhatTheProposalLeavesOut() throws Exception {
        CanvasElement note = CanvasElement.fromJson(JSON.readTree("{\"type\": \"note\"}"));

        assertThat(note).isEqualTo(new CanvasElement(null, ElementType.NOTE, null, null, null, null, null, null,
                null, null, null, null, List.of()));
    }

    @Test
    void listsEveryProblemAtOnce() throws Exception {
        JsonNode bad = JSON.readTree("""
                {"type": "card", "x": 2000000, "width": -5, "height": "tall", "color": "red", "shape": "round",
                 "id": "no spaces", "text": 42, "links": [""]}""");

        assertThatThrownBy(() -> CanvasElement.fromJson(bad))
                .isInstanceOfSatisfying(InvalidCanvasElementException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "unknown field \"shape\" (known: color, from, height, id, links, parent, text, to,"
                                        + " type, width, x, y, z)",
                                "\"id\" must be an element id: 1 to 64 letters, digits, _ or -, not \"no spaces\"",
                                "\"x\" must be a finite number from -1000000 to 1000000, not 2000000",
                                "\"width\" must be a finite number from 1 to 100000, not -5",
                                "\"height\" must be a finite number from 1 to 100000, not \"tall\"",
                                "\"text\" must be a string, not 42",
                                "\"color\" must be #rrggbb, not \"red\"",
                                "each of \"links\" must be a string of 1 to 2048 characters, not \"\""));
    }

    @Test
    void refusesANumberTooLargeToBeFinite() throws Exception {
        assertThatThrownBy(() -> CanvasElement.fromJson(JSON.readTree("{\"type\": \"note\", \"y\": 1e400}")))
                .hasMessageStartingWith("invalid canvas element: \"y\" must be a finite number from -1000000 to");
    }

    @Test
    void refusesWhatIsNoElement() throws Exception {
        assertThatThrownBy(() -> CanvasElement.fromJson(JSON.readTree("[1]")))
                .hasMessage("invalid canvas element: an element must be a JSON object");
        assertThatThrownBy(() -> CanvasElement.fromJson(JSON.readTree("{}")))
                .hasMessage("invalid canvas element: \"type\" is required: one of [card, note, group, connector]");
        assertThatThrownBy(() -> CanvasElement.fromJson(JSON.readTree("{\"type\": \"circle\"}")))
                .hasMessage("invalid canvas element: unknown type \"circle\" (known: [card, note, group, connector])");
    }

    @Test
    void aConnectorJoinsTwoElementsAndHasNoGeometry() throws Exception {
        assertThat(CanvasElement.fromJson(JSON.readTree(
                "{\"type\": \"connector\", \"from\": \"a\", \"to\": \"b\", \"text\": \"then\"}")).references())
                .containsExactly("a", "b");
        assertThatThrownBy(() -> CanvasElement.fromJson(JSON.readTree(
                "{\"type\": \"connector\", \"from\": \"a\", \"x\": 3}")))
                .isInstanceOfSatisfying(InvalidCanvasElementException.class, e -> assertThat(e.problems())
                        .containsExactly("a connector has no \"x\": it follows the elements it joins",
                                "a connector needs \"from\" and \"to\": the ids of the elements it joins"));
        assertThatThrownBy(() -> CanvasElement.fromJson(JSON.readTree(
                "{\"type\": \"connector\", \"from\": \"a\", \"to\": \"a\"}")))
                .hasMessageContaining("a connector joins two different elements");
        assertThatThrownBy(() -> CanvasElement.fromJson(JSON.readTree(
                "{\"type\": \"card\", \"from\": \"a\"}")))
                .hasMessageContaining("only a connector has \"from\" and \"to\"; a card does not");
    }

    @Test
    void capsTheText() throws Exception {
        String longText = "x".repeat(CanvasElement.MAX_TEXT + 1);

        assertThatThrownBy(() -> CanvasElement.fromJson(JSON.createObjectNode().put("type", "note")
                .put("text", longText)))
                .hasMessageContaining("\"text\" is 10001 characters long; the most is 10000");
    }
}
