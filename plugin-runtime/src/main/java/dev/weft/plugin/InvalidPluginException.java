package dev.weft.plugin;

import java.util.List;

/** A plugin package that breaks the rules: every problem found, each a sentence naming the field or import. */
public final class InvalidPluginException extends PluginException {
    private final List<String> problems;

    public InvalidPluginException(List<String> problems) {
        super(Reason.INVALID_PLUGIN, "invalid plugin: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidPluginException(String problem) {
        this(List.of(problem));
    }

    /** What is wrong, one entry per problem, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
