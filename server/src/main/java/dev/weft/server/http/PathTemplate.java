package dev.weft.server.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path such as {@code /api/documents/{name}/links/{id}}: literal segments match as they are, each
 * {@code {placeholder}} matches one whole non-empty segment, percent-decoded (so a document name holding a
 * {@code /} is written {@code %2F} and stays one segment).
 */
final class PathTemplate {
    private final String template;
    private final List<String> segments;

    private PathTemplate(String template, List<String> segments) {
        this.template = template;
        this.segments = segments;
    }

    static PathTemplate parse(String template) {
        if (!template.startsWith("/") || template.endsWith("/") || template.contains("//")) {
            throw new IllegalArgumentException("a route is /segment/segment..., got " + template);
        }
        return new PathTemplate(template, List.of(template.substring(1).split("/")));
    }

    /** The placeholders' decoded values if {@code rawPath} matches, else empty. */
    Optional<Map<String, String>> match(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments.get(i);
            if (isPlaceholder(segment)) {
                Optional<String> value = DocumentNames.decode(parts[i]);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), value.get());
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static boolean isPlaceholder(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    @Override
    public String toString() {
        return template;
    }
}
