package dev.weft.server.comments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.protocol.extension.ExtensionMessage;
import dev.weft.server.http.EventSink;
import dev.weft.server.http.ServerSentEvent;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Sends live events to everyone allowed to see them, the moment they happen: to the sync WebSockets of the
 * document that opted in to the event's extension ({@code ?ext=comments}, {@code ?ext=notifications}) as
 * {@link ExtensionMessage}s, and to the server-sent event streams open on the document
 * ({@code GET /api/documents/{name}/events}) or on a subject's notifications ({@code GET /api/notifications/events}).
 *
 * <p>An event is one JSON object with a {@code type} and the {@code document}; the same text travels in the
 * extension message and as the SSE event's data (the SSE event's name is the type). Audiences are checked by
 * subject, as they were computed when the event happened. A stream outlives the request that authorized it, so
 * before each event it is asked whether its holder may still have it (a removed member, an unpublished link, an
 * expired token may not): one who may not is disconnected instead, as a socket is. Those checks may read the
 * database: publish from a thread that may block. Thread-safe.
 */
public final class LiveEvents {
    /** The extension of comment events: threads and comments created, edited, resolved, deleted. */
    public static final String COMMENTS = "comments";
    /** The extension of notifications, each sent only to its recipient. */
    public static final String NOTIFICATIONS = "notifications";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketPublisher sockets;
    private final Map<String, Set<Listener>> byDocument = new ConcurrentHashMap<>();
    private final Map<String, Set<Listener>> bySubject = new ConcurrentHashMap<>();
    private final AtomicLong eventIds = new AtomicLong();

    public LiveEvents(SocketPublisher sockets) {
        this.sockets = sockets;
    }

    /**
     * Streams {@code document}'s events to {@code sink} for as long as it is open, those {@code subject} may see.
     *
     * @param stillAllowed whether the stream's holder may still read the document, asked before each event
     */
    public void subscribe(String document, String subject, BooleanSupplier stillAllowed, EventSink sink) {
        Listener listener = new Listener(subject, sink, stillAllowed);
        byDocument.computeIfAbsent(document, d -> ConcurrentHashMap.newKeySet()).add(listener);
        sink.onClose(() -> byDocument.computeIfPresent(document, (d, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        }));
    }

    /**
     * Streams the notifications of {@code subject}, on every document, to {@code sink} for as long as it is open.
     *
     * @param stillAllowed whether the stream's holder is still accepted, asked before each notification
     */
    public void subscribeToNotifications(String subject, BooleanSupplier stillAllowed, EventSink sink) {
        Listener listener = new Listener(subject, sink, stillAllowed);
        bySubject.computeIfAbsent(subject, s -> ConcurrentHashMap.newKeySet()).add(listener);
        sink.onClose(() -> bySubject.computeIfPresent(subject, (s, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        }));
    }

    /**
     * Sends a comment event about {@code document} to its audience.
     *
     * @param type the event's type ({@code thread.created}, ...)
     * @param fields the event's other fields
     */
    public void publish(String document, String type, Map<String, ?> fields, Audience audience) {
        String json = eventJson(type, document, fields);
        sockets.publish(document, COMMENTS, new ExtensionMessage(COMMENTS, json).encode(),
                grant -> audience.includes(grant.subject()));
        ServerSentEvent event = new ServerSentEvent(Long.toString(eventIds.incrementAndGet()), type, json);
        for (Listener listener : byDocument.getOrDefault(document, Set.of())) {
            if (audience.includes(listener.subject())) {
                listener.deliver(event);
            }
        }
    }

    /** Sends a notification to {@code recipient}: on the document's sockets and streams, and its own stream. */
    public void notify(String recipient, String document, Map<String, ?> notification) {
        String json = eventJson("notification", document, Map.of("notification", notification));
        sockets.publish(document, NOTIFICATIONS, new ExtensionMessage(NOTIFICATIONS, json).encode(),
                grant -> recipient.equals(grant.subject()));
        ServerSentEvent event = new ServerSentEvent(Long.toString(eventIds.incrementAndGet()), "notification", json);
        for (Listener listener : byDocument.getOrDefault(document, Set.of())) {
            if (recipient.equals(listener.subject())) {
                listener.deliver(event);
            }
        }
        for (Listener listener : bySubject.getOrDefault(recipient, Set.of())) {
            listener.deliver(event);
        }
    }

    private static String eventJson(String type, String document, Map<String, ?> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("document", document);
        event.putAll(fields);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a live event as JSON", e);
        }
    }

    private record Listener(String subject, EventSink sink, BooleanSupplier stillAllowed) {
        /** Sends {@code event}, or disconnects a holder who may no longer have it (its client then learns why). */
        void deliver(ServerSentEvent event) {
            if (stillAllowed.getAsBoolean()) {
                sink.send(event);
            } else {
                sink.close();
            }
        }
    }
}
