package dev.weft.server.canvas;

import java.util.List;

/** A proposed canvas element breaks the document model's rules; the message lists every problem. */
public final class InvalidCanvasElementException extends IllegalArgumentException {
    private final List<String> problems;

    InvalidCanvasElementException(List<String> problems) {
        super("invalid canvas element: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
