package dev.weft.server.auth;

import java.util.Objects;

/**
 * A document name, or a pattern where {@code *} stands for any run of characters ({@code notes/*},
 * {@code *}), as a token's {@code docs} claim lists them.
 */
public record DocumentPattern(String pattern) {

    public DocumentPattern {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("an empty document pattern covers nothing");
        }
    }

    public boolean matches(String document) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(document);
        }
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (!document.startsWith(first) || document.length() < first.length() + last.length()) {
            return false;
        }
        int from = first.length();
        int end = document.length() - last.length();
        for (int i = 1; i < parts.length - 1; i++) {
            int at = document.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > end) {
                return false;
            }
            from = at + parts[i].length();
        }
        return document.endsWith(last);
    }
}
