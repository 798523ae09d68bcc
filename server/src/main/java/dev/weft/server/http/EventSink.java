package dev.weft.server.http;

/**
 * The open end of a server-sent event stream, for the feature that fills it. Thread-safe: events may be sent from
 * any thread, and are written in the order of the calls.
 */
public interface EventSink {

    /**
     * Writes one event. A client that does not keep up (its connection stays unwritable) is disconnected instead:
     * an {@code EventSource} reconnects by itself, and a page then reads the current state again.
     *
     * @return false if the stream is closed (the event went nowhere)
     */
    boolean send(ServerSentEvent event);

    /**
     * Runs {@code action} once the stream is closed, whoever closed it (at once if it is closed already): where a
     * feature unsubscribes the sink.
     */
    void onClose(Runnable action);

    /** Ends the stream and closes its connection. Idempotent. */
    void close();
}
