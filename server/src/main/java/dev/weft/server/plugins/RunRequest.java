package dev.weft.server.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The body of a plugin run (and of its cost estimate), every field optional:
 *
 * <pre>{@code
 * {"selection": {"from": 120, "to": 180}, "userInput": "make it rain", "previousDocument": "chapter-1",
 *  "input": {...}, "test": false}
 * }</pre>
 *
 * @param selection the selected range of the document's text, in UTF-16 code units as Yjs counts them; without
 *     one, the cursor is at the end of the text and nothing is selected
 * @param userInput what the user typed for this run ({@code {{user_text_input}}})
 * @param previousDocument another document whose text is {@code {{previous_document_text}}}
 * @param input what a wasm plugin receives as its input (a JSON value it interprets)
 * @param test run against the sample data (its text, selection, Story Bible and previous document; the request's
 *     {@code userInput} and {@code input} still count), change nothing, and report what the run would have done
 */
public record RunRequest(Selection selection, String userInput, String previousDocument, JsonNode input,
        Boolean test) {

    /** The request with nothing in it. */
    public static final RunRequest EMPTY = new RunRequest(null, null, null, null, null);

    public Optional<Selection> selectionGiven() {
        return Optional.ofNullable(selection);
    }

    public String userInputOrEmpty() {
        return userInput == null ? "" : userInput;
    }

    public Optional<String> previousDocumentGiven() {
        return Optional.ofNullable(previousDocument).filter(name -> !name.isEmpty());
    }

    public boolean testMode() {
        return Boolean.TRUE.equals(test);
    }

    /** A range {@code [from, to)} of the text. */
    public record Selection(int from, int to) {
    }
}
