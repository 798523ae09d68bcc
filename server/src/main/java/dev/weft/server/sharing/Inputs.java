package dev.weft.server.sharing;

import dev.weft.server.auth.ReaderTokens;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.DocumentNames;

/** The checks of what the sharing API is sent: each answers 400 with a code naming the field. */
final class Inputs {
    static final int MAX_TITLE = 200;
    static final int MAX_SUBJECT = 256;
    static final int MAX_DISPLAY_NAME = 80;

    private Inputs() {
    }

    /** A document name, as the sync server accepts it in a URL. */
    static String documentName(String name) {
        if (name == null || !DocumentNames.isValid(name)) {
            throw ApiException.badRequest("invalid_name", "a document name is 1 to " + DocumentNames.MAX_LENGTH
                    + " characters without control characters");
        }
        return name;
    }

    /** A title, stripped of surrounding blanks. */
    static String title(String title) {
        return text(title, MAX_TITLE, "invalid_title", "a title");
    }

    /** A reader's display name, stripped of surrounding blanks. */
    static String displayName(String name) {
        return text(name, MAX_DISPLAY_NAME, "invalid_display_name", "a display name");
    }

    /** The subject of a collaborator: an application token's {@code sub}, never a reader's. */
    static String subject(String subject) {
        if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT || hasControl(subject)
                || subject.startsWith(ReaderTokens.SUBJECT_PREFIX)) {
            throw ApiException.badRequest("invalid_subject", "a collaborator is named by their token's subject: 1 to "
                    + MAX_SUBJECT + " characters, without control characters, not starting with "
                    + ReaderTokens.SUBJECT_PREFIX);
        }
        return subject;
    }

    private static String text(String value, int max, String code, String what) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty() || stripped.length() > max || hasControl(stripped)) {
            throw ApiException.badRequest(code, what + " is 1 to " + max + " characters without control characters");
        }
        return stripped;
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }
}
