package dev.weft.server.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.crdt.Doc;
import dev.weft.crdt.Transaction;
import dev.weft.crdt.YMap;
import dev.weft.crdt.YText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CanvasDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void addsEachElementAsAMapOfItsFieldsUnderANewId() throws Exception {
        Doc doc = new Doc();

        List<CanvasDocument.Placement> placed = add(doc, Optional.of("outline"),
                "{\"type\": \"card\", \"x\": 10, \"y\": 20, \"text\": \"Act I\", \"color\": \"#AABBCC\","
                        + " \"links\": [\"chapter-1\"]}",
                "{\"type\": \"note\"}");

        assertThat(placed).containsExactly(CanvasDocument.Placement.added("e1"), CanvasDocument.Placement.added("e2"));
        YMap canvas = doc.getMap(CanvasDocument.ROOT);
        YMap card = (YMap) canvas.get("e1");
        assertThat(card.get(CanvasDocument.TEXT)).isInstanceOf(YText.class);
        assertThat(card.toJson()).isEqualTo(Map.of("type", "card", "x", 10.0, "y", 20.0, "width", 240.0,
                "height", 160.0, "z", 1.0, "text", "Act I", "color", "#aabbcc", "links", List.of("chapter-1"),
                "plugin", "outline"));
        // defaults: at the origin, the type's size, on top of what was there
        assertThat(((YMap) canvas.get("e2")).toJson()).isEqualTo(Map.of("type", "note", "x", 0.0, "y", 0.0,
                "width", 200.0, "height", 200.0, "z", 2.0, "text", "", "plugin", "outline"));
    }

    @Test
    void newElementsWithoutZGoOnTopOfTheHighest() throws Exception {
        Doc doc = new Doc();
        add(doc, Optional.empty(), "{\"type\": \"note\", \"z\": 41}");

        add(doc, Optional.empty(), "{\"type\": \"note\"}", "{\"type\": \"note\", \"z\": -1}");

        YMap canvas = doc.getMap(CanvasDocument.ROOT);
        assertThat(((YMap) canvas.get("e2")).get(CanvasDocument.Z)).isEqualTo(42.0);
        assertThat(((YMap) canvas.get("e3")).get(CanvasDocument.Z)).isEqualTo(-1.0);
    }

    @Test
    void referencesNameEarlierElementsOfTheProposalByKeyOrTheCanvasByTheirId() throws Exception {
        Doc doc = new Doc();
        add(doc, Optional.empty(), "{\"type\": \"card\", \"text\": \"Already there\"}");

        List<CanvasDocument.Placement> placed = add(doc, Optional.empty(),
                "{\"id\": \"act\", \"type\": \"group\"}",
                "{\"id\": \"scene\", \"type\": \"card\", \"parent\": \"act\"}",
                "{\"type\": \"connector\", \"from\": \"e1\", \"to\": \"scene\"}");

        assertThat(placed).allMatch(CanvasDocument.Placement::isAdded);
        YMap canvas = doc.getMap(CanvasDocument.ROOT);
        assertThat(((YMap) canvas.get("e3")).get(CanvasDocument.PARENT)).isEqualTo("e2");
        YMap connector = (YMap) canvas.get("e4");
        assertThat(connector.get(CanvasDocument.FROM)).isEqualTo("e1");
        assertThat(connector.get(CanvasDocument.TO)).isEqualTo("e3");
        assertThat(connector.has(CanvasDocument.X)).isFalse();
    }

    @Test
    void refusesDanglingOrMistypedReferencesAndWhatDependsOnThem() throws Exception {
        Doc doc = new Doc();
        add(doc, Optional.empty(), "{\"type\": \"card\"}");

        List<CanvasDocument.Placement> placed = add(doc, Optional.empty(),
                "{\"id\": \"lost\", \"type\": \"card\", \"parent\": \"nowhere\"}",
                "{\"type\": \"connector\", \"from\": \"e1\", \"to\": \"lost\"}",
                "{\"type\": \"note\", \"parent\": \"e1\"}",
                "{\"id\": \"c\", \"type\": \"connector\", \"from\": \"e1\", \"to\": \"e1x\"}",
                "{\"type\": \"note\"}");

        assertThat(placed).extracting(CanvasDocument.Placement::error).containsExactly(
                "no element \"nowhere\" on the canvas, nor proposed before this one",
                "no element \"lost\" on the canvas, nor proposed before this one",
                "its parent \"e1\" is a card, not a group",
                "no element \"e1x\" on the canvas, nor proposed before this one",
                null);
        assertThat(doc.getMap(CanvasDocument.ROOT).keys()).containsExactly("e1", "e2");
    }

    @Test
    void refusesElementsPastTheCap() throws Exception {
        Doc doc = new Doc();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < CanvasDocument.MAX_ELEMENTS; i++) {
            notes.add("{\"type\": \"note\"}");
        }
        add(doc, Optional.empty(), notes.toArray(String[]::new));

        List<CanvasDocument.Placement> placed = add(doc, Optional.empty(), "{\"type\": \"note\"}");

        assertThat(placed).containsExactly(CanvasDocument.Placement.refused("the canvas is full (10000 elements)"));
    }

    @Test
    void concurrentChangesToDifferentElementsOrFieldsAllSurvive() throws Exception {
        Doc alice = new Doc();
        add(alice, Optional.empty(), "{\"type\": \"card\", \"text\": \"Heist\"}", "{\"type\": \"note\"}");
        Doc bob = new Doc();
        bob.applyUpdate(alice.encodeStateAsUpdate());

        YMap aliceCard = (YMap) alice.getMap(CanvasDocument.ROOT).get("e1");
        YMap bobCard = (YMap) bob.getMap(CanvasDocument.ROOT).get("e1");
        YMap bobNote = (YMap) bob.getMap(CanvasDocument.ROOT).get("e2");
        try (Transaction txn = alice.transact("move")) {
            aliceCard.set(txn, CanvasDocument.X, 500.0);
            aliceCard.set(txn, CanvasDocument.Y, 60.0);
            ((YText) aliceCard.get(CanvasDocument.TEXT)).insert(0, "The ");
        }
        try (Transaction txn = bob.transact("recolour")) {
            bobCard.set(txn, CanvasDocument.COLOR, "#ff0000");
            ((YText) bobCard.get(CanvasDocument.TEXT)).insert(5, " at dawn");
            bobNote.set(txn, CanvasDocument.X, -80.0);
        }
        alice.applyUpdate(bob.encodeStateAsUpdate(alice.encodeStateVector()));
        bob.applyUpdate(alice.encodeStateAsUpdate(bob.encodeStateVector()));

        // Numbers compared as JS sees them: a whole number comes back from an update as an Integer.
        assertThat(numbersAsDoubles(alice.toJson())).isEqualTo(numbersAsDoubles(bob.toJson()));
        assertThat(numbersAsDoubles(aliceCard.toJson())).isEqualTo(Map.of("type", "card", "x", 500.0, "y", 60.0,
                "width", 240.0, "height", 160.0, "z", 1.0, "text", "The Heist at dawn", "color", "#ff0000"));
        assertThat(((Number) ((YMap) alice.getMap(CanvasDocument.ROOT).get("e2")).get(CanvasDocument.X))
                .doubleValue()).isEqualTo(-80.0);
    }

    private static Object numbersAsDoubles(Object json) {
        return switch (json) {
            case Number number -> number.doubleValue();
            case Map<?, ?> map -> map.entrySet().stream().collect(
                    Collectors.toMap(Map.Entry::getKey, entry -> numbersAsDoubles(entry.getValue())));
            default -> json;
        };
    }

    private List<CanvasDocument.Placement> add(Doc doc, Optional<String> plugin, String... elements)
            throws Exception {
        List<CanvasElement> parsed = new ArrayList<>();
        for (String element : elements) {
            parsed.add(CanvasElement.fromJson(JSON.readTree(element)));
        }
        try (Transaction txn = doc.transact("test")) {
            return CanvasDocument.add(doc, parsed, plugin, () -> "e" + ids.incrementAndGet());
        }
    }
}
