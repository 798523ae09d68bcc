package dev.weft.server.plugins;

import java.util.List;

/** A prompt plugin's manifest that breaks the rules: every problem found, each naming its field. */
public final class InvalidManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidManifestException(List<String> problems) {
        super("invalid plugin: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
