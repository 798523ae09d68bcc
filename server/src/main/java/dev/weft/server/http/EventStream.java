package dev.weft.server.http;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * An API answer that is a stream of server-sent events ({@code text/event-stream}) rather than a JSON body: the
 * handler authorizes the request, then answers {@link #response(Consumer)}; the dispatcher writes the headers and
 * hands the open {@link EventSink} to {@code onOpen}, which subscribes it to whatever it should carry.
 *
 * <pre>{@code
 * routes.get("/api/documents/{name}/events", request -> {
 *     Member member = access.require(request, name, Role.VIEWER);
 *     return EventStream.response(sink -> live.subscribe(name, member, sink));
 * });
 * }</pre>
 *
 * <p>The stream stays open until the client leaves, the server shuts down, or the client stops reading. A comment
 * line every {@link #HEARTBEAT_SECONDS} seconds keeps proxies from timing it out and finds dead connections; the
 * HTTP idle timeout does not apply to it.
 */
public final class EventStream {
    /** The interval of the heartbeat comment. */
    public static final int HEARTBEAT_SECONDS = 15;

    private final Consumer<EventSink> onOpen;

    private EventStream(Consumer<EventSink> onOpen) {
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    /** 200 with an event stream; {@code onOpen} is called with its sink once the headers are written. */
    public static ApiResponse response(Consumer<EventSink> onOpen) {
        return ApiResponse.ok(new EventStream(onOpen));
    }

    Consumer<EventSink> onOpen() {
        return onOpen;
    }
}
