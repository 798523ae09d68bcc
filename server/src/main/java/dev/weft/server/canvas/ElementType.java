package dev.weft.server.canvas;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a canvas element is, with the size a new one gets when its proposal gives none. */
public enum ElementType {
    /** A scene or chapter card: a title line and a summary in its text. */
    CARD(240, 160),
    /** A sticky note. */
    NOTE(200, 200),
    /** A frame that holds other elements (an act, a subplot): they name it as their {@code parent}. */
    GROUP(640, 400),
    /** An arrow from one element to another; it has no geometry of its own (it follows its ends). */
    CONNECTOR(0, 0);

    private final double defaultWidth;
    private final double defaultHeight;

    ElementType(double defaultWidth, double defaultHeight) {
        this.defaultWidth = defaultWidth;
        this.defaultHeight = defaultHeight;
    }

    /** The name stored in the document and used in JSON: {@code card}, {@code note}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ElementType> fromId(String id) {
        return Arrays.stream(values()).filter(type -> type.id().equals(id)).findFirst();
    }

    /** Whether it has a position and a size (all but connectors). */
    public boolean placed() {
        return this != CONNECTOR;
    }

    double defaultWidth() {
        return defaultWidth;
    }

    double defaultHeight() {
        return defaultHeight;
    }
}
