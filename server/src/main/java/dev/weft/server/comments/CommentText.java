package dev.weft.server.comments;

import dev.weft.server.http.ApiException;

/**
 * Comment bodies are plain text: stored and sent exactly as written, never interpreted as markup (clients show
 * them as text, so {@code <b>} is four characters). Checked here: present, not blank, within the length limit, and
 * free of control characters other than line breaks and tabs.
 */
final class CommentText {
    private CommentText() {
    }

    /**
     * @return {@code body} with surrounding whitespace stripped
     * @throws ApiException 400 {@code invalid_comment} saying what is wrong
     */
    static String check(String body, CommentLimits limits) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("invalid_comment", "a comment needs a non-blank \"body\"");
        }
        String stripped = body.strip();
        if (stripped.length() > limits.maxBodyChars()) {
            throw ApiException.badRequest("comment_too_long", "a comment has at most " + limits.maxBodyChars()
                    + " characters; this one has " + stripped.length());
        }
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw ApiException.badRequest("invalid_comment",
                        "a comment is plain text: control character U+%04X at %d".formatted((int) c, i));
            }
        }
        return stripped;
    }

    /** {@code text} cut to {@code max} characters (an ellipsis marking the cut), never inside a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
