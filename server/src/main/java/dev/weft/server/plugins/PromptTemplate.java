package dev.weft.server.plugins;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with {@code {{variable}}} placeholders (spaces inside the braces allowed). Deliberately not a template
 * engine: no sections, no escaping, no logic, so that what a template author writes is what the model reads, and
 * every placeholder can be checked against the seed list when the plugin is published.
 */
public final class PromptTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]*)\\s*}}");

    private final String text;
    private final Set<String> names;

    private PromptTemplate(String text, Set<String> names) {
        this.text = text;
        this.names = Collections.unmodifiableSet(names);
    }

    /**
     * Reads a template.
     *
     * @return the problems found (an empty placeholder, braces left open), none if the template is sound
     */
    public static PromptTemplate parse(String text, List<String> problems) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            if (matcher.group(1).isEmpty()) {
                problems.add("an empty placeholder {{}}");
            } else {
                names.add(matcher.group(1));
            }
            rest.append(text, last, matcher.start());
            last = matcher.end();
        }
        rest.append(text.substring(last));
        if (rest.indexOf("{{") >= 0 || rest.indexOf("}}") >= 0) {
            problems.add("a placeholder is not closed: write {{variable_name}}");
        }
        return new PromptTemplate(text, names);
    }

    /** The variable names the template uses, in order of first use. */
    public Set<String> names() {
        return names;
    }

    /** The template with each placeholder replaced by its value ({@code ""} when {@code values} has none). */
    public String render(Map<String, String> values) {
        return PLACEHOLDER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(
                values.getOrDefault(match.group(1), "")));
    }

    @Override
    public String toString() {
        return text;
    }
}
