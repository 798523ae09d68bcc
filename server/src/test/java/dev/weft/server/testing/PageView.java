package dev.weft.server.testing;

import java.util.List;

/**
 * What an {@link EditorPage} shows at one moment, read from its DOM.
 *
 * @param title the document title ("name · Weft")
 * @param doc the document name in the "Document" field
 * @param text the textarea's content
 * @param selection the textarea's selection start and end
 * @param status the status indicator's state: "connecting", "syncing", "synced", "disconnected" or "closed"
 * @param statusText the status as the person reads it
 * @param notice the notice shown above the editor (a refusal, a close), or null
 * @param name the user's name in "Your name"
 * @param people "Here now": the users whose awareness states the page holds, itself first
 * @param errors uncaught exceptions and console errors of the page so far (a working page has none)
 */
public record PageView(
        String title,
        String doc,
        String text,
        List<Integer> selection,
        String status,
        String statusText,
        String notice,
        String name,
        List<Person> people,
        List<String> errors) {

    public boolean synced() {
        return status.equals("synced");
    }

    /** The names in "Here now", in the page's order. */
    public List<String> names() {
        return people.stream().map(Person::name).toList();
    }

    /**
     * One entry of "Here now".
     *
     * @param clientId the awareness client id (the peer's Y.Doc client id)
     * @param name the name it publishes
     * @param self whether it is this page's own user
     */
    public record Person(long clientId, String name, boolean self) {
    }
}
