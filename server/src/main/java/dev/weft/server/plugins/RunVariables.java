package dev.weft.server.plugins;

import dev.weft.server.http.ApiException;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of the seed list's variables for one run: from the document's text around the selection, its
 * Story Bible, the request, and the previous document's text.
 */
final class RunVariables {
    /** How much text around the selection {@code preceding_text} and {@code following_text} hold. */
    static final int CONTEXT_CHARS = 2000;

    private RunVariables() {
    }

    /**
     * Every variable but {@code first_stage_output}, by id.
     *
     * @throws ApiException 400 {@code invalid_selection} if the selection is not a range of the text
     */
    static Map<String, String> of(String document, DocumentSnapshot snapshot, RunRequest request,
            String previousDocumentText) {
        String text = snapshot.text();
        RunRequest.Selection selection = request.selectionGiven()
                .orElse(new RunRequest.Selection(text.length(), text.length()));
        if (selection.from() < 0 || selection.from() > selection.to() || selection.to() > text.length()) {
            throw ApiException.badRequest("invalid_selection", "the selection " + selection.from() + ".."
                    + selection.to() + " is not a range of the document's text, which is " + text.length()
                    + " UTF-16 code units long (from <= to, both within it)");
        }
        Map<String, String> values = new HashMap<>();
        for (Variable variable : Variable.values()) {
            if (variable.source() == Variable.Source.STORY_BIBLE) {
                values.put(variable.id(), snapshot.storyBibleText(variable.id()));
            }
        }
        values.put(Variable.HIGHLIGHTED_TEXT.id(), text.substring(selection.from(), selection.to()));
        values.put(Variable.PRECEDING_TEXT.id(),
                text.substring(Math.max(0, selection.from() - CONTEXT_CHARS), selection.from()));
        values.put(Variable.FOLLOWING_TEXT.id(),
                text.substring(selection.to(), Math.min(text.length(), selection.to() + CONTEXT_CHARS)));
        values.put(Variable.DOCUMENT_TEXT.id(), text);
        values.put(Variable.DOCUMENT_NAME.id(), document);
        values.put(Variable.USER_TEXT_INPUT.id(), request.userInputOrEmpty());
        values.put(Variable.PREVIOUS_DOCUMENT_TEXT.id(), previousDocumentText);
        return values;
    }
}
