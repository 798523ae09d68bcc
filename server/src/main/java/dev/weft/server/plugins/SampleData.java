package dev.weft.server.plugins;

import java.util.List;
import java.util.Map;

/**
 * What a test run reads instead of the document: a short scene with a full Story Bible, so that a plugin's author
 * sees every variable filled.
 */
final class SampleData {
    static final String DOCUMENT = "sample";

    static final DocumentSnapshot SNAPSHOT = new DocumentSnapshot("""
            The lighthouse keeper counted the ships twice. The the storm had come early that year, and the harbour \
            bells rang without a hand on their ropes. Mara climbed the stairs with the lamp oil, one step at a time.

            At the top she found the logbook open at a page she had never written.""",
            Map.ofEntries(
                    Map.entry("title", "The Keeper's Log"),
                    Map.entry("genre", "gothic mystery"),
                    Map.entry("style", "spare, close third person, short sentences"),
                    Map.entry("tone", "uneasy"),
                    Map.entry("pov", "close third, Mara"),
                    Map.entry("tense", "past"),
                    Map.entry("audience", "adult readers"),
                    Map.entry("themes", List.of("solitude", "memory")),
                    Map.entry("synopsis", "A lighthouse keeper finds entries in her logbook that she did not write."),
                    Map.entry("characters", List.of(
                            Map.of("name", "Mara", "description", "the keeper, methodical, tired"),
                            Map.of("name", "Tomas", "description", "the harbour master, her brother"))),
                    Map.entry("setting", "a northern harbour town, 1890s"),
                    Map.entry("worldbuilding", "The lamp must never go out; the town believes the sea keeps count."),
                    Map.entry("outline", List.of("The storm", "The logbook", "The missing ship")),
                    Map.entry("scene_summary", "Mara climbs the tower during the storm and finds the strange entry."),
                    Map.entry("braindump", "the handwriting is her mother's?")));

    /** The first sentence of the sample text, as the selection of a test run that gives none. */
    static final RunRequest.Selection SELECTION = new RunRequest.Selection(0, 46);

    static final String PREVIOUS_DOCUMENT_TEXT = "The ferry did not come on Tuesday.";

    private SampleData() {
    }
}
