package dev.weft.server.http;

import java.util.Objects;

/**
 * One server-sent event, as the {@code text/event-stream} format writes it: an id, an event name and data, which
 * is written one {@code data:} line per line of it.
 *
 * @param id the event's id (the browser's {@code lastEventId}); null for none
 * @param event the event's name ({@code addEventListener(name, ...)} in the browser); never null
 * @param data the data, usually one line of JSON
 */
public record ServerSentEvent(String id, String event, String data) {

    public ServerSentEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        if (hasLineBreak(event) || (id != null && hasLineBreak(id))) {
            throw new IllegalArgumentException("an event's name and id are single lines");
        }
    }

    /** The event in the wire format, ending with the blank line that dispatches it. */
    String format() {
        StringBuilder out = new StringBuilder(data.length() + event.length() + 32);
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        out.append("event: ").append(event).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString();
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    }
}
